import { describe, expect, it } from 'vitest';
import { isAbdmError } from '../errors.js';
import { checkVerifyScope, enrolmentOtpFlow, loginOtpFlow, phrAppLoginOtpFlow } from './otp-request-rules.js';

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (isAbdmError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('OTP request rules', () => {
  it('read the enrolment flows by scope, hint and OTP system', () => {
    expect(enrolmentOtpFlow({ scope: ['abha-enrol'], loginHint: 'aadhaar', otpSystem: 'aadhaar' })).toEqual({ kind: 'aadhaar' });
    expect(enrolmentOtpFlow({ scope: ['mobile-verify', 'abha-enrol'], loginHint: 'mobile', otpSystem: 'abdm' })).toEqual({ kind: 'mobile-verify' });
    expect(refusal(() => enrolmentOtpFlow({ scope: ['abha-enrol'], loginHint: 'mobile', otpSystem: 'aadhaar' }))).toMatchObject({ code: 'loginHint' });
    expect(refusal(() => enrolmentOtpFlow({ scope: ['abha-login'], loginHint: 'aadhaar', otpSystem: 'aadhaar' }))).toMatchObject({ code: 'ABDM-1107' });
  });

  it('let the mobile hint log in only with an ABDM OTP', () => {
    expect(loginOtpFlow({ scope: ['abha-login', 'mobile-verify'], loginHint: 'mobile', otpSystem: 'abdm' })).toMatchObject({ hint: 'mobile', otpSystem: 'abdm' });
    expect(refusal(() => loginOtpFlow({ scope: ['abha-login', 'mobile-verify'], loginHint: 'mobile', otpSystem: 'aadhaar' }))).toMatchObject({ code: 'otpSystem' });
    expect(refusal(() => loginOtpFlow({ scope: ['abha-login', 'aadhaar-verify'], loginHint: 'mobile', otpSystem: 'aadhaar' }))).toMatchObject({ code: 'loginHint' });
  });

  it('refuse "mobile" as the PHR app’s login hint, in the PHR app’s code', () => {
    expect(refusal(() => phrAppLoginOtpFlow({ scope: ['abha-address-login', 'mobile-verify'], loginHint: 'mobile', otpSystem: 'abdm' }))).toEqual({
      code: 'ABDM-9999',
      message: 'Invalid Login Hint: the PHR app takes loginHint "mobile-number", not "mobile"',
    });
  });

  it('make verify repeat the requested scope, in any order', () => {
    expect(() => checkVerifyScope(['abha-login', 'aadhaar-verify'], { scope: ['aadhaar-verify', 'abha-login'] })).not.toThrow();
    expect(refusal(() => checkVerifyScope(['abha-login', 'aadhaar-verify'], { scope: ['abha-login', 'mobile-verify'] })).code).toBe('ABDM-1107');
  });
});
