import { describe, expect, it } from 'vitest';
import { abhaTimestamp, isAbdmErrorBody } from '../errors.js';
import { abhaErrors } from './abha-errors.js';

const NOW = Date.parse('2026-09-16T09:04:55.123Z');

describe('ABHA error bodies', () => {
  it('wear the shapes the live service sends (spec §10.1), stamped in IST', () => {
    expect(abhaTimestamp(NOW)).toBe('2026-09-16 14:34:55');
    expect(abhaErrors.invalidLoginId('wrong padding').toBody(NOW)).toEqual({ loginId: 'Invalid LoginId: wrong padding', timestamp: '2026-09-16 14:34:55' });
    expect(abhaErrors.invalidUserToken('X-token', 'bare token').toBody(NOW)).toEqual({ message: 'Invalid X-token: bare token', timestamp: '2026-09-16 14:34:55' });
    expect(abhaErrors.userTokenExpired('X-token', 'at noon').toBody(NOW)).toEqual({ code: 'ABDM-1094', message: 'X-token expired: at noon', timestamp: '2026-09-16 14:34:55' });
    expect(abhaErrors.phr('ABDM-9999', 'Invalid Login Hint').toBody(NOW)).toEqual([{ code: 'ABDM-9999: ', message: 'Invalid Login Hint' }]);
    expect(abhaErrors.invalidAbdmOtp('t-1', 'no match').toBody(NOW)).toEqual({ txnId: 't-1', description: 'Invalid OTP value: no match' });
    expect(abhaErrors.invalidFields([{ field: 'scope', detail: 'a' }, { field: 'authData', detail: 'b' }]).toBody(NOW)).toEqual({ scope: 'Invalid Scope: a', authData: 'Invalid Auth Data: b', timestamp: '2026-09-16 14:34:55' });
  });

  it('are all recognised as ABDM error bodies, and a success body is not', () => {
    for (const e of [abhaErrors.invalidLoginId('x'), abhaErrors.userTokenExpired('T-token', 'x'), abhaErrors.phr('ABDM-1006', 'x'), abhaErrors.invalidAbdmOtp('t', 'x'), abhaErrors.userNotFound('x'), abhaErrors.missingCredentials()]) {
      expect(isAbdmErrorBody(e.toBody(NOW))).toBe(true);
    }
    expect(isAbdmErrorBody({ txnId: 'abc', message: 'OTP sent' })).toBe(false);
    expect(isAbdmErrorBody([])).toBe(false);
  });
});
