// A deliberately plain implementation of the curve arithmetic: affine double-and-add with BigInt. It is slow
// (tens of ms a multiplication) and exists to cross-check the fast path and to cover its one-in-2^126 gap.
import { A, G, H, N, mod, modInverse, type AffinePoint } from './curve-parameters.js';

/** P + Q on the curve; `null` is the point at infinity. */
export function referenceAdd(p: AffinePoint | null, q: AffinePoint | null): AffinePoint | null {
  if (p === null) return q;
  if (q === null) return p;
  let slope: bigint;
  if (p.x === q.x) {
    if (mod(p.y + q.y) === 0n) return null;
    slope = mod((3n * p.x * p.x + A) * modInverse(2n * p.y));
  } else {
    slope = mod((q.y - p.y) * modInverse(q.x - p.x));
  }
  const x = mod(slope * slope - p.x - q.x);
  return { x, y: mod(slope * (p.x - x) - p.y) };
}

/** k·Q for k ≥ 0, by left-to-right double-and-add. */
export function referenceMultiply(k: bigint, q: AffinePoint): AffinePoint | null {
  if (k < 0n) throw new RangeError('referenceMultiply: negative scalar');
  let result: AffinePoint | null = null;
  for (let bit = BigInt(k.toString(2).length) - 1n; bit >= 0n; bit--) {
    result = referenceAdd(result, result);
    if ((k >> bit) & 1n) result = referenceAdd(result, q);
  }
  return result;
}

/** d·G, the public point of private scalar d. */
export function referencePublicPoint(d: bigint): AffinePoint | null {
  return referenceMultiply(mod(d, N), G);
}

/**
 * BouncyCastle's ECDHBasicAgreement: with cofactor h it computes ((h⁻¹·d) mod n)·(h·Q), which equals d·Q
 * for Q in the prime subgroup and strips any small-order component otherwise. Returns the affine x, or
 * `null` when the result is the point at infinity (BC throws there).
 */
export function referenceAgreementX(d: bigint, q: AffinePoint): bigint | null {
  const scalar = mod(modInverse(H, N) * d, N);
  const cleared = referenceMultiply(H, q);
  if (cleared === null || scalar === 0n) return null;
  const shared = referenceMultiply(scalar, cleared);
  return shared === null ? null : shared.x;
}
