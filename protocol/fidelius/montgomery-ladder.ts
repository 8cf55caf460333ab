// The fast path for scalar multiplication: map the Weierstrass point to Montgomery u = x − A/3 and let
// OpenSSL's X25519 ladder (via node:crypto) do the work, ~10× faster than OpenSSL's generic explicit-curve ECDH.
// X25519 clamps scalars, so an arbitrary Fidelius scalar is first rewritten as an equivalent clamped one.
import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { G, MONTGOMERY_A, MONTGOMERY_SHIFT, N, mod, modInverse, type AffinePoint } from './curve-parameters.js';
import { bigIntFromLittleEndian, bigIntToLittleEndian } from './integer-bytes.js';
import { referenceMultiply } from './weierstrass-reference.js';

const TWO_254 = 1n << 254n;
const TWO_251 = 1n << 251n;
const INVERSE_OF_8 = modInverse(8n, N);

/**
 * A clamped X25519 scalar k' = 2^254 + 8m (0 ≤ m < 2^251) with k'·Q = ±k·Q for every Q on the curve, or
 * undefined when k ≡ 0 (mod n) or (probability ~2^-126) neither sign fits.
 *
 * Why it works: k' is a multiple of 8, so it kills Q's small-order part exactly as BouncyCastle's cofactor
 * handling does; on the prime subgroup only k' mod n matters, and x(−R) = x(R), so k' ≡ ±k (mod n) suffices.
 * For one sign m ≥ 2^251 about half the time, and then the other sign's m = n − 2^252 − m is below 2^251.
 */
export function clampedEquivalent(k: bigint): bigint | undefined {
  const r = mod(k, N);
  if (r === 0n) return undefined;
  for (const signed of [r, N - r]) {
    const m = mod((signed - TWO_254) * INVERSE_OF_8, N);
    if (m < TWO_251) return TWO_254 + 8n * m;
  }
  return undefined;
}

function base64url(value: bigint): string {
  return Buffer.from(bigIntToLittleEndian(value, 32)).toString('base64url');
}

// Node builds a private OKP key from `d` alone (EVP_PKEY_new_raw_private_key) and only checks that `x` is a
// string, so the base point serves as a placeholder. JWK import is ~15× cheaper than PKCS#8 DER import here.
const PLACEHOLDER_X = base64url(9n);
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
let jwkPrivateImportWorks = true;

function x25519PrivateKey(scalar: bigint): KeyObject {
  if (jwkPrivateImportWorks) {
    try {
      return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: base64url(scalar), x: PLACEHOLDER_X }, format: 'jwk' });
    } catch {
      jwkPrivateImportWorks = false; // a future Node that checks x against d: fall back to DER for good
    }
  }
  const der = Buffer.concat([PKCS8_X25519_PREFIX, bigIntToLittleEndian(scalar, 32)]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** u(k'·U) by node's X25519, for an already clamped k'; `null` when the result is the point at infinity. */
function x25519(clamped: bigint, u: bigint): bigint | null {
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: base64url(u) }, format: 'jwk' });
  try {
    return bigIntFromLittleEndian(diffieHellman({ privateKey: x25519PrivateKey(clamped), publicKey }));
  } catch {
    // OpenSSL refuses an all-zero X25519 output: the ladder reached the point at infinity.
    return null;
  }
}

/** Montgomery u of ±k·Q (the sign is irrelevant for u), or `null` for the point at infinity. */
function ladderU(k: bigint, q: AffinePoint): bigint | null {
  const clamped = clampedEquivalent(k);
  if (clamped === undefined) return mod(k, N) === 0n ? null : referenceUOf(mod(k, N), q);
  return x25519(clamped, mod(q.x - MONTGOMERY_SHIFT));
}

/** Reference fall-back, BouncyCastle-style (cofactor cleared first). */
function referenceUOf(k: bigint, q: AffinePoint): bigint | null {
  const cleared = referenceMultiply(8n, q);
  if (cleared === null) return null;
  const result = referenceMultiply(mod(INVERSE_OF_8 * k, N), cleared);
  return result === null ? null : mod(result.x - MONTGOMERY_SHIFT);
}

/**
 * The Weierstrass x of BouncyCastle's ECDH agreement d·Q (cofactor-cleared), or `null` when it is the point at
 * infinity (Q of small order, or d ≡ 0 mod n).
 */
export function agreementX(d: bigint, q: AffinePoint): bigint | null {
  const u = ladderU(d, q);
  return u === null ? null : mod(u + MONTGOMERY_SHIFT);
}

const INVERSE_OF_2GY = modInverse(2n * G.y);
const G_U = mod(G.x - MONTGOMERY_SHIFT);

/**
 * d·G as a full point. The ladder gives only u, so y is recovered with the Okeya–Sakurai formula from
 * u(d·G) and u((d+1)·G) (Montgomery v equals Weierstrass y, since B = 1). Throws for d ≡ 0 (mod n).
 */
export function publicPoint(d: bigint): AffinePoint {
  const r = mod(d, N);
  if (r === 0n) throw new RangeError('publicPoint: scalar is 0 modulo the group order');
  if (r === N - 1n) return { x: G.x, y: mod(-G.y) }; // (d+1)·G is the point at infinity: −G directly
  const uQ = ladderU(r, G);
  const uR = ladderU(r + 1n, G);
  if (uQ === null || uR === null) throw new Error('publicPoint: unexpected point at infinity');
  const numerator = mod((G_U * uQ + 1n) * (G_U + uQ + 2n * MONTGOMERY_A) - 2n * MONTGOMERY_A - mod((G_U - uQ) ** 2n) * uR);
  return { x: mod(uQ + MONTGOMERY_SHIFT), y: mod(numerator * INVERSE_OF_2GY) };
}
