// From shared secret and the two nonces to the AES key and IV (spec §8.2): XOR the nonces, the first 20 bytes
// are the HKDF salt and the last 12 the GCM IV; HKDF-SHA256 with empty info stretches the secret to 32 bytes.
import { hkdfSync } from 'node:crypto';
import { FideliusError } from './fidelius-error.js';
import { decodeBase64 } from './strict-base64.js';

export const NONCE_BYTES = 32;
const SALT_BYTES = 20;
const AES_KEY_BYTES = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SessionKey {
  readonly aesKey: Uint8Array;
  readonly iv: Uint8Array;
}

/** Decodes a base64 nonce and insists on 32 bytes (fidelius-cli would silently cycle a shorter one). */
export function decodeNonce(value: string, whose = 'the nonce'): Uint8Array {
  if (typeof value === 'string' && UUID.test(value.trim())) {
    // The v3 swagger types nonce as "uuid"; real peers send 32 random bytes.
    throw new FideliusError('nonce-length', `${whose} is a UUID; expected 32 random bytes (44 base64 characters), whatever the swagger's "uuid" format says`);
  }
  const bytes = decodeBase64(value, whose);
  if (bytes.length !== NONCE_BYTES) {
    throw new FideliusError('nonce-length', `${whose} is ${bytes.length} bytes; expected 32 random bytes (44 base64 characters)`);
  }
  return bytes;
}

/** AES key and IV from the shared secret and both nonces; the order of the nonces does not matter. */
export function deriveSessionKey(sharedSecret: Uint8Array, nonce: Uint8Array, peerNonce: Uint8Array): SessionKey {
  if (nonce.length !== NONCE_BYTES || peerNonce.length !== NONCE_BYTES) {
    throw new FideliusError('nonce-length', `nonces must be 32 bytes; got ${nonce.length} and ${peerNonce.length}`);
  }
  const xor = new Uint8Array(NONCE_BYTES);
  for (let i = 0; i < NONCE_BYTES; i++) xor[i] = nonce[i] ^ peerNonce[i];
  const salt = xor.subarray(0, SALT_BYTES);
  const aesKey = new Uint8Array(hkdfSync('sha256', sharedSecret, salt, new Uint8Array(0), AES_KEY_BYTES));
  return { aesKey, iv: xor.slice(SALT_BYTES) };
}
