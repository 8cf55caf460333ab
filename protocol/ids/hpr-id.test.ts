import { describe, expect, it } from 'vitest';
import { checkHprAddress, checkHprIdNumber, formatHprIdNumber } from './hpr-id.js';

const reason = (r: ReturnType<typeof checkHprAddress>) => (r.ok ? `ok:${r.value}` : r.reason);

describe('HPR ids', () => {
  it('accepts and formats 14-digit HPR numbers', () => {
    expect(checkHprIdNumber('71-2665-5777-1234')).toEqual({ ok: true, value: '71266557771234' });
    expect(formatHprIdNumber('71266557771234')).toBe('71-2665-5777-1234');
    expect(reason(checkHprIdNumber('7126655777123'))).toBe('HPR id number must have 14 digits; got 13 digits');
  });

  it('accepts name@hpr.abdm addresses, @dr.abdm only when allowed', () => {
    expect(reason(checkHprAddress('Priya.Sharma@hpr.abdm'))).toBe('ok:priya.sharma@hpr.abdm');
    expect(reason(checkHprAddress('dr-rao_1@hpr.abdm'))).toBe('ok:dr-rao_1@hpr.abdm');
    expect(reason(checkHprAddress('priya@dr.abdm'))).toBe('HPR id domain must be @hpr.abdm; got @dr.abdm');
    expect(reason(checkHprAddress('priya@dr.abdm', { allowDoctorDomain: true }))).toBe('ok:priya@dr.abdm');
  });

  it('says exactly what is wrong with an address', () => {
    expect(reason(checkHprAddress('priya'))).toBe('HPR id must end with @hpr.abdm');
    expect(reason(checkHprAddress('pr@hpr.abdm'))).toBe('HPR id needs at least 3 characters before the @');
    expect(reason(checkHprAddress('.priya@hpr.abdm'))).toBe('HPR id must start with a letter or digit');
    expect(reason(checkHprAddress('priya!@hpr.abdm'))).toMatch(/found '!'/);
  });
});
