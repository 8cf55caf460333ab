// ABHA.CRYPTO, ABHA.HEADERS and ABHA.TOKENS: how each call is made, graded over every ABHA call of the run: RSA
// encryption of sensitive inputs (spec §4.2), the v3 headers (§4.2, §2.4) and the user-token rules (§4.4 [OBS]).
import { DEFAULT_TIMESTAMP_WINDOW } from '../../../protocol/headers.js';
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import { someLines } from '../../checks/exchange-line.js';
import { gradeRequestIdFormat, gradeRequestIdReuse, gradeTimestamp, type HeaderGrade } from '../../checks/header-checks.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { abhaCalls, gradeByFindings } from './abha-calls.js';
import { abhaTest } from './abha-test.js';

const ENCRYPTED_FIELD = /"(loginId|otpValue|aadhaar)"\s*:|"mobile"\s*:\s*"[^"]{40,}"/;
const withEncryptedFields = (calls: ReadonlyArray<Exchange>) => calls.filter((e) => ENCRYPTED_FIELD.test(e.requestBody ?? ''));
const USER_TOKEN_HEADERS = ['x-token', 't-token', 'r-token'];
const withUserToken = (calls: ReadonlyArray<Exchange>) =>
  calls.filter((e) => USER_TOKEN_HEADERS.some((h) => h in e.requestHeaders) || e.findings.some((f) => f.ruleId.startsWith('abha-user-token') || /token-as-/.test(f.ruleId)));

const BAD_PADDING = new Set(['abha-enc-pkcs1-padding', 'abha-enc-oaep-sha256', 'abha-enc-plaintext', 'abha-enc-not-base64', 'abha-enc-undecryptable']);
const TOKEN_MISPLACED = /^abha-[xtr]token-as-[xtr]token$/;

export const abhaCryptoGroup = defineGroup('ABHA.CRYPTO', 'RSA encryption of sensitive inputs', [
  abhaTest({
    id: 'ABHA.CRYPTO.01',
    title: 'Encrypts loginId, OTPs and Aadhaar with RSA/ECB/OAEPWithSHA-1AndMGF1Padding',
    description:
      'Every encrypted input is base64 RSA-OAEP with SHA-1 and MGF1-SHA-1, no label, as the certificate endpoints publish. The live service refuses PKCS#1 v1.5 (what NHA\'s own OpenAPI text says) and OAEP-SHA-256 with "Invalid LoginId"; plain text is refused too.',
    level: 'MUST',
    nhaTestCases: ['CRT_ABHA_105'],
    spec: ['abdm-api.md §4.2'],
    tags: ['crypto'],
    run: async (ctx) =>
      gradeByFindings(ctx, { calls: withEncryptedFields(await abhaCalls(ctx)), ruleIds: (r) => BAD_PADDING.has(r), passRule: 'abha-enc-oaep-sha1', applies: 'ABHA calls with encrypted fields' }),
  }),
  abhaTest({
    id: 'ABHA.CRYPTO.02',
    title: 'Encrypts with the key of the API it calls',
    description:
      'Enrolment and profile calls use the RSA-4096 key of `GET /v3/profile/public/certificate`; the PHR app calls the RSA-2048 key of `GET /v3/phr/app/login/public/certificate`. The PHR web calls accept either (the profile key is noted).',
    level: 'MUST',
    spec: ['abdm-api.md §4.2'],
    tags: ['crypto'],
    run: async (ctx) => {
      const calls = withEncryptedFields(await abhaCalls(ctx));
      gradeByFindings(ctx, { calls, ruleIds: (r) => r === 'abha-enc-wrong-key', passRule: 'abha-enc-right-key', applies: 'ABHA calls with encrypted fields' });
      ctx.checkFindings(calls, { ruleIds: ['abha-enc-profile-key-on-phr'] });
    },
  }),
]);

function gradeHeaders(ctx: TestContext, ruleId: string, grade: HeaderGrade, applies: string): void {
  if (grade.graded === 0) ctx.skip(`The client made no ${applies} during the run`);
  const bad = grade.violations;
  ctx.check(
    ruleId,
    bad.length === 0,
    bad.length === 0 ? `All ${grade.graded} ${applies} of the run comply` : `${bad.length} of ${grade.graded} ${applies} break the rule: ${someLines(bad.map((v) => v.message), 4)}`,
    bad.map((v) => v.exchangeId),
  );
}

export const abhaHeaderGroup = defineGroup('ABHA.HEADERS', 'Headers on every ABHA call', [
  abhaTest({
    id: 'ABHA.HEADERS.01',
    title: 'Sends a new UUID REQUEST-ID on every ABHA call',
    description: 'ABHA v3 calls carry `REQUEST-ID` as on the gateway: a UUID, never reused.',
    level: 'MUST',
    spec: ['abdm-api.md §4.2', 'abdm-api.md §2.4'],
    tags: ['headers'],
    run: async (ctx) => {
      const calls = await abhaCalls(ctx);
      const format = gradeRequestIdFormat(calls);
      const reuse = gradeRequestIdReuse(calls);
      gradeHeaders(ctx, 'hdr-request-id-uuid', format, 'ABHA calls');
      gradeHeaders(ctx, 'hdr-request-id-fresh', reuse, 'ABHA calls with a REQUEST-ID');
    },
  }),
  abhaTest({
    id: 'ABHA.HEADERS.02',
    title: 'Sends the current time as TIMESTAMP, in ISO-8601 UTC',
    description: 'ABHA v3 calls carry `TIMESTAMP`, an ISO-8601 date-time inside the window the gateway accepts.',
    level: 'MUST',
    spec: ['abdm-api.md §4.2', 'abdm-api.md §2.4'],
    tags: ['headers'],
    run: async (ctx) => gradeHeaders(ctx, 'hdr-timestamp', gradeTimestamp(await abhaCalls(ctx), DEFAULT_TIMESTAMP_WINDOW), 'ABHA calls'),
  }),
  abhaTest({
    id: 'ABHA.HEADERS.03',
    title: 'Sends the user token in its header as "Bearer <token>"',
    description:
      'Profile, card and QR calls carry `X-token: Bearer <token>`, verify/user `T-token: Bearer <token>`. A bare token gets `400 Invalid X-token` on the live service; a missing one is refused.',
    level: 'MUST',
    spec: ['abdm-api.md §4.4'],
    tags: ['headers', 'tokens'],
    run: async (ctx) =>
      gradeByFindings(ctx, {
        calls: withUserToken(await abhaCalls(ctx)),
        ruleIds: (r) => r === 'abha-user-token-bearer' || r === 'abha-user-token-missing',
        passRule: 'abha-user-token-bearer',
        applies: 'ABHA calls needing a user token',
      }),
  }),
]);

export const abhaTokenGroup = defineGroup('ABHA.TOKENS', 'T-token, X-token and R-token use', [
  abhaTest({
    id: 'ABHA.TOKENS.01',
    title: 'Exchanges a mobile login\'s T-token at verify/user before using an X-token',
    description:
      'A mobile-OTP verify returns a 300 s T-token and the accounts on the mobile; the client picks one at `verify/user` (header `T-token`) and uses the X-token it gets. The T-token as X-token is refused.',
    level: 'MUST',
    nhaTestCases: ['VRFY_ABHA_201', 'VRFY_ABHA_401'],
    spec: ['abdm-api.md §4.4'],
    tags: ['tokens'],
    run: async (ctx) =>
      gradeByFindings(ctx, { calls: withUserToken(await abhaCalls(ctx)), ruleIds: (r) => r === 'abha-ttoken-as-xtoken', passRule: 'abha-ttoken-as-xtoken', applies: 'ABHA calls with a user token' }),
  }),
  abhaTest({
    id: 'ABHA.TOKENS.02',
    title: 'Sends every token where it belongs',
    description:
      'An Aadhaar-OTP or ABHA-number verify returns the final X-token (with a refresh token): it never goes to verify/user as T-token. The gateway session token is never a user token, ABHA-address tokens stay on `/phr` calls, and only tokens the service issued are sent.',
    level: 'MUST',
    spec: ['abdm-api.md §4.4', 'abdm-api.md §4.5'],
    tags: ['tokens'],
    run: async (ctx) =>
      gradeByFindings(ctx, {
        calls: withUserToken(await abhaCalls(ctx)),
        ruleIds: (r) => (TOKEN_MISPLACED.test(r) && r !== 'abha-ttoken-as-xtoken') || ['abha-gateway-token-as-user-token', 'abha-user-token-wrong-service', 'abha-user-token-invalid'].includes(r),
        passRule: 'abha-token-placement',
        applies: 'ABHA calls with a user token',
      }),
  }),
  abhaTest({
    id: 'ABHA.TOKENS.03',
    title: 'Refreshes rather than sending an expired or logged-out X-token',
    description: 'An X-token lives 1800 s; the client refreshes it with the R-token (`GET /v3/profile/account/request/token`) or logs in again instead of sending it stale.',
    level: 'SHOULD',
    spec: ['abdm-api.md §4.4'],
    tags: ['tokens'],
    run: async (ctx) =>
      gradeByFindings(ctx, {
        calls: withUserToken(await abhaCalls(ctx)),
        ruleIds: (r) => r === 'abha-user-token-expired' || r === 'abha-user-token-logged-out',
        passRule: 'abha-user-token-fresh',
        applies: 'ABHA calls with a user token',
      }),
  }),
]);
