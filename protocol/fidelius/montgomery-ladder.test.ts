import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { G, MONTGOMERY_SHIFT, N, isOnCurve, mod, type AffinePoint } from './curve-parameters.js';
import { bigIntFromBytes } from './integer-bytes.js';
import { computeSharedSecret } from './key-agreement.js';
import { seededRandomBytes } from './key-pair.js';
import { agreementX, clampedEquivalent, publicPoint } from './montgomery-ladder.js';
import { referenceAdd, referenceAgreementX, referenceMultiply, referencePublicPoint } from './weierstrass-reference.js';

const randomScalar = (rng: Rng, bytes = 32) => bigIntFromBytes(seededRandomBytes(rng)(bytes));
/** The order-2 point: Montgomery (0, 0), i.e. Weierstrass (A/3, 0). */
const ORDER_TWO: AffinePoint = { x: MONTGOMERY_SHIFT, y: 0n };

describe('fast scalar multiplication (X25519 ladder) against the plain reference', () => {
  const rng = new Rng(0xf1de);

  it('gives the same public point for random scalars and the edge scalars', () => {
    const scalars = [1n, 2n, 3n, N - 2n, N - 1n, N + 5n, ...Array.from({ length: 8 }, () => randomScalar(rng))];
    for (const d of scalars) {
      const fast = publicPoint(d);
      expect(isOnCurve(fast)).toBe(true);
      expect(fast).toEqual(referencePublicPoint(d));
    }
  });

  it('gives the same agreement for random key pairs, including unreduced 256-bit scalars', () => {
    for (let i = 0; i < 8; i++) {
      const d = randomScalar(rng);
      const peer = referencePublicPoint(randomScalar(rng))!;
      expect(agreementX(d, peer)).toBe(referenceAgreementX(d, peer));
    }
  });

  it('strips a small-order component of the peer key exactly as BouncyCastle does', () => {
    const d = randomScalar(rng);
    const peer = referencePublicPoint(randomScalar(rng))!;
    const withTorsion = referenceAdd(peer, ORDER_TWO)!;
    expect(isOnCurve(withTorsion)).toBe(true);
    expect(agreementX(d, withTorsion)).toBe(referenceAgreementX(d, withTorsion));
    expect(agreementX(d, withTorsion)).toBe(agreementX(d, peer));
  });

  it('refuses a peer key of small order', () => {
    expect(isOnCurve(ORDER_TWO)).toBe(true);
    expect(referenceMultiply(2n, ORDER_TWO)).toBeNull();
    expect(agreementX(12345n, ORDER_TWO)).toBeNull();
    expect(() => computeSharedSecret(12345n, ORDER_TWO, { publicKey: "the sender's public key" })).toThrow(
      expect.objectContaining({ reason: 'key-low-order', message: expect.stringContaining("the sender's public key is a point of small order") }),
    );
  });

  it('rewrites every scalar as a clamped one of the same class up to sign', () => {
    for (let i = 0; i < 200; i++) {
      const k = randomScalar(rng);
      const clamped = clampedEquivalent(k)!;
      expect(clamped >> 254n).toBe(1n); // bit 254 set, bit 255 clear
      expect(clamped & 7n).toBe(0n); // low three bits clear
      expect([mod(k, N), mod(-k, N)]).toContain(mod(clamped, N));
    }
    expect(clampedEquivalent(N)).toBeUndefined();
  });

  it('falls back to the reference for the rare scalars no clamped scalar represents', () => {
    // k = 2^254 + 8m with m just above 2^251: neither k nor −k has a clamped form 2^254 + 8m' with m' < 2^251.
    const k = mod((1n << 254n) + 8n * ((1n << 251n) + 5n), N);
    expect(clampedEquivalent(k)).toBeUndefined();
    const peer = referencePublicPoint(987654321n)!;
    expect(agreementX(k, peer)).toBe(referenceAgreementX(k, peer));
    expect(publicPoint(k)).toEqual(referencePublicPoint(k));
  });

  it('agrees with the reference on the generator itself', () => {
    expect(agreementX(7n, G)).toBe(referenceMultiply(7n, G)!.x);
  });
});
