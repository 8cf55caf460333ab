import { describe, expect, it } from 'vitest';
import { isVerhoeffValid } from './verhoeff.js';
import { checkSyntheticAadhaar, syntheticAadhaar } from './synthetic-aadhaar.js';

describe('synthetic Aadhaar numbers', () => {
  it('are 12 Verhoeff-valid digits starting 9999, and read back to their payload', () => {
    for (const payload of [0, 1, 42, 4_999_999, 5_000_000, 9_999_999]) {
      const aadhaar = syntheticAadhaar(payload);
      expect(aadhaar).toMatch(/^9999\d{8}$/);
      expect(isVerhoeffValid(aadhaar)).toBe(true);
      expect(checkSyntheticAadhaar(aadhaar)).toEqual({ ok: true, payload, digits: aadhaar });
    }
  });

  it('match the form of UIDAI test residents', () => {
    expect(checkSyntheticAadhaar('999941057058')).toMatchObject({ ok: true, payload: 4105705 });
  });

  it('refuse a valid Aadhaar outside the range as possibly real, and a bad check digit as malformed', () => {
    const real = checkSyntheticAadhaar('234567890124');
    expect(real).toMatchObject({ ok: false, realLooking: true });
    const bad = syntheticAadhaar(7).slice(0, 11) + String((Number(syntheticAadhaar(7)[11]) + 1) % 10);
    expect(checkSyntheticAadhaar(bad)).toMatchObject({ ok: false, realLooking: false, reason: 'Aadhaar number fails the Verhoeff check digit' });
    expect(() => syntheticAadhaar(10_000_000)).toThrow(RangeError);
  });
});
