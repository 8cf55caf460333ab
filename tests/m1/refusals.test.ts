// Every refusal a partner's ABHA client can provoke, over HTTP: encryption mistakes (PKCS#1 v1.5, OAEP SHA-256,
// the wrong key, plain text), Aadhaar numbers outside the sandbox's test range, and the OTP rules (resend before
// 60 s, too many sends, too many wrong OTPs, expiry). Each refusal is the live service's code and shape, and the
// journal keeps a finding that names the client's mistake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { startAbhaSandbox, type AbhaTestSandbox, type Padding } from '../support/abha-client.js';

let t: AbhaTestSandbox;
beforeAll(async () => {
  t = await startAbhaSandbox();
});
afterAll(() => t.close());

const OTP = '/abha/api/v3/enrollment/request/otp';

function lastFindings(operationId: string): string[] {
  return t.running.sandbox.ctx.journal.query({ operationId }).at(-1)!.findings.map((f) => f.ruleId);
}

async function requestAadhaarOtp(loginId: string, txnId = '') {
  return t.abha.call('POST', OTP, { body: { txnId, scope: ['abha-enrol'], loginHint: 'aadhaar', loginId, otpSystem: 'aadhaar' } });
}

describe('encryption mistakes', () => {
  it.each<[string, Padding, 'profile' | 'phr', string, RegExp]>([
    ['PKCS#1 v1.5 padding', 'pkcs1', 'profile', 'abha-enc-pkcs1-padding', /PKCS#1 v1\.5/],
    ['OAEP with SHA-256', 'oaep-sha256', 'profile', 'abha-enc-oaep-sha256', /SHA-256/],
    ['the PHR key on a profile call', 'oaep-sha1', 'phr', 'abha-enc-wrong-key', /2048-bit PHR key/],
  ])('refuses %s with 400 {"loginId":"Invalid LoginId"} and a finding', async (_name, padding, key, ruleId, detail) => {
    const r = await requestAadhaarOtp(await t.abha.encrypt(syntheticAadhaar(20), key, padding));
    expect(r.status).toBe(400);
    expect(Object.keys(r.json).sort()).toEqual(['loginId', 'timestamp']);
    expect(r.json.loginId).toMatch(/^Invalid LoginId: /);
    expect(r.json.loginId).toMatch(detail);
    expect(lastFindings('abha.enrol-request-otp')).toContain(ruleId);
  });

  it('refuses a plain-text Aadhaar without echoing it, and keeps it out of the journal', async () => {
    const aadhaar = syntheticAadhaar(21);
    const r = await requestAadhaarOtp(aadhaar);
    expect(r.json.loginId).toMatch(/^Invalid LoginId: loginId looks like plain text/);
    expect(r.text).not.toContain(aadhaar);
    expect(lastFindings('abha.enrol-request-otp')).toContain('abha-enc-plaintext');
    const exchange = t.running.sandbox.ctx.journal.query({ operationId: 'abha.enrol-request-otp' }).at(-1)!;
    expect(exchange.requestBody).not.toContain(aadhaar);
  });

  it('refuses the profile key on a PHR-app call as the live service does: ABDM-1006 "Invalid mobile number" in an array', async () => {
    const r = await t.abha.call('POST', '/abha/api/v3/phr/app/login/request/otp', {
      body: { scope: ['abha-address-login', 'mobile-verify'], loginHint: 'mobile-number', loginId: await t.abha.encrypt('9000000001', 'profile'), otpSystem: 'abdm' },
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual([{ code: 'ABDM-1006: ', message: expect.stringMatching(/^Invalid mobile number: .*4096-bit ABHA profile key/) }]);
  });
});

describe('Aadhaar numbers', () => {
  it('refuses a valid Aadhaar outside the test range as possibly real (UIDAI 998) and flags it', async () => {
    const real = '234567890124';
    const r = await requestAadhaarOtp(await t.abha.encrypt(real));
    expect(r.status).toBe(422);
    expect(r.json.error).toMatchObject({ code: 'ABDM-1204', message: expect.stringMatching(/^UIDAI Error code : 998 : Invalid Aadhaar Number\.: the sandbox only knows synthetic Aadhaar numbers/) });
    expect(r.text).not.toContain(real);
    expect(lastFindings('abha.enrol-request-otp')).toContain('abha-aadhaar-real');
    const journal = JSON.stringify(t.running.sandbox.ctx.journal.query({ operationId: 'abha.enrol-request-otp' }));
    expect(journal).not.toContain(real);
  });

  it('refuses a synthetic-looking number with a bad check digit, and a patient number beyond the population', async () => {
    const good = syntheticAadhaar(22);
    const bad = good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
    const r = await requestAadhaarOtp(await t.abha.encrypt(bad));
    expect(r.json.error.message).toMatch(/Verhoeff/);
    expect(lastFindings('abha.enrol-request-otp')).toContain('abha-aadhaar-invalid');
    const beyond = await requestAadhaarOtp(await t.abha.encrypt(syntheticAadhaar(4_000_000)));
    expect(beyond.json.error.message).toMatch(/this world has 10000 patients/);
    const short = await requestAadhaarOtp(await t.abha.encrypt('99990000001'));
    expect(short.json.loginId).toMatch(/^LoginId is invalid: /);
  });
});

describe('OTP rules', () => {
  it('refuses a resend within 60 s, allows it after, and blocks the transaction after the third send', async () => {
    const loginId = await t.abha.encrypt(syntheticAadhaar(5_000_300));
    const first = await requestAadhaarOtp(loginId);
    const txnId = first.json.txnId as string;
    const firstOtp = await t.abha.otp(txnId);

    t.clock.advance(20_000);
    const early = await requestAadhaarOtp(loginId, txnId);
    expect(early.status).toBe(429);
    expect(early.json.error).toMatchObject({ code: 'ABDM-1022', message: expect.stringMatching(/^Too many requests: an OTP can be resent 60 s after the last one; this request came 20 s after it \(wait 40 s more\)/) });
    expect(lastFindings('abha.enrol-request-otp')).toContain('abha-otp-resend-too-early');

    t.clock.advance(41_000);
    const second = await requestAadhaarOtp(loginId, txnId);
    expect(second.status).toBe(200);
    expect(second.json.txnId).toBe(txnId);
    expect(await t.abha.otp(txnId)).not.toBe(firstOtp);
    t.clock.advance(61_000);
    expect((await requestAadhaarOtp(loginId, txnId)).status).toBe(200);
    t.clock.advance(61_000);
    const fourth = await requestAadhaarOtp(loginId, txnId);
    expect(fourth.status).toBe(400);
    expect(fourth.json.error.code).toBe('ABDM-1100');
    expect(lastFindings('abha.enrol-request-otp')).toContain('abha-otp-too-many-sends');
    // Blocked means blocked: even the right OTP is refused now, and a new transaction is the way out.
    const blocked = await t.abha.byAadhaar(txnId, await t.abha.otp(txnId), '9000000300');
    expect(blocked.json.error.code).toBe('ABDM-1100');
    expect((await requestAadhaarOtp(loginId)).status).toBe(200);
  });

  it('blocks a transaction after three wrong OTPs, counting down in the messages', async () => {
    const first = await requestAadhaarOtp(await t.abha.encrypt(syntheticAadhaar(5_000_301)));
    const txnId = first.json.txnId as string;
    const right = await t.abha.otp(txnId);
    const wrong = right === '000000' ? '111111' : '000000';
    const one = await t.abha.byAadhaar(txnId, wrong, '9000000301');
    expect(one.status).toBe(422);
    expect(one.json.error).toMatchObject({ code: 'ABDM-1204', message: 'UIDAI Error code : 400 : Invalid Aadhaar OTP value.: the OTP does not match; 2 attempts left in this transaction' });
    await t.abha.byAadhaar(txnId, wrong, '9000000301');
    const three = await t.abha.byAadhaar(txnId, wrong, '9000000301');
    expect(three.json.error.message).toMatch(/that was the last attempt: transaction .* is blocked until/);
    const after = await t.abha.byAadhaar(txnId, right, '9000000301');
    expect(after.json.error.code).toBe('ABDM-1100');
    expect(lastFindings('abha.enrol-by-aadhaar')).toContain('abha-otp-blocked');
  });

  it('expires an OTP after 10 minutes: UIDAI refuses it, the ABDM mobile OTP answers authResult "failed"', async () => {
    const { txnId } = await t.abha.enrol(syntheticAadhaar(5_000_302), '9000000302');
    const aadhaarTxn = (await requestAadhaarOtp(await t.abha.encrypt(syntheticAadhaar(5_000_303)))).json.txnId as string;
    await t.abha.call('POST', OTP, { body: { txnId, scope: ['abha-enrol', 'mobile-verify'], loginHint: 'mobile', loginId: await t.abha.encrypt('9000000302'), otpSystem: 'abdm' } });
    t.clock.advance(10 * 60_000 + 1_000);
    const aadhaar = await t.abha.byAadhaar(aadhaarTxn, await t.abha.otp(aadhaarTxn), '9000000303');
    expect(aadhaar.status).toBe(422);
    expect(aadhaar.json.error.message).toMatch(/the OTP expired/);
    const mobile = await t.abha.call('POST', '/abha/api/v3/enrollment/auth/byAbdm', {
      body: { scope: ['abha-enrol', 'mobile-verify'], authData: { authMethods: ['otp'], otp: { txnId, otpValue: await t.abha.encrypt(await t.abha.otp(txnId)) } } },
    });
    expect(mobile.json).toEqual({ txnId, authResult: 'failed', message: 'OTP expired, please try again', accounts: [] });
  });

  it('answers a wrong mobile OTP as {"txnId","description":"Invalid OTP value"}', async () => {
    const { txnId } = await t.abha.enrol(syntheticAadhaar(5_000_304), '9000000304');
    await t.abha.call('POST', OTP, { body: { txnId, scope: ['abha-enrol', 'mobile-verify'], loginHint: 'mobile', loginId: await t.abha.encrypt('9000000304'), otpSystem: 'abdm' } });
    const right = await t.abha.otp(txnId);
    const r = await t.abha.call('POST', '/abha/api/v3/enrollment/auth/byAbdm', {
      body: { scope: ['abha-enrol', 'mobile-verify'], authData: { authMethods: ['otp'], otp: { txnId, otpValue: await t.abha.encrypt(right === '123456' ? '654321' : '123456') } } },
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ txnId, description: 'Invalid OTP value: the OTP does not match; 2 attempts left in this transaction' });
  });

  it('shows the OTP and its limits at GET /sandbox/otp, and 404s an unknown txnId', async () => {
    const first = await requestAadhaarOtp(await t.abha.encrypt(syntheticAadhaar(5_000_305)));
    const view = (await (await fetch(`${t.running.url}/sandbox/otp?txnId=${first.json.txnId}`)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ txnId: first.json.txnId, otp: expect.stringMatching(/^\d{6}$/), otpSystem: 'aadhaar', sends: 1, sendsAllowed: 3, wrongAttempts: 0, verified: false, blockedUntil: null });
    const unknown = await fetch(`${t.running.url}/sandbox/otp?txnId=nope`);
    expect(unknown.status).toBe(404);
    expect((await fetch(`${t.running.url}/sandbox/otp`)).status).toBe(400);
  });

  it('refuses scope, hint and OTP-system mistakes with the field that is wrong', async () => {
    const loginId = await t.abha.encrypt(syntheticAadhaar(23));
    const scope = await t.abha.call('POST', OTP, { body: { scope: ['abha-enroll'], loginHint: 'aadhaar', loginId, otpSystem: 'aadhaar' } });
    expect(scope.json.scope).toMatch(/^Invalid Scope: "abha-enroll" is not an ABHA scope/);
    const hint = await t.abha.call('POST', OTP, { body: { scope: ['abha-enrol'], loginHint: 'aadhar', loginId, otpSystem: 'aadhaar' } });
    expect(hint.json.loginHint).toMatch(/^Invalid Login Hint: /);
    const system = await t.abha.call('POST', '/abha/api/v3/profile/login/request/otp', { body: { scope: ['abha-login', 'mobile-verify'], loginHint: 'mobile', loginId, otpSystem: 'aadhaar' } });
    expect(system.json.otpSystem).toMatch(/^Invalid OTP System: /);
    const dl = await t.abha.call('POST', OTP, { body: { scope: ['abha-enrol', 'dl-flow'], loginHint: 'mobile', loginId, otpSystem: 'abdm' } });
    expect(dl.json.scope).toMatch(/not simulated/);
  });
});

describe('determinism', () => {
  it('gives the same txnIds and OTPs for the same seed and the same calls', async () => {
    const runs: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const s = await startAbhaSandbox({ seed: 77 });
      try {
        const r = await s.abha.call('POST', OTP, { body: { scope: ['abha-enrol'], loginHint: 'aadhaar', loginId: await s.abha.encrypt(syntheticAadhaar(5_000_400)), otpSystem: 'aadhaar' } });
        runs.push([r.json.txnId, await s.abha.otp(r.json.txnId)]);
      } finally {
        await s.close();
      }
    }
    expect(runs[0]).toEqual(runs[1]);
  });
});
