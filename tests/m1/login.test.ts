// M1 journeys 5 and 7 end to end over HTTP (spec §4.4): login by Aadhaar, ABHA number and mobile, Find ABHA, the
// X-token/T-token rules as observed on the live sandbox, profile, token refresh and logout, and the refusals a
// partner meets when it gets a token rule wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { startAbhaSandbox, type AbhaTestSandbox } from '../support/abha-client.js';

let t: AbhaTestSandbox;
beforeAll(async () => {
  t = await startAbhaSandbox();
});
afterAll(() => t.close());

const LOGIN = '/abha/api/v3/profile/login';
const ACCOUNT = '/abha/api/v3/profile/account';

function findings(operationId: string): string[] {
  const exchange = t.running.sandbox.ctx.journal.query({ operationId }).at(-1)!;
  return exchange.findings.map((f) => f.ruleId);
}

describe('login by Aadhaar OTP', () => {
  it('returns the final X-token with a refresh token; the X-token opens the profile', async () => {
    const patient = t.running.sandbox.ctx.world.patient(5);
    const r = await t.abha.loginByAadhaar(syntheticAadhaar(5));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ authResult: 'success', expiresIn: 1800, refreshExpiresIn: 1296000 });
    expect(typeof r.json.refreshToken).toBe('string');
    expect(r.json.accounts).toEqual([expect.objectContaining({ ABHANumber: formatAbhaNumber(patient.abhaNumber), preferredAbhaAddress: patient.abhaAddress, name: patient.name.full })]);

    const profile = await t.abha.call('GET', ACCOUNT, { xToken: r.json.token });
    expect(profile.status).toBe(200);
    expect(profile.json).toMatchObject({
      ABHANumber: formatAbhaNumber(patient.abhaNumber),
      preferredAbhaAddress: patient.abhaAddress,
      mobile: patient.mobile,
      firstName: patient.name.first,
      yearOfBirth: String(patient.yearOfBirth),
      gender: patient.gender,
      stateCode: patient.address.stateCode,
      districtCode: patient.address.districtCode,
      pincode: patient.address.pincode,
      kycVerified: true,
      status: 'ACTIVE',
    });
    expect(Buffer.from(profile.json.profilePhoto, 'base64').subarray(1, 4).toString()).toBe('PNG');

    // The observed rule: this token is final, so verify/user refuses it as a T-token (spec §4.4 [OBS]).
    const verifyUser = await t.abha.call('POST', `${LOGIN}/verify/user`, { body: { ABHANumber: formatAbhaNumber(patient.abhaNumber), txnId: r.json.txnId }, headers: { 'T-token': `Bearer ${r.json.token}` } });
    expect(verifyUser.status).toBe(400);
    expect(verifyUser.json.message).toMatch(/^Invalid T-token: this is an X-token/);
    expect(findings('abha.login-verify-user')).toContain('abha-xtoken-as-ttoken');
  });

  it('refreshes the X-token with the R-token, with or without "Bearer ", and logs out', async () => {
    const login = await t.abha.loginByAadhaar(syntheticAadhaar(6));
    for (const rToken of [`Bearer ${login.json.refreshToken}`, login.json.refreshToken]) {
      const refreshed = await t.abha.call('GET', `${ACCOUNT}/request/token`, { headers: { 'R-token': rToken } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.json).toMatchObject({ expiresIn: 1800 });
      expect((await t.abha.call('GET', ACCOUNT, { xToken: refreshed.json.token })).status).toBe(200);
    }
    const out = await t.abha.call('GET', `${ACCOUNT}/request/logout`, { xToken: login.json.token });
    expect(out.status).toBe(200);
    const after = await t.abha.call('GET', ACCOUNT, { xToken: login.json.token });
    expect(after.status).toBe(400);
    expect(after.json.message).toMatch(/^Invalid X-token: this session was logged out/);
  });

  it('refuses an Aadhaar that has no ABHA number yet with User not found', async () => {
    const r = await t.abha.call('POST', `${LOGIN}/request/otp`, {
      body: { scope: ['abha-login', 'aadhaar-verify'], loginHint: 'aadhaar', loginId: await t.abha.encrypt(syntheticAadhaar(5_000_900)), otpSystem: 'aadhaar' },
    });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('ABDM-1114');
  });
});

describe('login by ABHA number', () => {
  it('needs the dashed number; bare digits decrypt but are "LoginId is invalid"', async () => {
    const patient = t.running.sandbox.ctx.world.patient(7);
    const scope = ['abha-login', 'mobile-verify'];
    const bare = await t.abha.call('POST', `${LOGIN}/request/otp`, { body: { scope, loginHint: 'abha-number', loginId: await t.abha.encrypt(patient.abhaNumber), otpSystem: 'abdm' } });
    expect(bare.status).toBe(400);
    expect(bare.json.loginId).toMatch(/^LoginId is invalid: the ABHA number must keep its dashes/);
    expect(findings('abha.login-request-otp')).toContain('abha-login-id-undashed');

    const dashed = await t.abha.call('POST', `${LOGIN}/request/otp`, { body: { scope, loginHint: 'abha-number', loginId: await t.abha.encrypt(formatAbhaNumber(patient.abhaNumber)), otpSystem: 'abdm' } });
    expect(dashed.status).toBe(200);
    expect(dashed.json.message).toBe(`OTP sent to mobile number ending with ******${patient.mobile.slice(-4)}`);
    const verified = await t.abha.verifyLogin(scope, dashed.json.txnId);
    expect(verified.json).toMatchObject({ authResult: 'success', expiresIn: 1800 });
    expect(typeof verified.json.refreshToken).toBe('string');
  });

  it('refuses a verify whose scope differs from the OTP request (ABDM-1107)', async () => {
    const patient = t.running.sandbox.ctx.world.patient(8);
    const r = await t.abha.call('POST', `${LOGIN}/request/otp`, {
      body: { scope: ['abha-login', 'aadhaar-verify'], loginHint: 'abha-number', loginId: await t.abha.encrypt(formatAbhaNumber(patient.abhaNumber)), otpSystem: 'aadhaar' },
    });
    const v = await t.abha.verifyLogin(['abha-login', 'mobile-verify'], r.json.txnId);
    expect(v.status).toBe(400);
    expect(v.json.error.code).toBe('ABDM-1107');
  });
});

describe('login by mobile', () => {
  it('gives a 300 s T-token and the accounts; verify/user exchanges it for the chosen account’s X-token', async () => {
    // World patients become findable by mobile once used here (enrolled or logged in by Aadhaar).
    const patient = t.running.sandbox.ctx.world.patient(9);
    await t.abha.loginByAadhaar(syntheticAadhaar(9));
    const scope = ['abha-login', 'mobile-verify'];
    const r = await t.abha.call('POST', `${LOGIN}/request/otp`, { body: { scope, loginHint: 'mobile', loginId: await t.abha.encrypt(patient.mobile), otpSystem: 'abdm' } });
    expect(r.status).toBe(200);
    const v = await t.abha.verifyLogin(scope, r.json.txnId);
    expect(v.json).toMatchObject({ authResult: 'success', expiresIn: 300 });
    expect(v.json.refreshToken).toBeUndefined();
    const mine = v.json.accounts.find((a: { ABHANumber: string }) => a.ABHANumber === formatAbhaNumber(patient.abhaNumber));
    expect(mine).toMatchObject({ verifiedStatus: 'VERIFIED', verificationType: 'AADHAAR' });

    // The T-token is not an X-token.
    const asX = await t.abha.call('GET', ACCOUNT, { xToken: v.json.token });
    expect(asX.status).toBe(400);
    expect(asX.json.message).toMatch(/^Invalid X-token: this is a T-token .*verify\/user/);
    expect(findings('abha.profile')).toContain('abha-ttoken-as-xtoken');

    const user = await t.abha.call('POST', `${LOGIN}/verify/user`, { body: { ABHANumber: mine.ABHANumber, txnId: r.json.txnId }, headers: { 'T-token': `Bearer ${v.json.token}` } });
    expect(user.status).toBe(200);
    expect(user.json).toMatchObject({ expiresIn: 1800, refreshExpiresIn: 1296000 });
    expect((await t.abha.call('GET', ACCOUNT, { xToken: user.json.token })).json.ABHANumber).toBe(mine.ABHANumber);
  });

  it('refuses a mobile with no known account the way the live service does', async () => {
    const r = await t.abha.call('POST', `${LOGIN}/request/otp`, { body: { scope: ['abha-login', 'mobile-verify'], loginHint: 'mobile', loginId: await t.abha.encrypt('6000000001'), otpSystem: 'abdm' } });
    expect(r.status).toBe(400);
    expect(r.json.loginId).toMatch(/^Invalid Mobile Number: /);
  });

  it('finds ABHA by mobile: search, pick an index, OTP, verify', async () => {
    const patient = t.running.sandbox.ctx.world.patient(11);
    await t.abha.loginByAadhaar(syntheticAadhaar(11));
    const search = await t.abha.call('POST', `${ACCOUNT}/abha/search`, { body: { scope: ['search-abha'], mobile: await t.abha.encrypt(patient.mobile) } });
    expect(search.status).toBe(200);
    const [{ txnId, ABHA }] = search.json;
    const entry = ABHA.find((a: { ABHANumber: string }) => a.ABHANumber.endsWith(patient.abhaNumber.slice(-4)));
    expect(entry.ABHANumber).toMatch(/^xx-xxxx-xxxx-\d{4}$/);
    const scope = ['abha-login', 'search-abha', 'mobile-verify'];
    const otp = await t.abha.call('POST', `${LOGIN}/request/otp`, { body: { scope, loginHint: 'index', loginId: await t.abha.encrypt(String(entry.index)), otpSystem: 'abdm', txnId } });
    expect(otp.status).toBe(200);
    const v = await t.abha.verifyLogin(scope, otp.json.txnId);
    expect(v.json).toMatchObject({ authResult: 'success', expiresIn: 1800, accounts: [{ ABHANumber: formatAbhaNumber(patient.abhaNumber) }] });
  });
});

describe('X-token rules', () => {
  it('refuses an X-token without "Bearer ", the gateway token as X-token, and a missing Authorization (900902)', async () => {
    const login = await t.abha.loginByAadhaar(syntheticAadhaar(12));
    const bare = await t.abha.call('GET', ACCOUNT, { headers: { 'X-token': login.json.token } });
    expect(bare.status).toBe(400);
    expect(bare.json).toEqual({ message: expect.stringMatching(/^Invalid X-token: the X-token header must be "Bearer <token>"/), timestamp: expect.any(String) });
    expect(findings('abha.profile')).toContain('abha-user-token-bearer');

    const gateway = await t.abha.call('GET', ACCOUNT, { xToken: t.abha.gatewayToken });
    expect(gateway.json.message).toMatch(/^Invalid X-token: this is the gateway session token/);

    const noAuth = await t.abha.call('GET', ACCOUNT, { xToken: login.json.token, headers: { Authorization: null } });
    expect(noAuth.status).toBe(401);
    expect(noAuth.json.code).toBe('900902');
  });

  it('reports an expired X-token as ABDM-1094 "X-token expired"', async () => {
    const login = await t.abha.loginByAadhaar(syntheticAadhaar(13));
    t.clock.advance(31 * 60_000);
    try {
      await t.abha.login();
      const r = await t.abha.call('GET', ACCOUNT, { xToken: login.json.token });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ code: 'ABDM-1094', message: expect.stringMatching(/^X-token expired: it expired at/) });
    } finally {
      t.clock.advance(-31 * 60_000);
      await t.abha.login();
    }
  });

  it('takes X-CM-ID as optional on ABHA calls, and accepts the same calls on /v3.1', async () => {
    const patient = t.running.sandbox.ctx.world.patient(14);
    const scope = ['abha-login', 'aadhaar-verify'];
    const r = await t.abha.call('POST', '/abha/api/v3.1/profile/login/request/otp', { body: { scope, loginHint: 'aadhaar', loginId: await t.abha.encrypt(syntheticAadhaar(14)), otpSystem: 'aadhaar' }, headers: { 'X-CM-ID': 'sbx' } });
    expect(r.status).toBe(200);
    const v = await t.abha.call('POST', '/abha/api/v3.1/profile/login/verify', { body: { scope, authData: { authMethods: ['otp'], otp: { txnId: r.json.txnId, otpValue: await t.abha.encrypt(await t.abha.otp(r.json.txnId)) } } } });
    expect(v.json.accounts[0].ABHANumber).toBe(formatAbhaNumber(patient.abhaNumber));
    const search = await t.abha.call('POST', `${LOGIN}/search`, { body: { ABHANumber: formatAbhaNumber(patient.abhaNumber) } });
    expect(search.json[0]).toMatchObject({ ABHANumber: formatAbhaNumber(patient.abhaNumber), authMethods: expect.arrayContaining(['AADHAAR_OTP']), status: 'ACTIVE' });
  });
});
