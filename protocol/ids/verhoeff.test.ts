import { describe, expect, it } from 'vitest';
import { isVerhoeffValid, verhoeffCheckDigit } from './verhoeff.js';

describe('Verhoeff', () => {
  it('computes the published check digits', () => {
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(verhoeffCheckDigit('12345')).toBe(1);
    expect(verhoeffCheckDigit('142857')).toBe(0);
    expect(isVerhoeffValid('2363')).toBe(true);
    expect(isVerhoeffValid('123451')).toBe(true);
  });

  it('catches every single-digit error and adjacent transposition of a valid number', () => {
    const payload = '98765432101';
    const valid = payload + verhoeffCheckDigit(payload);
    expect(isVerhoeffValid(valid)).toBe(true);
    for (let i = 0; i < valid.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        expect(isVerhoeffValid(valid.slice(0, i) + d + valid.slice(i + 1))).toBe(false);
      }
    }
    for (let i = 0; i + 1 < valid.length; i++) {
      if (valid[i] === valid[i + 1]) continue;
      const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
      expect(isVerhoeffValid(swapped)).toBe(false);
    }
  });
});
