import { describe, expect, it } from 'vitest';
import { checkIndianMobile } from './indian-mobile.js';

const reason = (r: { ok: boolean; value?: string; reason?: string }) => (r.ok ? `ok:${r.value}` : r.reason);

describe('Indian mobile number', () => {
  it('accepts 10 digits starting 6-9', () => {
    for (const m of ['9876543210', '6000000000', '7123456789', '8999999999']) expect(checkIndianMobile(m).ok).toBe(true);
  });

  it('says exactly what is wrong', () => {
    expect(reason(checkIndianMobile('5876543210'))).toBe('mobile number must start with 6, 7, 8 or 9; starts with 5');
    expect(reason(checkIndianMobile('987654321'))).toBe('mobile number must have 10 digits; got 9 digits');
    expect(reason(checkIndianMobile('+919876543210'))).toBe('mobile number must be the 10 digits without the +91 country code');
    expect(reason(checkIndianMobile('98765-43210'))).toBe("mobile number may contain only digits; found '-'");
  });

  it('strips a country code or trunk zero in lenient mode', () => {
    expect(reason(checkIndianMobile('+91 98765 43210', { lenient: true }))).toBe('ok:9876543210');
    expect(reason(checkIndianMobile('919876543210', { lenient: true }))).toBe('ok:9876543210');
    expect(reason(checkIndianMobile('09876543210', { lenient: true }))).toBe('ok:9876543210');
  });
});
