import { describe, expect, it } from 'vitest';
import { isLuhnValid, isLuhnValidSkippingDashes, luhnCheckDigit, luhnCheckDigitOfInteger } from './luhn.js';

describe('Luhn', () => {
  it('computes the textbook check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isLuhnValid('79927398713')).toBe(true);
  });

  it('accepts ABHA numbers observed in the ABDM sandbox (spec fhir-data-crypto §4)', () => {
    for (const n of ['91686532731326', '91266620072857', '91540802140264', '91510165305101', '43422151056749']) {
      expect(isLuhnValid(n)).toBe(true);
    }
  });

  it('rejects any single changed digit and non-digits', () => {
    const valid = '91686532731326';
    for (let i = 0; i < valid.length; i++) {
      const changed = valid.slice(0, i) + String((Number(valid[i]) + 1) % 10) + valid.slice(i + 1);
      expect(isLuhnValid(changed)).toBe(false);
    }
    expect(isLuhnValid('9168653273132a')).toBe(false);
    expect(isLuhnValid('0')).toBe(false);
  });

  it('refuses to compute a digit for non-digits', () => {
    expect(() => luhnCheckDigit('12a')).toThrow(TypeError);
  });
});

describe('Luhn over integers', () => {
  it('agrees with the string form, zero padding included', () => {
    for (let x = 0; x < 20_000; x += 7) {
      expect(luhnCheckDigitOfInteger(x)).toBe(luhnCheckDigit(String(x)));
      expect(luhnCheckDigitOfInteger(x)).toBe(luhnCheckDigit(String(x).padStart(13, '0')));
    }
    expect(luhnCheckDigitOfInteger(9168653273132)).toBe(6);
    expect(luhnCheckDigitOfInteger(9_199_999_999_999)).toBe(luhnCheckDigit('9199999999999'));
    expect(() => luhnCheckDigitOfInteger(-1)).toThrow(RangeError);
  });
});

describe('Luhn skipping dashes', () => {
  it('agrees with the check digit luhnCheckDigit computes, for plain and dashed 14-digit numbers', () => {
    let valid = 0;
    for (let x = 0; x < 20_000; x += 3) {
      const digits = String(91_000_000_000_000 + x * 7_919);
      const dashed = `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10)}`;
      const expected = luhnCheckDigit(digits.slice(0, 13)) === Number(digits[13]);
      if (expected) valid++;
      expect(isLuhnValidSkippingDashes(digits)).toBe(expected);
      expect(isLuhnValidSkippingDashes(dashed)).toBe(expected);
      expect(isLuhnValid(digits)).toBe(expected);
    }
    // About one number in ten has the right check digit: both answers are exercised.
    expect(valid).toBeGreaterThan(300);
    expect(isLuhnValidSkippingDashes('91-6865-3273-1326')).toBe(true);
    expect(isLuhnValidSkippingDashes('91-6865-3273-1327')).toBe(false);
    expect(isLuhnValidSkippingDashes('0')).toBe(false);
  });
});
