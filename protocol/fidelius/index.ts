// Fidelius, ABDM's health-information encryption (spec §8): the public surface of protocol/fidelius.
export { FideliusError, isFideliusError, type FideliusReason } from './fidelius-error.js';
export { A, B, G, H, N, P, MONTGOMERY_A, isOnCurve, type AffinePoint } from './curve-parameters.js';
export {
  X509_EXPLICIT_HEADER,
  X509_NAMED_CURVE_HEADER,
  X509_PUBLIC_KEY_BYTES,
  RAW_PUBLIC_KEY_BYTES,
  decodePrivateKey,
  decodePublicKey,
  decodePublicKeyBytes,
  encodePrivateKey,
  encodePublicKeyRaw,
  encodePublicKeyX509,
  type DecodedPublicKey,
  type PublicKeyEncoding,
} from './key-encoding.js';
export { computeSharedSecret, type PrivateKeyInput, type PublicKeyInput } from './key-agreement.js';
export { NONCE_BYTES, decodeNonce, deriveSessionKey, type SessionKey } from './session-key.js';
export { SessionCipher, type FideliusRole, type SessionCipherOptions } from './session-cipher.js';
export { encrypt, decrypt, decryptBytes, type EncryptRequest, type DecryptRequest } from './fidelius-cli-operations.js';
export {
  cryptoRandomBytes,
  seededRandomBytes,
  generateKeyPair,
  generateNonce,
  generatePrivateScalar,
  derivePublicKey,
  encodePublicKeys,
  type FideliusKeyPair,
  type RandomBytes,
} from './key-pair.js';
