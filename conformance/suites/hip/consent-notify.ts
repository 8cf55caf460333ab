// HIP.CONSENT: consent notifications to the HIP (spec §5.8, §12.2 #7). The patient links their records and grants a
// consent over them; the consent manager notifies the HIP of GRANTED, then REVOKED or EXPIRED, and the HIP
// acknowledges each with status OK and the consentId. That it keeps granted consents and deletes the others is
// what it does with data requests afterwards (HIP.DATA, HIP.REFUSE).
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { consentTerms, endConsent, grantConsent, linkAsPatient } from './flow-steps.js';
import { m2TestsWith } from './m2-test.js';
import { castPatient } from './patient-casting.js';

const test = m2TestsWith({
  spec: ['abdm-api.md §5.8', 'abdm-api.md §12.2 #7'],
  requires: ['patient.links', 'patient.discover', 'patient.link', 'patient.confirm-link', 'consent.grant'],
  tags: ['consent'],
});

/** Grades an acknowledgement: OK, for the consent notified. */
function gradeAcknowledgement(ctx: TestContext, event: SandboxEvent, consentId: string, status: string): void {
  ctx.checkFindings([event]);
  const ack = event.data.acknowledgement as { status?: string; consentId?: string } | undefined;
  ctx.check(
    'consent-acknowledged',
    event.data.outcome === 'acknowledged',
    event.data.outcome === 'acknowledged' ? `The HIP acknowledged ${status} consent ${consentId} with status ${String(ack?.status)}` : `The HIP did not acknowledge ${status} consent ${consentId} with OK: ${JSON.stringify(ack ?? event.data.error)}`,
    event,
  );
}

/** Links the patient's records and grants a consent over them; the GRANTED acknowledgement. */
async function granted(ctx: TestContext): Promise<{ consentId: string; acknowledged: SandboxEvent }> {
  const hp = await castPatient(ctx);
  await linkAsPatient(ctx, hp);
  return grantConsent(ctx, consentTerms(ctx, hp.patient, hp.careContexts));
}

export const hipConsentGroup = defineGroup('HIP.CONSENT', 'Consent notifications', [
  test({
    id: 'HIP.CONSENT.01',
    title: 'Acknowledges a GRANTED consent with OK and its consentId',
    description: 'The patient grants a consent over their linked records. The HIP answers the notification (its signed artefact) with on-notify: acknowledgement {status: OK, consentId}.',
    level: 'MUST',
    nhaTestCases: ['HIP_INIT_GRANT_CONSENT'],
    async run(ctx: TestContext) {
      const { consentId, acknowledged } = await granted(ctx);
      gradeAcknowledgement(ctx, acknowledged, consentId, 'GRANTED');
    },
  }),
  test({
    id: 'HIP.CONSENT.02',
    title: 'Acknowledges a REVOKED consent with OK and its consentId',
    description: 'The patient revokes a consent they granted. The HIP acknowledges the REVOKED notification with OK and the consentId (and deletes the consent: HIP.REFUSE.01 asks for data under it).',
    level: 'MUST',
    nhaTestCases: ['HIP_INIT_REVOKE_CONSENT'],
    requires: ['patient.links', 'patient.discover', 'patient.link', 'patient.confirm-link', 'consent.grant', 'consent.revoke'],
    async run(ctx: TestContext) {
      const { consentId } = await granted(ctx);
      gradeAcknowledgement(ctx, await endConsent(ctx, consentId, 'revoke'), consentId, 'REVOKED');
    },
  }),
  test({
    id: 'HIP.CONSENT.03',
    title: 'Acknowledges an EXPIRED consent with OK and its consentId',
    description: 'A consent the patient granted expires. The HIP acknowledges the EXPIRED notification with OK and the consentId (and deletes the consent: HIP.REFUSE.02 asks for data under it).',
    level: 'MUST',
    nhaTestCases: ['HIP_INIT_EXPIRE_CONSENT'],
    requires: ['patient.links', 'patient.discover', 'patient.link', 'patient.confirm-link', 'consent.grant', 'consent.expire'],
    async run(ctx: TestContext) {
      const { consentId } = await granted(ctx);
      gradeAcknowledgement(ctx, await endConsent(ctx, consentId, 'expire'), consentId, 'EXPIRED');
    },
  }),
]);
