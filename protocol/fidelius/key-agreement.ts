// ECDH as BouncyCastle's KeyAgreement("ECDH") computes it for Fidelius: the affine X coordinate of d·Q,
// 32 bytes big-endian, with no KDF applied (spec §8.2).
import { FIELD_BYTES, type AffinePoint } from './curve-parameters.js';
import { FideliusError } from './fidelius-error.js';
import { bigIntToBytes } from './integer-bytes.js';
import { decodePrivateKey, decodePublicKey } from './key-encoding.js';
import { agreementX } from './montgomery-ladder.js';

/** A private key as base64 (wire) or an already decoded scalar. */
export type PrivateKeyInput = string | bigint;
/** A public key as base64 raw/X.509 (wire) or an already decoded, on-curve point. */
export type PublicKeyInput = string | AffinePoint;

/** Names used in error messages, e.g. `{ privateKey: "the sender's private key", publicKey: "the requester's public key" }`. */
export interface AgreementLabels {
  privateKey?: string;
  publicKey?: string;
}

/** The 32-byte shared secret for our private key and the peer's public key. */
export function computeSharedSecret(privateKey: PrivateKeyInput, publicKey: PublicKeyInput, labels: AgreementLabels = {}): Uint8Array {
  const whosePublic = labels.publicKey ?? 'the public key';
  const d = typeof privateKey === 'string' ? decodePrivateKey(privateKey, labels.privateKey ?? 'the private key') : privateKey;
  const q = typeof publicKey === 'string' ? decodePublicKey(publicKey, whosePublic).point : publicKey;
  const x = agreementX(d, q);
  if (x === null) {
    throw new FideliusError('key-low-order', `${whosePublic} is a point of small order: the key agreement gives the point at infinity`);
  }
  return bigIntToBytes(x, FIELD_BYTES);
}
