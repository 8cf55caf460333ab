import { describe, expect, it } from 'vitest';
import { A, B, G, MONTGOMERY_SHIFT, N, P, isOnCurve, mod } from './curve-parameters.js';
import { FIDELIUS_CLI_VECTOR as V } from './fidelius-test-vector.js';
import { bigIntFromBytes, bigIntToSignedBytes } from './integer-bytes.js';
import {
  X509_EXPLICIT_HEADER,
  X509_NAMED_CURVE_HEADER,
  decodePrivateKey,
  decodePublicKey,
  encodePrivateKey,
  encodePublicKeyRaw,
  encodePublicKeyRawBytes,
  encodePublicKeyX509,
} from './key-encoding.js';

const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString('base64');
const rawBytes = () => Buffer.from(V.requester.publicKey, 'base64');

describe('public keys', () => {
  it('decodes the raw and the X.509 form of the same key to the same point', () => {
    const raw = decodePublicKey(V.requester.publicKey);
    const x509 = decodePublicKey(V.requester.x509PublicKey);
    expect(raw.encoding).toBe('raw');
    expect(x509.encoding).toBe('x509-explicit');
    expect(x509.point).toEqual(raw.point);
    expect(encodePublicKeyRaw(raw.point)).toBe(V.requester.publicKey);
    expect(encodePublicKeyX509(raw.point)).toBe(V.requester.x509PublicKey);
  });

  it('accepts a named-curve SPKI (BouncyCastle curvey25519 OID) and a PEM block', () => {
    const named = b64(Buffer.concat([X509_NAMED_CURVE_HEADER, rawBytes()]));
    expect(decodePublicKey(named)).toEqual({ point: decodePublicKey(V.requester.publicKey).point, encoding: 'x509-named-curve' });
    const pem = `-----BEGIN PUBLIC KEY-----\n${V.requester.x509PublicKey.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
    expect(decodePublicKey(pem).encoding).toBe('x509-explicit');
  });

  it('says how long a wrong-length key is and what was expected', () => {
    const key64 = b64(rawBytes().subarray(1));
    expect(() => decodePublicKey(key64, "the sender's public key")).toThrow(
      "the sender's public key is 64 bytes; expected a 65-byte raw point (88 base64 chars) or a 309-byte X.509 key (412 chars)",
    );
    expect(() => decodePublicKey(key64)).toThrow(expect.objectContaining({ reason: 'bad-key-encoding' }));
  });

  it('recognises the keys partners paste by mistake', () => {
    const x25519Spki = Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), Buffer.alloc(32, 7)]);
    expect(() => decodePublicKey(b64(x25519Spki))).toThrow(/X25519 \(RFC 8410\)/);
    expect(() => decodePublicKey(b64(Buffer.alloc(32, 9)))).toThrow(/32 bytes looks like an X25519 key or a private key/);
    const compressed = Buffer.concat([Buffer.from([0x02]), rawBytes().subarray(1, 33)]);
    expect(() => decodePublicKey(b64(compressed))).toThrow(/compressed point/);
    const wrongPrefix = Buffer.from(rawBytes());
    wrongPrefix[0] = 0x05;
    expect(() => decodePublicKey(b64(wrongPrefix))).toThrow(/starts with 0x05/);
  });

  it('rejects an X.509 key whose curve parameters differ from curve25519', () => {
    const tampered = Buffer.from(V.requester.x509PublicKey, 'base64');
    tampered[60] ^= 1; // inside the encoded prime p
    expect(() => decodePublicKey(b64(tampered))).toThrow(/curve parameters are not BouncyCastle's curve25519/);
  });

  it('rejects points that are not on the curve', () => {
    const offCurve = encodePublicKeyRawBytes({ x: G.x, y: mod(G.y + 1n) });
    expect(() => decodePublicKey(b64(offCurve), "the requester's public key")).toThrow(
      expect.objectContaining({ reason: 'key-not-on-curve', message: expect.stringContaining("the requester's public key is not a point on curve25519") }),
    );
    const x509OffCurve = Buffer.from(V.requester.x509PublicKey, 'base64');
    x509OffCurve[x509OffCurve.length - 1] ^= 1;
    expect(() => decodePublicKey(b64(x509OffCurve))).toThrow(expect.objectContaining({ reason: 'key-not-on-curve' }));
    const big = Buffer.from(rawBytes());
    big.fill(0xff, 1, 33);
    expect(() => decodePublicKey(b64(big))).toThrow(/larger than the field prime/);
  });

  it('rejects base64url and stray characters with a clear message', () => {
    const urlSafe = Buffer.from(V.sender.publicKey, 'base64').toString('base64url');
    expect(urlSafe).toMatch(/[-_]/);
    expect(() => decodePublicKey(urlSafe)).toThrow(expect.objectContaining({ reason: 'bad-base64', message: expect.stringContaining('base64url') }));
    expect(() => decodePublicKey('BAhe*D5rU=')).toThrow(/unexpected character "\*"/);
    expect(() => decodePublicKey('')).toThrow(/is empty/);
  });
});

describe('private keys (Java BigInteger.toByteArray())', () => {
  it('reads the vector keys and writes them back unchanged', () => {
    for (const key of [V.requester.privateKey, V.sender.privateKey]) expect(encodePrivateKey(decodePrivateKey(key))).toBe(key);
  });

  it('writes a leading 0x00 when the top bit is set, and fewer bytes when the scalar is small', () => {
    expect([...bigIntToSignedBytes(0x80n)]).toEqual([0x00, 0x80]);
    expect([...bigIntToSignedBytes(0x7fn)]).toEqual([0x7f]);
    expect([...bigIntToSignedBytes(-1n)]).toEqual([0xff]);
    expect([...bigIntToSignedBytes(-129n)]).toEqual([0xff, 0x7f]);
    const topBit = (1n << 255n) + 12345n;
    expect(bigIntToSignedBytes(topBit)).toHaveLength(33);
    const small = 0x1234n;
    expect(Buffer.from(encodePrivateKey(small), 'base64')).toHaveLength(2);
  });

  it('reads 33-byte and short encodings as the same integers Java would', () => {
    const wide = Buffer.concat([Buffer.from([0x00]), Buffer.alloc(32, 0xee)]);
    expect(decodePrivateKey(b64(wide))).toBe(mod(bigIntFromBytes(wide), N));
    expect(decodePrivateKey(b64(Buffer.from([0x01, 0x02])))).toBe(0x0102n);
    // Java reads a set top bit as a negative number; BouncyCastle's agreement then reduces it modulo n.
    expect(decodePrivateKey(b64(Buffer.from([0xff])))).toBe(N - 1n);
  });

  it('explains a public key passed where the private key belongs, and refuses zero', () => {
    expect(() => decodePrivateKey(V.sender.publicKey, "the sender's private key")).toThrow(/65 bytes \(that is the size of a public key: were the arguments swapped\?\)/);
    expect(() => decodePrivateKey(b64(Buffer.from([0])))).toThrow(expect.objectContaining({ reason: 'bad-private-key' }));
    expect(() => decodePrivateKey(b64(Buffer.from(N.toString(16).padStart(64, '0'), 'hex')))).toThrow(expect.objectContaining({ reason: 'bad-private-key' }));
  });

});

describe('curve constants', () => {
  it('match the explicit parameters inside every fidelius-cli X.509 key', () => {
    const header = Buffer.from(X509_EXPLICIT_HEADER).toString('hex');
    for (const value of [P, A, B, G.x, G.y, N]) expect(header).toContain(value.toString(16).padStart(64, '0'));
    expect(isOnCurve(G)).toBe(true);
    expect(mod(G.x - MONTGOMERY_SHIFT)).toBe(9n); // the Montgomery base point u = 9
  });
});
