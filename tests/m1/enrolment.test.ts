// M1 journey 1 end to end over HTTP: enrolment by Aadhaar OTP (spec §4.3) with a partner-style client that
// encrypts with the published RSA-4096 key. Covers a new resident, the communication-mobile OTP, suggestions, the
// chosen address, the existing-account answer, and that the new account joins the world for other flows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { abhaAccountByNumber, abhaIdentityByAddress } from '../../sandbox-server/abha/account-lookup.js';
import { startAbhaSandbox, type AbhaTestSandbox } from '../support/abha-client.js';

let t: AbhaTestSandbox;
beforeAll(async () => {
  t = await startAbhaSandbox();
});
afterAll(() => t.close());

const ENROL = '/abha/api/v3/enrollment';

describe('enrolment by Aadhaar OTP', () => {
  it('publishes the RSA-4096 profile key as bare base64 DER with the OAEP algorithm name', async () => {
    const r = await t.abha.call('GET', '/abha/api/v3/profile/public/certificate');
    expect(r.status).toBe(200);
    expect(r.json.encryptionAlgorithm).toBe('RSA/ECB/OAEPWithSHA-1AndMGF1Padding');
    expect(r.json.publicKey).not.toContain('BEGIN');
    const key = await t.abha.publicKey('profile');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect((await t.abha.publicKey('phr')).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('creates a new ABHA number for a resident without one, then verifies a different communication mobile, suggests and creates an address', async () => {
    const aadhaar = syntheticAadhaar(5_000_101);
    const otpRequest = await t.abha.call('POST', `${ENROL}/request/otp`, {
      body: { txnId: '', scope: ['abha-enrol'], loginHint: 'aadhaar', loginId: await t.abha.encrypt(aadhaar), otpSystem: 'aadhaar' },
    });
    expect(otpRequest.status).toBe(200);
    expect(otpRequest.json.message).toMatch(/^OTP sent to Aadhaar registered mobile number ending with \*{6}\d{4}$/);
    const txnId = otpRequest.json.txnId as string;

    const communicationMobile = '9000012345';
    const enrolled = await t.abha.byAadhaar(txnId, await t.abha.otp(txnId), communicationMobile);
    expect(enrolled.status).toBe(200);
    expect(enrolled.json).toMatchObject({ message: 'Account created successfully', isNew: true, txnId, tokens: { expiresIn: 1800, refreshExpiresIn: 1296000 } });
    const profile = enrolled.json.ABHAProfile;
    expect(profile.ABHANumber).toMatch(/^91-\d{4}-\d{4}-\d{4}$/);
    expect(profile).toMatchObject({ abhaType: 'STANDARD', abhaStatus: 'ACTIVE', mobile: null });
    expect(profile.phrAddress).toEqual([`${profile.ABHANumber.replace(/-/g, '')}@sbx`]);
    expect(profile.dob).toMatch(/^\d{2}-\d{2}-\d{4}$/);

    const mobileOtp = await t.abha.call('POST', `${ENROL}/request/otp`, {
      body: { txnId, scope: ['abha-enrol', 'mobile-verify'], loginHint: 'mobile', loginId: await t.abha.encrypt(communicationMobile), otpSystem: 'abdm' },
    });
    expect(mobileOtp.status).toBe(200);
    expect(mobileOtp.json.message).toBe('OTP sent to mobile number ending with ******2345');
    const verified = await t.abha.call('POST', `${ENROL}/auth/byAbdm`, {
      body: { scope: ['abha-enrol', 'mobile-verify'], authData: { authMethods: ['otp'], otp: { txnId, otpValue: await t.abha.encrypt(await t.abha.otp(txnId)) } } },
    });
    expect(verified.json).toEqual({ txnId, authResult: 'success', message: 'Mobile number is now successfully linked to your Account', accounts: [{ ABHANumber: profile.ABHANumber }] });

    const suggestions = await t.abha.call('GET', `${ENROL}/enrol/suggestion`, { headers: { TRANSACTION_ID: txnId } });
    expect(suggestions.status).toBe(200);
    expect(suggestions.json.abhaAddressList.length).toBeGreaterThanOrEqual(3);
    const chosen = suggestions.json.abhaAddressList[0] as string;
    expect(chosen).not.toContain('@');

    const created = await t.abha.call('POST', `${ENROL}/enrol/abha-address`, { body: { txnId, abhaAddress: chosen, preferred: 1 } });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ txnId, healthIdNumber: profile.ABHANumber, preferredAbhaAddress: `${chosen}@sbx` });

    const me = await t.abha.call('GET', '/abha/api/v3/profile/account', { xToken: enrolled.json.tokens.token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ ABHANumber: profile.ABHANumber, preferredAbhaAddress: `${chosen}@sbx`, mobile: communicationMobile, kycVerified: true });

    // The new account is part of the world for the other flows: found by number and by address.
    const ctx = t.running.sandbox.ctx;
    expect(abhaAccountByNumber(ctx, profile.ABHANumber)).toMatchObject({ source: 'enrolled', mobile: communicationMobile });
    expect(abhaIdentityByAddress(ctx, `${chosen.toUpperCase()}@SBX`)).toMatchObject({ kind: 'account', abhaAddress: `${chosen}@sbx` });
    expect(ctx.world.patientByAbhaNumber(profile.ABHANumber)).toBeUndefined();

    // Enrolling the same Aadhaar again finds the account instead of making a second one.
    const again = await t.abha.enrol(aadhaar, communicationMobile);
    expect(again.result.json).toMatchObject({ message: 'This account already exist', isNew: false, ABHAProfile: { ABHANumber: profile.ABHANumber, mobile: communicationMobile } });
    expect(again.result.json.ABHAProfile.phrAddress).toContain(`${chosen}@sbx`);
  });

  it('finds the existing ABHA number of a synthetic patient', async () => {
    const patient = t.running.sandbox.ctx.world.patient(3);
    const { result } = await t.abha.enrol(syntheticAadhaar(3), patient.mobile);
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ isNew: false, message: 'This account already exist' });
    expect(result.json.ABHAProfile).toMatchObject({ ABHANumber: expect.stringMatching(/^91/), firstName: patient.name.first, mobile: patient.mobile, phrAddress: [patient.abhaAddress] });
  });

  it('refuses an address someone holds (ABDM-1101), and a replayed enrolment transaction', async () => {
    const { txnId } = await t.abha.enrol(syntheticAadhaar(5_000_102), '9000012346');
    const someoneElse = t.running.sandbox.ctx.world.patient(1).abhaAddress;
    const taken = await t.abha.call('POST', `${ENROL}/enrol/abha-address`, { body: { txnId, abhaAddress: someoneElse, preferred: 1 } });
    expect(taken.status).toBe(400);
    expect(taken.json.error.code).toBe('ABDM-1101');
    expect(taken.json.error.message).toMatch(/^This ABHA Address already exists/);

    const badForm = await t.abha.call('POST', `${ENROL}/enrol/abha-address`, { body: { txnId, abhaAddress: 'abcde', preferred: 1 } });
    expect(badForm.status).toBe(400);
    expect(badForm.json.abhaAddress).toMatch(/^Invalid ABHA Address: .*8 to 18/);
    expect(badForm.json.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const replay = await t.abha.byAadhaar(txnId, await t.abha.otp(txnId), '9000012346');
    expect(replay.status).toBe(400);
    expect(replay.json.txnId).toMatch(/^Invalid Transaction Id: .*already enrolled/);
    const exchange = t.running.sandbox.ctx.journal.query({ operationId: 'abha.enrol-by-aadhaar', correlation: txnId }).at(-1)!;
    expect(exchange.findings.map((f) => f.ruleId)).toContain('abha-txn-reused');
  });

  it('journals every ABHA call with its txnId, and never the Aadhaar, the OTP or a token', async () => {
    const aadhaar = syntheticAadhaar(5_000_103);
    const { txnId, result } = await t.abha.enrol(aadhaar, '9000012347');
    const exchanges = t.running.sandbox.ctx.journal.query({ correlation: txnId });
    expect(exchanges.map((e) => e.operationId)).toEqual(['abha.enrol-request-otp', 'abha.enrol-by-aadhaar']);
    const text = JSON.stringify(exchanges);
    expect(text).not.toContain(aadhaar);
    expect(text).not.toContain(result.json.tokens.token);
    expect(exchanges[1].responseBody).toContain('[redacted sha256:');
    expect(exchanges[0].clientId).toBe('SBX_DEMO_HIP');
  });

  it('warns when an enrolment ends without the offered suggestions or without verifying the communication mobile', async () => {
    const { txnId } = await t.abha.enrol(syntheticAadhaar(5_000_104), '9000012348');
    const created = await t.abha.call('POST', `${ENROL}/enrol/abha-address`, { body: { txnId, abhaAddress: 'sandbox.tester104', preferred: 1 } });
    expect(created.status).toBe(200);
    const exchange = t.running.sandbox.ctx.journal.query({ operationId: 'abha.enrol-abha-address', correlation: txnId })[0];
    expect(exchange.findings.map((f) => f.ruleId).sort()).toEqual(['abha-address-without-suggestions', 'abha-mobile-not-verified']);
  });

  it('answers a byAadhaar body that breaks the schema with ABHA field errors', async () => {
    const r = await t.abha.call('POST', `${ENROL}/enrol/byAadhaar`, { body: { authData: { authMethods: ['otp'], otp: { txnId: 'x' } }, consent: { code: 'abha-enrollment', version: '1.4' } } });
    expect(r.status).toBe(400);
    expect(r.json.otpValue).toMatch(/^Invalid OTP Value: body.authData.otp.otpValue is required/);
    expect(r.json.mobile).toMatch(/^Invalid Mobile Number/);
  });
});
