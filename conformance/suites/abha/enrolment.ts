// ABHA.ENROL and ABHA.CARD: the Aadhaar-OTP enrolment journey (spec §4.3, NHA CRT_ABHA_1xx) as the journal shows
// it: the enrolment itself, OTP resend timing, the communication mobile, suggestions and the chosen address, and
// the ABHA card afterwards.
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import { exchangeLine, someLines } from '../../checks/exchange-line.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { abhaCalls, gradeByFindings, jsonOf, ok, txnIdOf } from './abha-calls.js';
import { abhaTest } from './abha-test.js';

const RESEND_AFTER_MS = 60_000;
const byOp = (calls: ReadonlyArray<Exchange>, ...ids: string[]) => calls.filter((e) => ids.includes(e.operationId ?? ''));
const at = (e: Exchange) => Date.parse(e.startedAt);
const sameTxn = (txnId: string | undefined) => (e: Exchange) => txnId !== undefined && txnIdOf(e) === txnId;

/** Aadhaar-OTP sends of the enrolment (first sends and resends; not the communication-mobile OTP), by transaction. */
function aadhaarOtpSends(calls: ReadonlyArray<Exchange>): Map<string, Exchange[]> {
  const out = new Map<string, Exchange[]>();
  for (const e of byOp(calls, 'abha.enrol-request-otp')) {
    if (jsonOf(e.requestBody)?.loginHint !== 'aadhaar') continue;
    const txnId = txnIdOf(e);
    if (!txnId) continue;
    out.set(txnId, [...(out.get(txnId) ?? []), e]);
  }
  return out;
}

/** Successful enrolments (enrol/byAadhaar answered 200). */
const enrolments = (calls: ReadonlyArray<Exchange>) => byOp(calls, 'abha.enrol-by-aadhaar').filter(ok);

function requireEnrolment(ctx: TestContext, calls: ReadonlyArray<Exchange>): Exchange[] {
  const done = enrolments(calls);
  ctx.assert('abha-enrolment-completed', done.length > 0, `No enrolment by Aadhaar OTP completed during the run (${byOp(calls, 'abha.enrol-by-aadhaar').length} enrol/byAadhaar calls, none answered 200)`, byOp(calls, 'abha.enrol-by-aadhaar'));
  return done;
}

export const abhaEnrolmentGroup = defineGroup('ABHA.ENROL', 'Enrolment by Aadhaar OTP', [
  abhaTest({
    id: 'ABHA.ENROL.01',
    title: 'Enrols by Aadhaar OTP with the enrolment consent',
    description:
      'request/otp (`loginHint: aadhaar`), then enrol/byAadhaar with the OTP and `consent: {code: "abha-enrollment", version: "1.4"}` creates (or finds) the ABHA number.',
    level: 'MUST',
    nhaTestCases: ['CRT_ABHA_102', 'CRT_ABHA_105'],
    spec: ['abdm-api.md §4.3'],
    tags: ['enrolment'],
    run: async (ctx) => {
      const calls = await abhaCalls(ctx);
      const done = requireEnrolment(ctx, calls);
      ctx.check('abha-enrolment-completed', true, `${done.length} enrolment(s) completed: ${someLines(done.map(exchangeLine), 3)}`, done);
      ctx.checkFindings(byOp(calls, 'abha.enrol-by-aadhaar'), { ruleIds: ['abha-consent-version', 'abha-txn-reused'] });
    },
  }),
  abhaTest({
    id: 'ABHA.ENROL.02',
    title: 'Resends the OTP only 60 s after the last send, within the send limit',
    description:
      'A resend (request/otp again with the txnId) unlocks 60 s after the previous send; the service refuses earlier ones (`ABDM-1022`) and blocks a transaction after 3 sends. Graded from the times of the sends in the journal and the sandbox\'s refusals.',
    level: 'MUST',
    nhaTestCases: ['CRT_ABHA_106'],
    spec: ['abdm-api.md §4.7'],
    tags: ['enrolment', 'otp'],
    run: async (ctx) => {
      const calls = await abhaCalls(ctx);
      const resendCalls = byOp(calls, 'abha.enrol-request-otp', 'abha.login-request-otp', 'phr.web-request-otp', 'phr.app-login-request-otp', 'phr.enrol-request-otp').filter((e) => {
        const sent = jsonOf(e.requestBody)?.txnId;
        return typeof sent === 'string' && sent !== '';
      });
      if (resendCalls.length === 0) ctx.skip('The client resent no OTP during the run (a resend is request/otp again with the txnId)');
      const early: string[] = [];
      const evidence: Exchange[] = [];
      for (const [, sends] of aadhaarOtpSends(calls)) {
        let last: Exchange | undefined;
        for (const e of sends) {
          if (last && at(e) - at(last) < RESEND_AFTER_MS) {
            early.push(`${exchangeLine(e)}: ${Math.floor((at(e) - at(last)) / 1000)} s after #${last.id}`);
            evidence.push(e);
          }
          if (ok(e)) last = e;
        }
      }
      ctx.check(
        'abha-otp-resend-too-early',
        early.length === 0,
        early.length === 0 ? `Every Aadhaar-OTP resend came at least 60 s after the previous send` : `${early.length} resend(s) came before the 60 s were up: ${someLines(early, 4)}`,
        evidence,
      );
      gradeByFindings(ctx, {
        calls: resendCalls,
        ruleIds: (r) => ['abha-otp-resend-too-early', 'abha-otp-too-many-sends', 'abha-otp-blocked'].includes(r),
        passRule: 'abha-otp-send-limit',
        applies: 'OTP resends',
      });
    },
  }),
  abhaTest({
    id: 'ABHA.ENROL.03',
    title: 'Offers the OTP resend at least twice',
    description: 'NHA asks that the user can have the enrolment OTP resent at least 2 times (each after 60 s): one transaction of the run shows two accepted resends.',
    level: 'SHOULD',
    nhaTestCases: ['CRT_ABHA_107'],
    spec: ['abdm-api.md §4.7'],
    tags: ['enrolment', 'otp'],
    run: async (ctx) => {
      const sends = [...aadhaarOtpSends(await abhaCalls(ctx)).values()];
      if (sends.length === 0) ctx.skip('The client sent no enrolment OTP during the run');
      const best = sends.map((s) => s.filter(ok)).sort((a, b) => b.length - a.length)[0];
      ctx.check('abha-otp-resent-twice', best.length >= 3, `The most sends in one enrolment transaction: ${best.length} (the first and ${Math.max(0, best.length - 1)} resends; 2 resends expected)`, best);
    },
  }),
  abhaTest({
    id: 'ABHA.ENROL.04',
    title: 'Verifies a new communication mobile with its OTP',
    description:
      'When the mobile given at enrol/byAadhaar is not the Aadhaar mobile (`ABHAProfile.mobile` is null), the client sends it an OTP (`scope: ["abha-enrol","mobile-verify"]`) and verifies it at auth/byAbdm before finishing.',
    level: 'MUST',
    nhaTestCases: ['CRT_ABHA_108', 'CRT_ABHA_109'],
    spec: ['abdm-api.md §4.3'],
    tags: ['enrolment'],
    run: async (ctx) => {
      const calls = await abhaCalls(ctx);
      const pending = requireEnrolment(ctx, calls).filter((e) => jsonOf(e.responseBody)?.ABHAProfile?.mobile == null);
      if (pending.length === 0) ctx.skip('Every enrolment of the run gave the Aadhaar mobile as communication mobile: nothing to verify');
      const verified = byOp(calls, 'abha.enrol-auth-by-abdm').filter((e) => ok(e) && jsonOf(e.responseBody)?.authResult === 'success');
      const unverified = pending.filter((e) => !verified.some(sameTxn(txnIdOf(e))));
      ctx.check(
        'abha-mobile-verified',
        unverified.length === 0,
        unverified.length === 0 ? `The communication mobile of all ${pending.length} enrolment(s) was verified at auth/byAbdm` : `${unverified.length} enrolment(s) never verified their communication mobile: ${someLines(unverified.map(exchangeLine), 3)}`,
        unverified.length ? unverified : verified,
      );
      const ended = byOp(calls, 'abha.enrol-abha-address');
      for (const e of ended) for (const f of e.findings) if (f.ruleId === 'abha-mobile-not-verified') ctx.check(f.ruleId, false, `${exchangeLine(e)}: ${f.message}`, e);
    },
  }),
  abhaTest({
    id: 'ABHA.ENROL.05',
    title: 'Shows the address suggestions before creating the ABHA address',
    description: 'Before enrol/abha-address the client fetches `GET /v3/enrollment/enrol/suggestion` (header `TRANSACTION_ID`), which offers at least 3 addresses, for the same transaction.',
    level: 'MUST',
    nhaTestCases: ['CRT_ABHA_110', 'CRT_ABHA_112'],
    spec: ['abdm-api.md §4.3', 'abdm-api.md §4.7'],
    tags: ['enrolment', 'abha-address'],
    run: async (ctx: TestContext) => {
      const calls = await abhaCalls(ctx);
      const created = byOp(calls, 'abha.enrol-abha-address').filter(ok);
      ctx.assert('abha-address-created', created.length > 0, 'No ABHA address was created during the run (POST /v3/enrollment/enrol/abha-address answered 200 to none)', byOp(calls, 'abha.enrol-abha-address'));
      const suggestions = byOp(calls, 'abha.enrol-suggestion').filter(ok);
      const without = created.filter((e) => !suggestions.some((s) => s.id < e.id && sameTxn(txnIdOf(e))(s)));
      for (const e of without) ctx.check('abha-address-without-suggestions', false, `${exchangeLine(e)}: the address was created without fetching the suggestions of transaction ${txnIdOf(e)}`, e);
      if (without.length === 0) ctx.check('abha-address-without-suggestions', true, `All ${created.length} address(es) were created after fetching the suggestions`, created);
    },
  }),
  abhaTest({
    id: 'ABHA.ENROL.06',
    title: 'Creates the address the user chose from the suggestions',
    description: 'The created ABHA address is one of the suggestions the service offered for the transaction (a self-typed address is allowed by the service, but NHA reviews the suggestion flow).',
    level: 'SHOULD',
    nhaTestCases: ['CRT_ABHA_111'],
    spec: ['abdm-api.md §4.3'],
    tags: ['enrolment', 'abha-address'],
    run: async (ctx) => {
      const calls = await abhaCalls(ctx);
      const created = byOp(calls, 'abha.enrol-abha-address').filter(ok);
      if (created.length === 0) ctx.skip('No ABHA address was created during the run');
      const suggestions = byOp(calls, 'abha.enrol-suggestion').filter(ok);
      const bare = (a: unknown) => String(a ?? '').toLowerCase().replace(/@sbx$/, '');
      for (const e of created) {
        const offered = suggestions.filter((s) => s.id < e.id && sameTxn(txnIdOf(e))(s)).flatMap((s) => (jsonOf(s.responseBody)?.abhaAddressList ?? []) as string[]).map(bare);
        const chosen = bare(jsonOf(e.requestBody)?.abhaAddress);
        ctx.check('abha-address-not-suggested', offered.includes(chosen), offered.includes(chosen) ? `${exchangeLine(e)}: ${chosen} was suggested` : `${exchangeLine(e)}: ${chosen} is not among the ${offered.length} suggestions of the transaction (${offered.slice(0, 5).join(', ')})`, e);
      }
    },
  }),
  abhaTest({
    id: 'ABHA.ENROL.07',
    title: 'Never sends a real Aadhaar number to the sandbox',
    description:
      'Only the sandbox\'s synthetic Aadhaar numbers (`9999…`, `GET /sandbox/aadhaar`) are people here; a valid Aadhaar outside that range may be a real person\'s and must never be sent. Invalid numbers sent to the service are noted (the client may validate them first).',
    level: 'MUST',
    spec: ['abdm-api.md §4.2'],
    tags: ['enrolment', 'privacy'],
    run: async (ctx) => {
      const calls = (await abhaCalls(ctx)).filter((e) => /"(loginId|aadhaar)"\s*:/.test(e.requestBody ?? ''));
      gradeByFindings(ctx, { calls, ruleIds: (r) => r === 'abha-aadhaar-real', passRule: 'abha-aadhaar-synthetic', applies: 'ABHA calls with a loginId or Aadhaar' });
      ctx.checkFindings(calls, { ruleIds: ['abha-aadhaar-invalid', 'abha-aadhaar-format'] });
    },
  }),
]);

export const abhaCardGroup = defineGroup('ABHA.CARD', 'ABHA card', [
  abhaTest({
    id: 'ABHA.CARD.01',
    title: 'Fetches the ABHA card after the enrolment',
    description: 'After an enrolment the client fetches the card (`GET /v3/profile/account/abha-card` or `download-abha-card`, with the X-token) to show it and offer the download; the sandbox renders a PNG with number, photo, QR, DOB, gender and address.',
    level: 'MUST',
    nhaTestCases: ['CRT_ABHA_114', 'CRT_ABHA_115'],
    spec: ['abdm-api.md §4.4', 'abdm-api.md §4.7'],
    tags: ['card'],
    run: async (ctx) => {
      const calls = await abhaCalls(ctx);
      const done = requireEnrolment(ctx, calls);
      const last = done[done.length - 1];
      const cards = byOp(calls, 'abha.card', 'abha.card-download').filter((e) => ok(e) && e.id > last.id);
      ctx.check(
        'abha-card-fetched',
        cards.length > 0,
        cards.length > 0 ? `The card was fetched after the enrolment: ${exchangeLine(cards[0])}` : `No ABHA card was fetched (200) after the enrolment ${exchangeLine(last)}; ${byOp(calls, 'abha.card', 'abha.card-download').length} card calls in the run`,
        cards.length > 0 ? cards.slice(0, 1) : [last],
      );
    },
  }),
]);
