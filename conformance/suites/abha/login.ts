// ABHA.LOGIN, ABHA.PROFILE and ABHA.ADDRESS: verification of an existing ABHA (spec §4.4, NHA VRFY_ABHA_*), the
// profile and QR code (PROF_ABHA_*), and login to an ABHA address (§4.5), as the journal shows them.
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import { exchangeLine } from '../../checks/exchange-line.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { abhaCalls, jsonOf, ok, txnIdOf } from './abha-calls.js';
import { abhaTest } from './abha-test.js';

const LOGIN_OTP = ['abha.login-request-otp', 'abha.v31-login-request-otp'];
const LOGIN_VERIFY = ['abha.login-verify', 'abha.v31-login-verify'];

/** Logins of one kind: accepted OTP requests with this loginHint, and the verifies (and verify/user) of their transactions. */
function logins(calls: ReadonlyArray<Exchange>, loginHint: string) {
  const requests = calls.filter((e) => LOGIN_OTP.includes(e.operationId ?? '') && jsonOf(e.requestBody)?.loginHint === loginHint);
  const txnIds = new Set(requests.filter(ok).map(txnIdOf));
  const verified = calls.filter((e) => LOGIN_VERIFY.includes(e.operationId ?? '') && ok(e) && jsonOf(e.responseBody)?.authResult === 'success' && txnIds.has(txnIdOf(e)));
  const users = calls.filter((e) => e.operationId === 'abha.login-verify-user' && ok(e) && txnIds.has(txnIdOf(e)));
  return { requests, verified, users };
}

function gradeLogin(ctx: TestContext, ruleId: string, what: string, seen: ReturnType<typeof logins>, done: ReadonlyArray<Exchange>): void {
  ctx.check(
    ruleId,
    done.length > 0,
    done.length > 0 ? `${what}: ${exchangeLine(done[0])}` : `No ${what} completed during the run (${seen.requests.length} OTP requests, ${seen.requests.filter(ok).length} accepted, ${seen.verified.length} verified)`,
    done.length > 0 ? done.slice(0, 1) : seen.requests,
  );
}

const has = (calls: ReadonlyArray<Exchange>, ...ids: string[]) => calls.filter((e) => ids.includes(e.operationId ?? '') && ok(e));

export const abhaLoginGroup = defineGroup('ABHA.LOGIN', 'Verification of an existing ABHA', [
  abhaTest({
    id: 'ABHA.LOGIN.01',
    title: 'Logs in by ABHA number, sent with its dashes',
    description:
      'request/otp with `loginHint: "abha-number"` and the loginId `91-XXXX-XXXX-XXXX` (the live service answers 14 bare digits with "LoginId is invalid"), then verify with the OTP.',
    level: 'MUST',
    nhaTestCases: ['VRFY_ABHA_101'],
    spec: ['abdm-api.md §4.1', 'abdm-api.md §4.4'],
    tags: ['login'],
    run: async (ctx) => {
      const seen = logins(await abhaCalls(ctx), 'abha-number');
      for (const e of seen.requests) for (const f of e.findings) if (f.ruleId === 'abha-login-id-undashed') ctx.check(f.ruleId, false, `${exchangeLine(e)}: ${f.message}`, e);
      gradeLogin(ctx, 'abha-login-by-abha-number', 'login by ABHA number', seen, seen.verified);
    },
  }),
  abhaTest({
    id: 'ABHA.LOGIN.02',
    title: 'Logs in by mobile OTP and picks the account at verify/user',
    description:
      'request/otp with `loginHint: "mobile"` (`otpSystem: "abdm"`), verify (a T-token and the ABHA numbers on the mobile), then `verify/user` with the chosen ABHANumber for the X-token.',
    level: 'MUST',
    nhaTestCases: ['VRFY_ABHA_201', 'VRFY_ABHA_401'],
    spec: ['abdm-api.md §4.4'],
    tags: ['login'],
    run: async (ctx) => {
      const seen = logins(await abhaCalls(ctx), 'mobile');
      gradeLogin(ctx, 'abha-login-by-mobile', 'login by mobile with an account chosen at verify/user', seen, seen.users);
    },
  }),
  abhaTest({
    id: 'ABHA.LOGIN.03',
    title: 'Logs in by Aadhaar OTP',
    description: 'request/otp with `loginHint: "aadhaar"` (`otpSystem: "aadhaar"`), then verify: the answer holds the final X-token.',
    level: 'SHOULD',
    nhaTestCases: ['VRFY_ABHA_101'],
    spec: ['abdm-api.md §4.4'],
    tags: ['login'],
    run: async (ctx) => {
      const seen = logins(await abhaCalls(ctx), 'aadhaar');
      gradeLogin(ctx, 'abha-login-by-aadhaar', 'login by Aadhaar OTP', seen, seen.verified);
    },
  }),
]);

export const abhaProfileGroup = defineGroup('ABHA.PROFILE', 'Profile and QR code', [
  abhaTest({
    id: 'ABHA.PROFILE.01',
    title: 'Fetches the ABHA profile with the X-token',
    description: '`GET /v3/profile/account` with `X-token: Bearer <token>` answers the full profile (number, address, name, birth date, gender, mobile, photo).',
    level: 'SHOULD',
    nhaTestCases: ['PROF_ABHA_601'],
    spec: ['abdm-api.md §4.4'],
    tags: ['profile'],
    run: async (ctx) => {
      const got = has(await abhaCalls(ctx), 'abha.profile');
      ctx.check('abha-profile-fetched', got.length > 0, got.length > 0 ? `${got.length} profile fetch(es), the first ${exchangeLine(got[0])}` : 'The profile was never fetched (200) during the run', got.slice(0, 1));
    },
  }),
  abhaTest({
    id: 'ABHA.PROFILE.02',
    title: 'Fetches the ABHA QR code',
    description: '`GET /v3/profile/account/qrCode` with the X-token answers the QR image a HIP counter can scan.',
    level: 'SHOULD',
    nhaTestCases: ['PROF_ABHA_602'],
    spec: ['abdm-api.md §4.4'],
    tags: ['profile'],
    run: async (ctx) => {
      const got = has(await abhaCalls(ctx), 'abha.qr-code');
      ctx.check('abha-qr-fetched', got.length > 0, got.length > 0 ? `QR code fetched: ${exchangeLine(got[0])}` : 'The QR code was never fetched (200) during the run', got.slice(0, 1));
    },
  }),
]);

export const abhaAddressGroup = defineGroup('ABHA.ADDRESS', 'ABHA address (PHR) search and login', [
  abhaTest({
    id: 'ABHA.ADDRESS.01',
    title: 'Finds an ABHA address and logs in to it by OTP',
    description: 'Search (`/v3/phr/web/login/abha/search` or the app\'s `login/search`), request/otp with `loginHint: "abha-address"`, verify, and the PHR profile with the token it returns.',
    level: 'SHOULD',
    nhaTestCases: ['VRFY_ABHA_101'],
    spec: ['abdm-api.md §4.5'],
    tags: ['abha-address'],
    run: async (ctx) => {
      const calls = await abhaCalls(ctx);
      const search = has(calls, 'phr.web-search', 'phr.app-login-search');
      const verified = has(calls, 'phr.web-verify', 'phr.app-login-verify').filter((e) => jsonOf(e.responseBody)?.authResult === 'success');
      const profile = has(calls, 'phr.web-profile', 'phr.app-profile');
      ctx.check('abha-address-search', search.length > 0, search.length > 0 ? `ABHA address searched: ${exchangeLine(search[0])}` : 'No ABHA address was searched (200) during the run', search.slice(0, 1));
      ctx.check(
        'abha-address-login',
        verified.length > 0 && profile.length > 0,
        verified.length > 0 && profile.length > 0 ? `Logged in to an ABHA address and opened its profile: ${exchangeLine(profile[0])}` : `ABHA-address login incomplete: ${verified.length} successful verifies, ${profile.length} PHR profile fetches`,
        [...verified.slice(0, 1), ...profile.slice(0, 1)],
      );
    },
  }),
]);
