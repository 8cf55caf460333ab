// HIP.REFUSE: health-information requests the HIP must refuse (spec §5.8, §5.9, §7, §12.2 #7): under a consent the
// patient revoked, one that expired, and one the consent manager never issued. The HIP answers on-request with an
// error, pushes nothing (watched for three times the HIP's pace, at least a second, at most --timeout-ms, see
// quiet-window.ts: passing means the HIP correctly did nothing) and, as WRAP does, notifies FAILED (a warning when
// it does not).
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { consentTerms, describeError, endConsent, grantConsent, linkAsPatient, requestData } from './flow-steps.js';
import { quietWindowMs, stopwatch } from '../shared/quiet-window.js';
import { m2TestsWith } from './m2-test.js';
import { castPatient } from './patient-casting.js';

const FLOW = ['patient.links', 'patient.discover', 'patient.link', 'patient.confirm-link', 'consent.grant', 'hiu.request-health-information'];

const test = m2TestsWith({
  spec: ['abdm-api.md §5.9', 'abdm-api.md §5.8', 'abdm-api.md §12.2 #7'],
  tags: ['data-transfer', 'consent'],
});

/** Asks for data under the consent (or an unknown one) and grades the refusal: an error, nothing pushed, notify FAILED. */
async function gradeRefusal(ctx: TestContext, input: Record<string, unknown>, why: string): Promise<void> {
  const pace = stopwatch();
  const t = await requestData(ctx, input);
  const paceMs = pace();
  ctx.checkFindings([t.acknowledged]);
  ctx.check('data-refused', t.acknowledged.data.outcome === 'refused', t.acknowledged.data.outcome === 'refused' ? `Refused ${why}: ${describeError(t.acknowledged.data.error)}` : `The HIP acknowledged a request ${why}`, t.acknowledged);
  // A HIP pushes while handling the request it answered (the reference and WRAP push right after on-request): the
  // watch is scaled to how long it took to answer this one (quiet-window.ts).
  await ctx.expectNothing('data.pushed', { correlation: t.transactionId, ruleId: 'HIP-PUSH-UNCONSENTED', description: `page pushed for transaction ${t.transactionId} (${why})`, forMs: quietWindowMs(ctx, paceMs) });
  const [notified] = ctx.events('transfer.notified', { correlation: t.transactionId });
  if (notified) ctx.checkFindings([notified], { ruleIds: ['HIP-NOTIFY-STATUS', 'HIP-NOTIFY-CONSENT'] });
  ctx.check(
    'notify-failed-after-refusal',
    notified?.data.sessionStatus === 'FAILED',
    notified ? `health-information/notify: ${String(notified.data.sessionStatus)}` : 'After refusing, notify sessionStatus FAILED (WRAP PR #138) so the HIU is not left waiting; no notify came',
    notified,
    { severity: 'warning' },
  );
}

/** Links the patient's records, grants a consent and ends it; its id, with the HIP's acknowledgement checked. */
async function endedConsent(ctx: TestContext, how: 'revoke' | 'expire'): Promise<string> {
  const hp = await castPatient(ctx);
  await linkAsPatient(ctx, hp);
  const { consentId } = await grantConsent(ctx, consentTerms(ctx, hp.patient, hp.careContexts));
  const ended = await endConsent(ctx, consentId, how);
  ctx.assert('setup-consent-ended', ended.data.outcome !== 'undeliverable', `Setup: the ${how === 'revoke' ? 'REVOKED' : 'EXPIRED'} notification must reach the HIP`, ended);
  return consentId;
}

export const hipRefusalGroup = defineGroup('HIP.REFUSE', 'Health-information requests to refuse', [
  test({
    id: 'HIP.REFUSE.01',
    title: 'Refuses a request under a revoked consent and pushes nothing',
    description: 'The patient grants, then revokes, a consent; the HIU asks for data under it anyway. The HIP (which deleted the consent) answers on-request with an error, pushes nothing, and notifies FAILED.',
    level: 'MUST',
    nhaTestCases: ['HIP_INIT_REVOKE_CONSENT', 'HIP_INIT_SHARE_CARECONTEXT'],
    requires: [...FLOW, 'consent.revoke'],
    async run(ctx: TestContext) {
      const consentId = await endedConsent(ctx, 'revoke');
      await gradeRefusal(ctx, { consentId }, `under consent ${consentId}, which the patient revoked`);
    },
  }),
  test({
    id: 'HIP.REFUSE.02',
    title: 'Refuses a request under an expired consent and pushes nothing',
    description: 'A consent the patient granted expires; the HIU asks for data under it anyway. The HIP answers on-request with an error, pushes nothing, and notifies FAILED.',
    level: 'MUST',
    spec: ['abdm-api.md §5.9', 'abdm-api.md §5.8', 'abdm-api.md §7', 'abdm-api.md §12.2 #7'],
    nhaTestCases: ['HIP_INIT_EXPIRE_CONSENT', 'HIP_INIT_SHARE_CARECONTEXT'],
    requires: [...FLOW, 'consent.expire'],
    async run(ctx: TestContext) {
      const consentId = await endedConsent(ctx, 'expire');
      await gradeRefusal(ctx, { consentId }, `under consent ${consentId}, which expired`);
    },
  }),
  test({
    id: 'HIP.REFUSE.03',
    title: 'Refuses a request under a consent it was never notified of and pushes nothing',
    description: 'The HIU asks for data under a consent id the consent manager never issued (so never notified to the HIP). The HIP answers on-request with an error (ABDM-1112), pushes nothing, and notifies FAILED.',
    level: 'MUST',
    nhaTestCases: ['HIP_INIT_SHARE_CARECONTEXT'],
    requires: ['hiu.request-health-information'],
    async run(ctx: TestContext) {
      await gradeRefusal(ctx, { unknownConsent: { hipId: ctx.partner.serviceId } }, 'under a consent id the HIP was never notified of');
    },
  }),
]);
