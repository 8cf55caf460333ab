// ABDM's `keyMaterial` object (spec §5.9, §5.10, §6.6): the Fidelius public key and nonce one side publishes,
// in the HIU's health-information request and again, with the HIP's own key, on every data push.
import { isoUtc } from '../clock.js';
import { decodeNonce, decodePublicKey, FideliusError, type AffinePoint, type FideliusKeyPair } from '../fidelius/index.js';
import { parseAbdmTimestamp } from './abdm-timestamp.js';

export const CRYPTO_ALG = 'ECDH';
/** The spec's enum spelling; WRAP and the v3 examples use "curve25519", so readers compare case-insensitively. */
export const CURVE = 'Curve25519';
export const DH_PARAMETERS = 'Curve25519/32byte random key';

export interface DhPublicKey {
  /** ISO timestamp chosen by the key owner (WRAP's HIU uses the consent's dataEraseAt). */
  expiry: string;
  parameters: string;
  /** base64 public key: raw (88 chars) or X.509 (412 chars). */
  keyValue: string;
}

export interface KeyMaterial {
  cryptoAlg: string;
  curve: string;
  dhPublicKey: DhPublicKey;
  /** base64 of 32 random bytes. */
  nonce: string;
}

export interface BuildKeyMaterialOptions {
  keyPair: FideliusKeyPair;
  nonce: string;
  /** An ISO timestamp, or epoch milliseconds (written as ISO UTC). */
  expiry: string | number;
  /** Which public-key form goes in keyValue: X.509 (WRAP's HIP, ProjectEKA HIUs) or raw (WRAP's HIU). Default X.509. */
  publicKeyEncoding?: 'x509' | 'raw';
}

/** keyMaterial publishing `keyPair`'s public key and `nonce`. */
export function buildKeyMaterial(options: BuildKeyMaterialOptions): KeyMaterial {
  const keyValue = options.publicKeyEncoding === 'raw' ? options.keyPair.publicKey : options.keyPair.x509PublicKey;
  return {
    cryptoAlg: CRYPTO_ALG,
    curve: CURVE,
    dhPublicKey: {
      expiry: typeof options.expiry === 'number' ? isoUtc(options.expiry) : options.expiry,
      parameters: DH_PARAMETERS,
      keyValue,
    },
    nonce: options.nonce,
  };
}

/** What a usable keyMaterial yields. */
export interface UsableKeyMaterial {
  publicKey: AffinePoint;
  nonce: Uint8Array;
  expiresAt: number;
}

/**
 * Decodes a keyMaterial for use, throwing a FideliusError (`bad-key-encoding`, `key-not-on-curve`, `nonce-length`,
 * `bad-expiry`, `key-expired`, …) that names `whose` key it is. For findings instead of exceptions, use checkKeyMaterial.
 */
export function readKeyMaterial(keyMaterial: KeyMaterial, now: number, whose = 'the peer'): UsableKeyMaterial {
  const expiresAt = parseExpiry(keyMaterial.dhPublicKey.expiry, now, whose);
  return {
    publicKey: decodePublicKey(keyMaterial.dhPublicKey.keyValue, `${whose}'s public key`).point,
    nonce: decodeNonce(keyMaterial.nonce, `${whose}'s nonce`),
    expiresAt,
  };
}

/** Parses dhPublicKey.expiry and insists it is after `now`. */
export function parseExpiry(expiry: unknown, now: number, whose: string): number {
  const at = typeof expiry === 'string' ? parseAbdmTimestamp(expiry) : undefined;
  if (at === undefined) {
    throw new FideliusError('bad-expiry', `${whose}'s dhPublicKey.expiry ${JSON.stringify(expiry)} is not an ISO timestamp`);
  }
  if (at <= now) {
    throw new FideliusError('key-expired', `${whose}'s key expired at ${isoUtc(at)} (dhPublicKey.expiry ${JSON.stringify(expiry)}); now is ${isoUtc(now)}`);
  }
  return at;
}
