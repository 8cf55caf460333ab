// Wire encodings of Fidelius keys (spec §8.1): public keys as a raw uncompressed point (65 bytes, 88 base64
// chars) or X.509 SubjectPublicKeyInfo (309 bytes, 412 chars); private keys as Java BigInteger.toByteArray().
import { FIELD_BYTES, N, P, isOnCurve, mod, type AffinePoint } from './curve-parameters.js';
import { FideliusError } from './fidelius-error.js';
import { bigIntFromBytes, bigIntFromSignedBytes, bigIntToBytes, bigIntToSignedBytes } from './integer-bytes.js';
import { decodeBase64, encodeBase64 } from './strict-base64.js';

/** Length of the raw point 0x04 || X || Y. */
export const RAW_PUBLIC_KEY_BYTES = 65;

/**
 * The 244 bytes BouncyCastle writes before the point in every curve25519 `x509PublicKey`: SPKI with
 * id-ecPublicKey and the explicit curve parameters (prime field p, a, b, G, n, h = 8). Identical for every key.
 */
export const X509_EXPLICIT_HEADER = Uint8Array.from(
  Buffer.from(
    [
      '308201313081ea06072a8648ce3d02013081de020101', // SEQUENCE SubjectPublicKeyInfo, SEQUENCE AlgorithmIdentifier, OID id-ecPublicKey, SEQUENCE ECParameters, version 1
      '302b06072a8648ce3d010102207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffed', // fieldID: OID prime-field, INTEGER p = 2^255 - 19
      '304404202aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa984914a144', // curve: OCTET STRING a
      '04207b425ed097b425ed097b425ed097b425ed097b425ed097b4260b5e9c7710c864', // OCTET STRING b
      '0441042aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaad245a20ae19a1b8a086b4e01edd2c7748d14c923d4d7e6d7c61b229e9c5a27eced3d9', // base: OCTET STRING 04 || Gx || Gy
      '02201000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed', // order: INTEGER n
      '020108034200', // cofactor: INTEGER 8; BIT STRING header of the 65-byte point
    ].join(''),
    'hex',
  ),
);

/**
 * SPKI naming the curve by BouncyCastle's OID for it (cryptlib curvey25519, 1.3.6.1.4.1.3029.1.5.1), which BC
 * emits when a key carries a named-curve spec. Accepted on input; Fidelius peers send the explicit form.
 */
export const X509_NAMED_CURVE_HEADER = Uint8Array.from(
  Buffer.from('305b301506072a8648ce3d0201060a2b060104019755010501034200', 'hex'),
);

/** Length of the X.509 form BouncyCastle emits. */
export const X509_PUBLIC_KEY_BYTES = X509_EXPLICIT_HEADER.length + RAW_PUBLIC_KEY_BYTES;

/** How a public key arrived. */
export type PublicKeyEncoding = 'raw' | 'x509-explicit' | 'x509-named-curve';

export interface DecodedPublicKey {
  readonly point: AffinePoint;
  readonly encoding: PublicKeyEncoding;
}

// Other keys partners paste by mistake, recognised by their algorithm OID bytes so the error can name them.
const FOREIGN_KEYS: ReadonlyArray<{ oid: string; name: string }> = [
  { oid: '06032b656e', name: 'an X25519 (RFC 8410) key: Fidelius uses BouncyCastle curve25519 in Weierstrass form, not X25519' },
  { oid: '06032b6570', name: 'an Ed25519 key, not a Fidelius ECDH key' },
  { oid: '06082a8648ce3d030107', name: 'a P-256 (prime256v1) key, not curve25519' },
  { oid: '06052b8104000a', name: 'a secp256k1 key, not curve25519' },
];

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function containsBytes(haystack: Uint8Array, needleHex: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needleHex, 'hex'));
}

function expectedForms(): string {
  return `expected a 65-byte raw point (88 base64 chars) or a ${X509_PUBLIC_KEY_BYTES}-byte X.509 key (412 chars)`;
}

/** Checks a raw 0x04 || X || Y point and returns it; `whose` is e.g. "the sender's public key". */
function decodeRawPoint(bytes: Uint8Array, whose: string): AffinePoint {
  if (bytes[0] !== 0x04) {
    throw new FideliusError('bad-key-encoding', `${whose} starts with 0x${bytes[0].toString(16).padStart(2, '0')}; an uncompressed point starts with 0x04`);
  }
  const point = {
    x: bigIntFromBytes(bytes.subarray(1, 1 + FIELD_BYTES)),
    y: bigIntFromBytes(bytes.subarray(1 + FIELD_BYTES)),
  };
  if (point.x >= P || point.y >= P) {
    throw new FideliusError('key-not-on-curve', `${whose} has a coordinate larger than the field prime 2^255 − 19`);
  }
  if (!isOnCurve(point)) {
    throw new FideliusError(
      'key-not-on-curve',
      `${whose} is not a point on curve25519 in Weierstrass form (y² ≠ x³ + ax + b); was it made for X25519 or another curve?`,
    );
  }
  return point;
}

/** Decodes bytes of a public key in any accepted encoding. */
export function decodePublicKeyBytes(bytes: Uint8Array, whose = 'the public key'): DecodedPublicKey {
  if (bytes.length === RAW_PUBLIC_KEY_BYTES) return { point: decodeRawPoint(bytes, whose), encoding: 'raw' };
  const header = bytes.subarray(0, bytes.length - RAW_PUBLIC_KEY_BYTES);
  if (bytes.length > RAW_PUBLIC_KEY_BYTES && equalBytes(header, X509_EXPLICIT_HEADER)) {
    return { point: decodeRawPoint(bytes.subarray(header.length), whose), encoding: 'x509-explicit' };
  }
  if (bytes.length > RAW_PUBLIC_KEY_BYTES && equalBytes(header, X509_NAMED_CURVE_HEADER)) {
    return { point: decodeRawPoint(bytes.subarray(header.length), whose), encoding: 'x509-named-curve' };
  }
  if (bytes[0] === 0x30) {
    const foreign = FOREIGN_KEYS.find((k) => containsBytes(bytes.subarray(0, 32), k.oid));
    if (foreign) throw new FideliusError('bad-key-encoding', `${whose} is ${foreign.name}`);
    if (bytes.length === X509_PUBLIC_KEY_BYTES) {
      throw new FideliusError('bad-key-encoding', `${whose} is a ${bytes.length}-byte X.509 key whose curve parameters are not BouncyCastle's curve25519`);
    }
    throw new FideliusError('bad-key-encoding', `${whose} is a ${bytes.length}-byte DER structure that is not a curve25519 X.509 key; ${expectedForms()}`);
  }
  if (bytes.length === 33 && (bytes[0] === 0x02 || bytes[0] === 0x03)) {
    throw new FideliusError('bad-key-encoding', `${whose} is a 33-byte compressed point; Fidelius peers exchange the uncompressed form (0x04 || X || Y, 65 bytes)`);
  }
  const hint = bytes.length === 32 ? ' (32 bytes looks like an X25519 key or a private key)' : '';
  throw new FideliusError('bad-key-encoding', `${whose} is ${bytes.length} bytes${hint}; ${expectedForms()}`);
}

/** Decodes a base64 public key, raw or X.509 (a PEM block is unwrapped first). */
export function decodePublicKey(value: string, whose = 'the public key'): DecodedPublicKey {
  const pem = typeof value === 'string' ? /^\s*-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----\s*$/.exec(value) : null;
  const text = pem ? pem[1].replace(/\s+/g, '') : value;
  return decodePublicKeyBytes(decodeBase64(text, whose), whose);
}

/** 0x04 || X || Y, 65 bytes. */
export function encodePublicKeyRawBytes(point: AffinePoint): Uint8Array {
  const out = new Uint8Array(RAW_PUBLIC_KEY_BYTES);
  out[0] = 0x04;
  out.set(bigIntToBytes(point.x, FIELD_BYTES), 1);
  out.set(bigIntToBytes(point.y, FIELD_BYTES), 1 + FIELD_BYTES);
  return out;
}

/** The raw form as fidelius-cli prints `publicKey`: 88 base64 characters. */
export function encodePublicKeyRaw(point: AffinePoint): string {
  return encodeBase64(encodePublicKeyRawBytes(point));
}

/** The X.509 form as fidelius-cli prints `x509PublicKey` (and WRAP's HIP puts in keyValue): 412 characters. */
export function encodePublicKeyX509(point: AffinePoint): string {
  const out = new Uint8Array(X509_PUBLIC_KEY_BYTES);
  out.set(X509_EXPLICIT_HEADER, 0);
  out.set(encodePublicKeyRawBytes(point), X509_EXPLICIT_HEADER.length);
  return encodeBase64(out);
}

/**
 * Decodes a private key as fidelius-cli does (`new BigInteger(base64-decoded bytes)`: signed big-endian, so a
 * 33-byte form with a leading 0x00 and shorter forms are all valid) and reduces it modulo n, as BouncyCastle's
 * agreement does. Rejects keys that are empty, too long, or ≡ 0 (mod n).
 */
export function decodePrivateKey(value: string, whose = 'the private key'): bigint {
  const bytes = decodeBase64(value, whose);
  if (bytes.length > 33) {
    const hint =
      bytes.length === RAW_PUBLIC_KEY_BYTES || bytes.length === X509_PUBLIC_KEY_BYTES ? ' (that is the size of a public key: were the arguments swapped?)' : '';
    throw new FideliusError('bad-key-encoding', `${whose} is ${bytes.length} bytes${hint}; expected at most 33 bytes (Java BigInteger.toByteArray() of a 253-bit scalar)`);
  }
  const scalar = mod(bigIntFromSignedBytes(bytes), N);
  if (scalar === 0n) throw new FideliusError('bad-private-key', `${whose} is zero modulo the curve order n, so it has no public key`);
  return scalar;
}

/** A private scalar as fidelius-cli prints `privateKey`: base64 of Java BigInteger.toByteArray(). */
export function encodePrivateKey(scalar: bigint): string {
  return encodeBase64(bigIntToSignedBytes(scalar));
}
