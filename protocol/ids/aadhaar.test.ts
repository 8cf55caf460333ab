import { describe, expect, it } from 'vitest';
import { aadhaarFromPayload, checkAadhaar, maskAadhaar } from './aadhaar.js';

describe('Aadhaar', () => {
  const valid = aadhaarFromPayload('23456789012');

  it('accepts Verhoeff-valid 12-digit numbers, with card spacing', () => {
    expect(checkAadhaar(valid)).toEqual({ ok: true, value: valid });
    const spaced = `${valid.slice(0, 4)} ${valid.slice(4, 8)} ${valid.slice(8)}`;
    expect(checkAadhaar(spaced)).toEqual({ ok: true, value: valid });
  });

  it('says what is wrong without repeating the number', () => {
    const wrongDigit = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    const r = checkAadhaar(wrongDigit);
    expect(r).toEqual({ ok: false, reason: 'Aadhaar number fails the Verhoeff check digit' });
    const startsWithOne = checkAadhaar('1' + valid.slice(1));
    expect(startsWithOne).toEqual({ ok: false, reason: 'Aadhaar number cannot start with 0 or 1' });
    expect(checkAadhaar('12345')).toEqual({ ok: false, reason: 'Aadhaar number must have 12 digits; got 5 digits' });
    for (const bad of [wrongDigit, '12345']) {
      const out = checkAadhaar(bad);
      if (!out.ok) expect(out.reason).not.toContain(bad);
    }
  });

  it('masks all but the last four digits', () => {
    expect(maskAadhaar('2345 6789 0124')).toBe('XXXX XXXX 0124');
  });
});
