import { describe, expect, it } from 'vitest';
import {
  ABHA_ADDRESS_PATTERN,
  INTEGRATOR_ABHA_ADDRESS_RULES,
  checkAbhaAddress,
  sameAbhaAddress,
} from './abha-address.js';

const reason = (input: unknown, rules = {}) => {
  const r = checkAbhaAddress(input, rules);
  return r.ok ? `ok:${r.value}` : r.reason;
};

describe('ABHA address', () => {
  it('accepts sandbox and production addresses and lower-cases them', () => {
    expect(reason('Priya.Sharma_90@SBX')).toBe('ok:priya.sharma_90@sbx');
    expect(reason('91510165305101@sbx')).toBe('ok:91510165305101@sbx');
    expect(reason('abc@abdm')).toBe('ok:abc@abdm');
  });

  it('compares case-insensitively', () => {
    expect(sameAbhaAddress('Priya.Sharma@sbx', 'priya.sharma@SBX')).toBe(true);
    expect(sameAbhaAddress('priya@sbx', 'priya@abdm')).toBe(false);
  });

  it('says exactly what is wrong', () => {
    expect(reason('')).toBe('ABHA address is missing');
    expect(reason('priya')).toBe('ABHA address must end with @sbx (sandbox) or @abdm (production)');
    expect(reason('priya@ndhm')).toBe('ABHA address uses the legacy @ndhm domain; v3 accepts @sbx or @abdm');
    expect(reason('priya@gmail.com')).toBe('ABHA address domain must be @sbx or @abdm; got @gmail.com');
    expect(reason('a@b@sbx')).toBe('ABHA address must contain exactly one @');
    expect(reason('ab@sbx')).toBe('ABHA address needs at least 3 characters before the @');
    expect(reason('priya sharma@sbx')).toBe("ABHA address may contain only letters, digits, '.' and '_'; found ' '");
    expect(reason('_priya@sbx')).toBe('ABHA address must start with a letter or digit');
    expect(reason('priya.@sbx')).toBe('ABHA address must end with a letter or digit before the @');
    expect(reason('priya-s@sbx')).toMatch(/found '-'/);
    expect(reason(42)).toBe('ABHA address must be a string; got number');
  });

  it('applies the consent schema characters and integrator rules only when asked', () => {
    expect(reason('priya-s!1@sbx', { allowConsentCharacters: true })).toBe('ok:priya-s!1@sbx');
    expect(reason('abc@sbx', INTEGRATOR_ABHA_ADDRESS_RULES)).toBe('ABHA address must have 8 to 18 characters before the @; got 3');
    expect(reason('priya.s.sharma@sbx', INTEGRATOR_ABHA_ADDRESS_RULES)).toBe("ABHA address may contain at most 1 '.'; got 2");
    expect(reason('priya@abdm', { domains: ['sbx'] })).toBe('ABHA address domain must be @sbx; got @abdm');
  });

  it('agrees with the v3 regex on a spread of inputs', () => {
    const samples = ['a.b@sbx', 'a..b@sbx', 'A1_@sbx', '1_1@abdm', 'x@sbx', 'abc@SBX', 'ab.c@abdm', 'a_b_c@sbx', 'abc@sbx.com'];
    for (const s of samples) {
      expect(checkAbhaAddress(s).ok, s).toBe(ABHA_ADDRESS_PATTERN.test(s.toLowerCase()));
    }
  });
});
