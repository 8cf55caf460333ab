// ABHA addresses (spec §4.5) end to end over HTTP: search, web login by address, the PHR app's login by mobile
// (every address on the mobile, T-token, verify/user), the PHR profile, card and QR, and the PHR app's enrolment of
// a self-declared address, which then joins the world for the other flows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { abhaIdentityByAddress } from '../../sandbox-server/abha/account-lookup.js';
import { startAbhaSandbox, type AbhaTestSandbox } from '../support/abha-client.js';

let t: AbhaTestSandbox;
beforeAll(async () => {
  t = await startAbhaSandbox();
});
afterAll(() => t.close());

const WEB = '/abha/api/v3/phr/web/login';
const APP = '/abha/api/v3/phr/app';

describe('ABHA-address login (web)', () => {
  it('searches an address, logs in with its mobile OTP and opens the PHR profile, card and QR', async () => {
    const patient = t.running.sandbox.ctx.world.patient(30);
    const search = await t.abha.call('POST', `${WEB}/abha/search`, { body: { abhaAddress: patient.abhaAddress.toUpperCase() } });
    expect(search.status).toBe(200);
    expect(search.json).toMatchObject({ healthIdNumber: formatAbhaNumber(patient.abhaNumber), abhaAddress: patient.abhaAddress, status: 'ACTIVE', fullName: patient.name.full, mobile: `******${patient.mobile.slice(-4)}` });
    expect(search.json.authMethods).toContain('MOBILE_OTP');

    const scope = ['abha-address-login', 'mobile-verify'];
    const otp = await t.abha.call('POST', `${WEB}/abha/request/otp`, { body: { scope, loginHint: 'abha-address', loginId: await t.abha.encrypt(patient.abhaAddress, 'phr'), otpSystem: 'abdm' } });
    expect(otp.status).toBe(200);
    const verify = await t.abha.call('POST', `${WEB}/abha/verify`, {
      body: { scope, authData: { authMethods: ['otp'], otp: { txnId: otp.json.txnId, otpValue: await t.abha.encrypt(await t.abha.otp(otp.json.txnId), 'phr') } } },
    });
    expect(verify.json).toMatchObject({ authResult: 'success', users: [{ abhaAddress: patient.abhaAddress, abhaNumber: formatAbhaNumber(patient.abhaNumber), kycStatus: 'VERIFIED' }], tokens: { expiresIn: 1800 } });

    const xToken = verify.json.tokens.token as string;
    const profile = await t.abha.call('GET', `${WEB}/profile/abha-profile`, { xToken });
    expect(profile.json).toMatchObject({ abhaAddress: patient.abhaAddress, fullName: patient.name.full, mobile: patient.mobile });
    for (const path of [`${WEB}/profile/abha/phr-card`, `${WEB}/profile/abha/qr-code`]) {
      const image = await t.abha.call('GET', path, { xToken });
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(image.bytes.subarray(1, 4).toString()).toBe('PNG');
    }
    // An ABHA-address session is not an ABHA-number session.
    const wrongService = await t.abha.call('GET', '/abha/api/v3/profile/account', { xToken });
    expect(wrongService.json.message).toMatch(/^Invalid X-token: this token is for ABHA address/);
  });

  it('accepts the profile key on web calls (CARE does so) but notes it', async () => {
    const patient = t.running.sandbox.ctx.world.patient(31);
    const r = await t.abha.call('POST', `${WEB}/abha/request/otp`, {
      body: { scope: ['abha-address-login', 'mobile-verify'], loginHint: 'abha-address', loginId: await t.abha.encrypt(patient.abhaAddress, 'profile'), otpSystem: 'abdm' },
    });
    expect(r.status).toBe(200);
    const exchange = t.running.sandbox.ctx.journal.query({ operationId: 'phr.web-request-otp' }).at(-1)!;
    expect(exchange.findings.map((f) => f.ruleId)).toEqual(['abha-enc-profile-key-on-phr']);
  });

  it('answers an unknown address with ABDM-1114 on the web and the PHR app’s array on the app', async () => {
    const web = await t.abha.call('POST', `${WEB}/abha/search`, { body: { abhaAddress: 'nobody.here123@sbx' } });
    expect(web.status).toBe(404);
    expect(web.json.error.code).toBe('ABDM-1114');
    const app = await t.abha.call('POST', `${APP}/login/search`, { body: { abhaAddress: 'nobody.here123@sbx' } });
    expect(app.json).toEqual([{ code: 'ABDM-1211: ', message: expect.stringMatching(/^User not found\./) }]);
  });
});

describe('PHR app', () => {
  it('enrols a self-declared address by mobile OTP, which logs in and is found like any account', async () => {
    const mobile = '9111100001';
    const scope = ['abha-address-enroll', 'mobile-verify'];
    const otp = await t.abha.call('POST', `${APP}/enrollment/request/otp`, { body: { scope, loginHint: 'mobile-number', loginId: await t.abha.encrypt(mobile, 'phr'), otpSystem: 'abdm' } });
    expect(otp.json.message).toBe('OTP sent to mobile number ending with ******0001');
    const txnId = otp.json.txnId as string;
    const verify = await t.abha.call('POST', `${APP}/enrollment/verify`, {
      body: { scope, authData: { authMethods: ['otp'], otp: { txnId, otpValue: await t.abha.encrypt(await t.abha.otp(txnId), 'phr') } } },
    });
    expect(verify.json).toMatchObject({ txnId, authResult: 'success', message: 'OTP Verified Successfully', users: [], tokens: { expiresIn: 300, switchProfileEnabled: false } });

    const suggestion = await t.abha.call('POST', `${APP}/enrollment/suggestion`, { body: { txnId, firstName: 'Meera', lastName: 'Iyer', dayOfBirth: '14', monthOfBirth: '11', yearOfBirth: '1998', email: '' } });
    expect(suggestion.json.abhaAddressList.length).toBeGreaterThanOrEqual(3);
    const address = `${suggestion.json.abhaAddressList[0]}@sbx`;
    const free = await t.abha.call('GET', `${APP}/enrollment/isExists?abhaAddress=${encodeURIComponent(address)}`);
    expect(free.json).toBe(false);

    const details = {
      mobile: await t.abha.encrypt(mobile, 'phr'),
      firstName: 'Meera',
      middleName: '',
      lastName: 'Iyer',
      dayOfBirth: '14',
      monthOfBirth: '11',
      yearOfBirth: '1998',
      gender: 'F',
      email: '',
      address: 'Street number 4, Sector 12',
      stateCode: '27',
      stateName: 'Maharashtra',
      districtCode: '490',
      districtName: 'Pune',
      pinCode: '411001',
      abhaAddress: address,
    };
    const enrol = await t.abha.call('POST', `${APP}/enrollment/enrol`, { body: { txnId, phrDetails: details } });
    expect(enrol.status).toBe(200);
    expect(enrol.json).toMatchObject({ txnId, message: 'ABHA Address Created Successfully', phrDetails: { abhaAddress: [address], mobile, firstName: 'Meera' }, tokens: { expiresIn: 1800, refreshExpiresIn: 1296000 } });
    expect((await t.abha.call('GET', `${APP}/enrollment/isExists?abhaAddress=${encodeURIComponent(address)}`)).json).toBe(true);
    expect(abhaIdentityByAddress(t.running.sandbox.ctx, address)).toMatchObject({ kind: 'self-declared', address: { abhaAddress: address, mobile } });
    const profile = await t.abha.call('GET', `${APP}/login/profile`, { xToken: enrol.json.tokens.token });
    expect(profile.json).toMatchObject({ abhaAddress: address, kycStatus: 'PENDING', abhaNumber: null, stateName: 'Maharashtra' });

    // The same address cannot be taken twice: the PHR app answers in its array shape.
    const again = await t.abha.call('POST', `${APP}/enrollment/request/otp`, { body: { scope, loginHint: 'mobile-number', loginId: await t.abha.encrypt(mobile, 'phr'), otpSystem: 'abdm' } });
    const txn2 = again.json.txnId as string;
    await t.abha.call('POST', `${APP}/enrollment/verify`, { body: { scope, authData: { authMethods: ['otp'], otp: { txnId: txn2, otpValue: await t.abha.encrypt(await t.abha.otp(txn2), 'phr') } } } });
    const duplicate = await t.abha.call('POST', `${APP}/enrollment/enrol`, { body: { txnId: txn2, phrDetails: details } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json).toEqual([{ code: 'ABDM-9999: ', message: 'This ABHA Address already exists. Please create with unique ABHA address' }]);
  });

  it('logs in by mobile: every address on it, a T-token, and verify/user for the chosen one; "mobile" is not a PHR login hint', async () => {
    const patient = t.running.sandbox.ctx.world.patient(32);
    await t.abha.loginByAadhaar(syntheticAadhaar(32));
    const scope = ['abha-address-login', 'mobile-verify'];
    const wrongHint = await t.abha.call('POST', `${APP}/login/request/otp`, { body: { scope, loginHint: 'mobile', loginId: await t.abha.encrypt(patient.mobile, 'phr'), otpSystem: 'abdm' } });
    expect(wrongHint.json).toEqual([{ code: 'ABDM-9999: ', message: 'Invalid Login Hint: the PHR app takes loginHint "mobile-number", not "mobile"' }]);

    const otp = await t.abha.call('POST', `${APP}/login/request/otp`, { body: { scope, loginHint: 'mobile-number', loginId: await t.abha.encrypt(patient.mobile, 'phr'), otpSystem: 'abdm' } });
    const txnId = otp.json.txnId as string;
    const verify = await t.abha.call('POST', `${APP}/login/verify`, { body: { scope, authData: { authMethods: ['otp'], otp: { txnId, otpValue: await t.abha.encrypt(await t.abha.otp(txnId), 'phr') } } } });
    expect(verify.json.tokens).toMatchObject({ expiresIn: 300 });
    expect(verify.json.users.map((u: { abhaAddress: string }) => u.abhaAddress)).toContain(patient.abhaAddress);

    const missingT = await t.abha.call('POST', `${APP}/login/verify/user`, { body: { abhaAddress: patient.abhaAddress, txnId } });
    expect(missingT.json.message).toMatch(/^Invalid T-token: T-token header is missing/);
    const user = await t.abha.call('POST', `${APP}/login/verify/user`, { body: { abhaAddress: patient.abhaAddress, txnId }, headers: { 'T-token': `Bearer ${verify.json.tokens.token}` } });
    expect(user.status).toBe(200);
    expect(user.json).toMatchObject({ authResult: 'success', users: [{ abhaAddress: patient.abhaAddress }], tokens: { expiresIn: 1800 } });
  });
});
