// Key pairs and nonces shaped like fidelius-cli's `gkm` output. Randomness is injected: crypto-random bytes for
// real partners, a seeded source for deterministic sandbox runs (same seed, same keys, same ciphertext).
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { Rng } from '../random.js';
import { N, type AffinePoint } from './curve-parameters.js';
import { bigIntFromBytes } from './integer-bytes.js';
import { decodePrivateKey, encodePrivateKey, encodePublicKeyRaw, encodePublicKeyX509 } from './key-encoding.js';
import { publicPoint } from './montgomery-ladder.js';
import { NONCE_BYTES } from './session-key.js';
import { encodeBase64 } from './strict-base64.js';

/** A source of random bytes: `(n) => n bytes`. */
export type RandomBytes = (length: number) => Uint8Array;

/** Cryptographically secure bytes from node:crypto. Use for anything a real partner will rely on. */
export const cryptoRandomBytes: RandomBytes = (length) => new Uint8Array(nodeRandomBytes(length));

/** Deterministic bytes from a seeded Rng: sandbox worlds and tests only, never real secrets. */
export function seededRandomBytes(rng: Rng): RandomBytes {
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = rng.uint32() & 0xff;
    return out;
  };
}

/** fidelius-cli's key pair: base64 private key, raw public key (88 chars) and X.509 public key (412 chars). */
export interface FideliusKeyPair {
  readonly privateKey: string;
  readonly publicKey: string;
  readonly x509PublicKey: string;
}

const N_BITS = N.toString(2).length; // 253
const MIN_NAF_WEIGHT = N_BITS >>> 2;

/** Number of non-zero digits in the non-adjacent form of k. */
function nafWeight(k: bigint): number {
  let diff = (3n * k) ^ k;
  let count = 0;
  while (diff > 0n) {
    count += Number(diff & 1n);
    diff >>= 1n;
  }
  return count;
}

/**
 * A private scalar drawn as BouncyCastle's ECKeyPairGenerator draws it: 253 random bits, retried until
 * 1 ≤ d < n and the NAF weight is at least n.bitLength()/4.
 */
export function generatePrivateScalar(randomBytes: RandomBytes): bigint {
  for (;;) {
    const bytes = randomBytes(32);
    if (bytes.length !== 32) throw new RangeError('generatePrivateScalar: randomBytes(32) returned the wrong length');
    bytes[0] &= 0xff >>> (8 * 32 - N_BITS);
    const d = bigIntFromBytes(bytes);
    if (d >= 1n && d < N && nafWeight(d) >= MIN_NAF_WEIGHT) return d;
  }
}

/** Both public encodings of a point. */
export function encodePublicKeys(point: AffinePoint): { publicKey: string; x509PublicKey: string } {
  return { publicKey: encodePublicKeyRaw(point), x509PublicKey: encodePublicKeyX509(point) };
}

/** The public key (both encodings) of a base64 private key or scalar. */
export function derivePublicKey(privateKey: string | bigint): { publicKey: string; x509PublicKey: string } {
  const d = typeof privateKey === 'string' ? decodePrivateKey(privateKey) : privateKey;
  return encodePublicKeys(publicPoint(d));
}

/** A fresh key pair in fidelius-cli's encodings. */
export function generateKeyPair(randomBytes: RandomBytes): FideliusKeyPair {
  const d = generatePrivateScalar(randomBytes);
  return { privateKey: encodePrivateKey(d), ...encodePublicKeys(publicPoint(d)) };
}

/** A fresh 32-byte nonce, base64 (44 characters). */
export function generateNonce(randomBytes: RandomBytes): string {
  const bytes = randomBytes(NONCE_BYTES);
  if (bytes.length !== NONCE_BYTES) throw new RangeError('generateNonce: randomBytes(32) returned the wrong length');
  return encodeBase64(bytes);
}
