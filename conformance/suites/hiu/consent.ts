// HIU.CONSENT: asking for consent and following what becomes of it (spec §6.2–6.5, §12.3 #1–3). The runner
// prompts the HIU to ask one of the world's patients for consent over their records; the sandbox's virtual
// patient answers by the policy the test sets (approve, deny), and the consent manager notifies the HIU, which
// must acknowledge each notification with an array (one {status: OK, consentId} per artefact) and fetch every
// artefact of a GRANTED one. Revocation and expiry are the sandbox's actions, at once (no waiting on timers).
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { castHiuPatient } from './hiu-patients.js';
import { acknowledgement, askForConsent, endedAfterFetch, fetchedAll, gradeAcknowledgement, granted, preparePatient } from './hiu-steps.js';
import { M3_SETUP_ACTIONS, m3TestsWith } from './m3-test.js';

const test = m3TestsWith({ spec: ['abdm-api.md §6.4', 'abdm-api.md §12.3 #2'], tags: ['consent'] });

/** Consent granted (the default policy), acknowledged and fetched; then ended by the sandbox, and its acknowledgement graded. */
async function endedConsent(ctx: TestContext, how: 'revoke' | 'expire'): Promise<void> {
  const hp = await castHiuPatient(ctx);
  await preparePatient(ctx, hp);
  const { status, acknowledged } = await endedAfterFetch(ctx, hp, how);
  gradeAcknowledgement(ctx, acknowledged, status);
}

export const hiuConsentGroup = defineGroup('HIU.CONSENT', 'Consent requests and notifications', [
  test({
    id: 'HIU.CONSENT.01',
    title: 'Asks for consent with a valid consent/v3/request/init',
    description:
      'Prompted to ask a patient for consent, the HIU sends consent/v3/request/init as the consent manager checks it: the purpose code with its exact text and refUri, hiTypes from the enum, a dateRange not in the future, a dataEraseAt in the future, a requester, its own HIU id. A broken request is refused with the §6.2 array.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_102'],
    spec: ['abdm-api.md §6.2', 'abdm-api.md §7', 'abdm-api.md §12.3 #1'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      await preparePatient(ctx, hp, { policy: { decision: 'manual' } });
      const { requested } = await askForConsent(ctx, hp);
      ctx.checkFindings([requested]);
      ctx.check('consent-request-accepted', requested.data.outcome === 'requested', `The consent manager took consent request ${String(requested.data.consentRequestId)} for ${hp.patient.abhaAddress}: purpose ${String(requested.data.purpose)}, hiTypes ${JSON.stringify(requested.data.hiTypes)}`, requested);
    },
  }),
  test({
    id: 'HIU.CONSENT.02',
    title: 'Handles on-init: takes the consent request id it carries',
    description: 'The gateway answers the consent request at the HIU\'s on-init with the consent request id. The HIU accepts the callback (2xx) and knows its request by that id (the prompt gives it back).',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_102'],
    spec: ['abdm-api.md §6.2', 'abdm-api.md §12.3 #2'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      await preparePatient(ctx, hp, { policy: { decision: 'manual' } });
      const { consentRequestId, requested } = await askForConsent(ctx, hp);
      const answerRequestId = String(requested.data.answerRequestId);
      const onInit = (await ctx.partnerExchanges({ correlation: answerRequestId, operationId: 'hiu.consent-on-init', direction: 'outbound' })).filter((e) => e.requestId === answerRequestId);
      const accepted = onInit.some((e) => e.status !== undefined && e.status >= 200 && e.status < 300);
      ctx.check('on-init-accepted', accepted, accepted ? `The HIU accepted on-init (HTTP ${onInit.map((e) => e.status).join(', ')}) and took consent request id ${consentRequestId}` : `The HIU did not accept on-init ${answerRequestId}: ${onInit.map((e) => `HTTP ${e.status ?? 'no answer'}`).join(', ') || 'not delivered'}`, onInit);
    },
  }),
  test({
    id: 'HIU.CONSENT.03',
    title: 'Acknowledges a GRANTED notification with an array: OK and the consentId of each artefact',
    description: 'The patient approves. The HIU answers the GRANTED notification with on-notify: acknowledgement [{status: OK, consentId}] for every artefact it lists, and no other.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_106'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      await preparePatient(ctx, hp);
      const { consentRequestId } = await askForConsent(ctx, hp);
      gradeAcknowledgement(ctx, await acknowledgement(ctx, consentRequestId, 'GRANTED'), 'GRANTED');
    },
  }),
  test({
    id: 'HIU.CONSENT.04',
    title: 'Acknowledges a DENIED notification',
    description: 'The patient denies the request. The HIU acknowledges the DENIED notification (it lists no artefacts: an empty array), and has nothing to fetch.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_105'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      await preparePatient(ctx, hp, { policy: { decision: 'deny', reason: 'The patient does not share records with this HIU' } });
      const { consentRequestId } = await askForConsent(ctx, hp);
      gradeAcknowledgement(ctx, await acknowledgement(ctx, consentRequestId, 'DENIED'), 'DENIED');
    },
  }),
  test({
    id: 'HIU.CONSENT.05',
    title: 'Acknowledges a REVOKED notification with OK and the consentId of each artefact',
    description: 'The patient approves, the HIU fetches the artefact, then the patient revokes the consent. The HIU acknowledges the REVOKED notification with an array naming the revoked artefacts.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_202'],
    requires: [...M3_SETUP_ACTIONS, 'consent.revoke-request'],
    run: (ctx) => endedConsent(ctx, 'revoke'),
  }),
  test({
    id: 'HIU.CONSENT.06',
    title: 'Acknowledges an EXPIRED notification with OK and the consentId of each artefact',
    description: 'The patient approves, the HIU fetches the artefact, then the consent expires (the sandbox ends it now rather than at dataEraseAt). The HIU acknowledges the EXPIRED notification with an array naming the expired artefacts.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_301'],
    requires: [...M3_SETUP_ACTIONS, 'consent.expire-request'],
    run: (ctx) => endedConsent(ctx, 'expire'),
  }),
  test({
    id: 'HIU.CONSENT.07',
    title: 'Fetches every artefact of a GRANTED notification',
    description: 'The patient\'s records are at two HIPs, so the grant makes two artefacts. The HIU fetches each one (consent/v3/fetch): the artefact, not its own request, says what the patient granted.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_106'],
    spec: ['abdm-api.md §6.5', 'abdm-api.md §12.3 #3'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      await preparePatient(ctx, hp);
      const { artefacts } = await granted(ctx, hp);
      ctx.assert('setup-artefacts', artefacts.length >= 2, `Setup: a grant over records at ${hp.hips.length} HIPs makes one artefact per HIP; got ${artefacts.length}`);
      const fetched = await fetchedAll(ctx, artefacts);
      ctx.checkFindings(fetched);
      ctx.check('HIU-CONSENT-FETCH', fetched.length === artefacts.length, `The HIU fetched all ${artefacts.length} artefacts: ${artefacts.join(', ')}`, fetched);
    },
  }),
]);
