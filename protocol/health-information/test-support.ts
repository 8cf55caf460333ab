// Deterministic key material for the health-information tests: an HIU and a HIP with seeded keys.
import { Rng } from '../random.js';
import { generateKeyPair, generateNonce, seededRandomBytes, type FideliusKeyPair } from '../fidelius/index.js';
import { buildKeyMaterial, type KeyMaterial } from './key-material.js';

export const NOW = Date.parse('2026-03-01T10:00:00.000Z');
export const EXPIRY = '2026-03-31T10:00:00.000Z';

export interface Party {
  keyPair: FideliusKeyPair;
  nonce: string;
  keyMaterial: KeyMaterial;
}

/** A party with keys drawn from `seed`. */
export function party(seed: number, publicKeyEncoding: 'x509' | 'raw' = 'raw'): Party {
  const random = seededRandomBytes(new Rng(seed));
  const keyPair = generateKeyPair(random);
  const nonce = generateNonce(random);
  return { keyPair, nonce, keyMaterial: buildKeyMaterial({ keyPair, nonce, expiry: EXPIRY, publicKeyEncoding }) };
}
