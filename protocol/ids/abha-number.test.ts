import { describe, expect, it } from 'vitest';
import {
  abhaNumberFromPayload,
  checkAbhaNumber,
  checkAbhaNumberChecksum,
  formatAbhaNumber,
  normaliseAbhaNumber,
} from './abha-number.js';

describe('ABHA number', () => {
  it('accepts plain, dashed and JSON-number forms and normalises to 14 digits', () => {
    expect(normaliseAbhaNumber('91-6865-3273-1326')).toBe('91686532731326');
    expect(normaliseAbhaNumber('91686532731326')).toBe('91686532731326');
    expect(normaliseAbhaNumber(91686532731326)).toBe('91686532731326');
    // V3-PS allows a dash anywhere between digits.
    expect(normaliseAbhaNumber('9168-6532-7313-26')).toBe('91686532731326');
  });

  it('formats as 91-XXXX-XXXX-XXXX', () => {
    expect(formatAbhaNumber('91686532731326')).toBe('91-6865-3273-1326');
    expect(() => formatAbhaNumber('123')).toThrow(/14 digits; got 3 digits/);
  });

  it('says exactly what is wrong', () => {
    const reason = (input: unknown, form?: 'plain' | 'dashed') => {
      const r = checkAbhaNumber(input, { form });
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason(undefined)).toBe('ABHA number is missing');
    expect(reason('9168653273132')).toBe('ABHA number must have 14 digits; got 13 digits');
    expect(reason('91-6865-3273-13x6')).toBe("ABHA number may contain only digits and dashes; found 'x'");
    expect(reason('91--6865-3273-1326')).toMatch(/misplaced dash/);
    expect(reason('-91686532731326')).toMatch(/misplaced dash/);
    expect(reason(' 91686532731326')).toMatch(/whitespace/);
    expect(reason(true)).toBe('ABHA number must be a string of 14 digits; got boolean');
    expect(reason(9.5)).toMatch(/whole number/);
    expect(reason('91-6865-3273-1326', 'plain')).toBe('ABHA number must be 14 digits without dashes here');
    expect(reason('91686532731326', 'dashed')).toBe('ABHA number must be dashed as XX-XXXX-XXXX-XXXX here');
    expect(reason('91-6865-3273-1326', 'dashed')).toBe('ok');
  });

  it('keeps the Luhn check separate and lenient', () => {
    expect(checkAbhaNumber('91686532731327').ok).toBe(true);
    const r = checkAbhaNumberChecksum('91686532731327');
    expect(r).toEqual({ ok: false, reason: 'ABHA number fails the Luhn check: last digit is 7, expected 6' });
    expect(checkAbhaNumberChecksum('91-6865-3273-1326')).toEqual({ ok: true, value: '91686532731326' });
  });

  it('builds Luhn-valid numbers from 13 digits', () => {
    expect(abhaNumberFromPayload('9168653273132')).toBe('91686532731326');
    expect(checkAbhaNumberChecksum(abhaNumberFromPayload('9100000000000')).ok).toBe(true);
  });
});
