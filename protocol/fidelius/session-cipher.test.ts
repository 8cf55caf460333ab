import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { decrypt, encrypt } from './fidelius-cli-operations.js';
import { bigIntToSignedBytes } from './integer-bytes.js';
import { derivePublicKey, generateKeyPair, generateNonce, seededRandomBytes, type FideliusKeyPair } from './key-pair.js';
import { SessionCipher } from './session-cipher.js';

const random = seededRandomBytes(new Rng(20240601));
const bundle = JSON.stringify({ resourceType: 'Bundle', id: 'b-1', type: 'document', entry: [{ fullUrl: 'urn:uuid:1', resource: { resourceType: 'Composition', title: 'Prescription — रोगी' } }] });

function roundTrip(sender: FideliusKeyPair, requester: FideliusKeyPair, form: 'publicKey' | 'x509PublicKey', text = bundle): string {
  const senderNonce = generateNonce(random);
  const requesterNonce = generateNonce(random);
  const encrypted = encrypt({ plaintext: text, senderNonce, requesterNonce, senderPrivateKey: sender.privateKey, requesterPublicKey: requester[form] });
  return decrypt({ encrypted, requesterNonce, senderNonce, requesterPrivateKey: requester.privateKey, senderPublicKey: sender[form] });
}

/** A key pair whose private key has the given toByteArray() length (31 = leading zero byte, 33 = top bit set). */
function keyPairWithEncodedLength(length: 31 | 33): FideliusKeyPair {
  const body = random(32);
  if (length === 31) body[0] = 0;
  else body[0] |= 0x80;
  const bytes = length === 33 ? Buffer.concat([Buffer.from([0]), body]) : Buffer.from(body.subarray(1));
  const privateKey = bytes.toString('base64');
  expect(Buffer.from(privateKey, 'base64')).toHaveLength(length);
  return { privateKey, ...derivePublicKey(privateKey) };
}

describe('encrypt / decrypt round trips', () => {
  it('round-trips random key pairs in both public-key encodings, including non-ASCII text', () => {
    for (let i = 0; i < 4; i++) {
      const sender = generateKeyPair(random);
      const requester = generateKeyPair(random);
      expect(roundTrip(sender, requester, 'publicKey')).toBe(bundle);
      expect(roundTrip(sender, requester, 'x509PublicKey')).toBe(bundle);
    }
  });

  it('round-trips private keys whose toByteArray() is 33 bytes or shorter than 32', () => {
    expect(bigIntToSignedBytes(1n << 255n)).toHaveLength(33);
    for (const length of [31, 33] as const) {
      const odd = keyPairWithEncodedLength(length);
      const normal = generateKeyPair(random);
      expect(roundTrip(odd, normal, 'publicKey')).toBe(bundle);
      expect(roundTrip(normal, odd, 'x509PublicKey')).toBe(bundle);
    }
  });

  it('round-trips an empty plaintext and a 50 KB one', () => {
    const sender = generateKeyPair(random);
    const requester = generateKeyPair(random);
    expect(roundTrip(sender, requester, 'publicKey', '')).toBe('');
    const big = JSON.stringify({ resourceType: 'Bundle', note: 'x'.repeat(50_000) });
    expect(roundTrip(sender, requester, 'publicKey', big)).toBe(big);
  });
});

describe('decryption failures', () => {
  const sender = generateKeyPair(random);
  const requester = generateKeyPair(random);
  const senderNonce = generateNonce(random);
  const requesterNonce = generateNonce(random);
  const encrypted = encrypt({ plaintext: bundle, senderNonce, requesterNonce, senderPrivateKey: sender.privateKey, requesterPublicKey: requester.publicKey });
  const attempt = (overrides: Partial<Parameters<typeof decrypt>[0]>) => () =>
    decrypt({ encrypted, requesterNonce, senderNonce, requesterPrivateKey: requester.privateKey, senderPublicKey: sender.publicKey, ...overrides });
  const decryptFailed = expect.objectContaining({ reason: 'decrypt-failed', message: expect.stringContaining('AES-GCM authentication failed') });

  it('fails with decrypt-failed when one side\'s nonce is used twice or a nonce from another session is used', () => {
    expect(attempt({ senderNonce: requesterNonce })).toThrow(decryptFailed);
    expect(attempt({ requesterNonce: senderNonce })).toThrow(decryptFailed);
    expect(attempt({ senderNonce: generateNonce(random) })).toThrow(decryptFailed);
  });

  it('fails with decrypt-failed when one ciphertext bit is flipped, or the tag is cut', () => {
    for (const position of [0, 10, Buffer.from(encrypted, 'base64').length - 1]) {
      const bytes = Buffer.from(encrypted, 'base64');
      bytes[position] ^= 0x01;
      expect(attempt({ encrypted: bytes.toString('base64') })).toThrow(decryptFailed);
    }
    expect(attempt({ encrypted: Buffer.from(encrypted, 'base64').subarray(0, 10).toString('base64') })).toThrow(/shorter than the 16-byte GCM tag/);
  });

  it('fails with decrypt-failed with the wrong private key or the wrong peer key', () => {
    const stranger = generateKeyPair(random);
    expect(attempt({ requesterPrivateKey: stranger.privateKey })).toThrow(decryptFailed);
    expect(attempt({ senderPublicKey: stranger.x509PublicKey })).toThrow(decryptFailed);
  });

  it('names the nonce that is not 32 bytes, and spots a UUID', () => {
    expect(attempt({ senderNonce: Buffer.alloc(16).toString('base64') })).toThrow(
      expect.objectContaining({ reason: 'nonce-length', message: "the sender's nonce is 16 bytes; expected 32 random bytes (44 base64 characters)" }),
    );
    expect(attempt({ requesterNonce: '3fa85f64-5717-4562-b3fc-2c963f66afa6' })).toThrow(expect.objectContaining({ reason: 'nonce-length', message: expect.stringContaining("the requester's nonce is a UUID") }));
  });

  it('names the key that failed to decode', () => {
    expect(attempt({ senderPublicKey: sender.publicKey.slice(4) })).toThrow(/^the sender's public key is/);
    expect(attempt({ requesterPrivateKey: '%%' })).toThrow(/^the requester's private key is not valid base64/);
  });
});

describe('a session', () => {
  it('encrypts many payloads with one agreement and is deterministic for fixed keys and nonces', () => {
    const sender = generateKeyPair(random);
    const requester = generateKeyPair(random);
    const [n1, n2] = [generateNonce(random), generateNonce(random)];
    const outbound = SessionCipher.create({ role: 'sender', privateKey: sender.privateKey, peerPublicKey: requester.publicKey, nonce: n1, peerNonce: n2 });
    const inbound = SessionCipher.create({ role: 'requester', privateKey: requester.privateKey, peerPublicKey: sender.x509PublicKey, nonce: n2, peerNonce: n1 });
    for (const text of ['a', 'bb', bundle]) expect(Buffer.from(inbound.decrypt(outbound.encrypt(text))).toString()).toBe(text);
    expect(outbound.encrypt(bundle)).toBe(outbound.encrypt(bundle));
  });
});
