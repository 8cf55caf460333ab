// HIP.LINK: user-initiated linking (spec §5.2, §5.3, §12.2 #4). After a discovery, the virtual patient picks care
// contexts (link init) and types the OTP the HIP "sent" (link confirm): the sandbox's OTP 123456, a wrong one, or
// the right one a second time for a reference already used.
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { confirmLink, describeError, discover, initLink } from './flow-steps.js';
import type { HipPatient } from './hip-patients.js';
import { m2TestsWith } from './m2-test.js';
import { castPatient } from './patient-casting.js';

const NEEDS = ['patient.discover', 'patient.links', 'patient.link', 'patient.confirm-link'];

const test = m2TestsWith({ nhaTestCases: ['USER_INIT_LINK_602'], spec: ['abdm-api.md §5.2', 'abdm-api.md §5.3', 'abdm-api.md §12.2 #4'], requires: NEEDS, tags: ['linking'] });

/** Discovers the patient and sends link init for the care contexts named (all by default); the on-init must give a reference. */
async function linkReference(ctx: TestContext, hp: HipPatient, references?: string[]): Promise<string> {
  const { started, event } = await discover(ctx, hp.patient.abhaAddress);
  ctx.assert('setup-discovered', event.data.outcome === 'matched', `Discovering ${hp.patient.abhaAddress} must find the patient before linking; the HIP answered ${describeError(event.data.error)}`, event);
  const initiated = await initLink(ctx, hp.patient.abhaAddress, String((started.data as { transactionId: string }).transactionId), references);
  ctx.assert('link-reference', initiated.data.outcome === 'awaiting-confirmation' && typeof initiated.data.linkRefNumber === 'string', `on-init must carry link.referenceNumber; the HIP answered ${describeError(initiated.data.error)}`, initiated);
  return initiated.data.linkRefNumber as string;
}

export const hipUserLinkingGroup = defineGroup('HIP.LINK', 'User-initiated linking', [
  test({
    id: 'HIP.LINK.01',
    title: 'Answers link init with a link reference and an OTP expiry in the future',
    description:
      'The patient asks to link every discovered care context. on-init carries the transactionId, link.referenceNumber, authenticationType and meta.communicationExpiry, a time in the future until which the OTP is valid.',
    level: 'MUST',
    spec: ['abdm-api.md §5.2', 'abdm-api.md §12.2 #4'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const { started, event } = await discover(ctx, hp.patient.abhaAddress);
      ctx.assert('setup-discovered', event.data.outcome === 'matched', `Discovering ${hp.patient.abhaAddress} must find the patient before linking; the HIP answered ${describeError(event.data.error)}`, event);
      const initiated = await initLink(ctx, hp.patient.abhaAddress, String((started.data as { transactionId: string }).transactionId));
      ctx.checkFindings([initiated]);
      ctx.assert('link-reference', initiated.data.outcome === 'awaiting-confirmation', `on-init must carry a link reference; the HIP answered ${describeError(initiated.data.error)}`, initiated);
      const expiry = Date.parse(String(initiated.data.communicationExpiry));
      ctx.check(
        'link-otp-expiry',
        Number.isFinite(expiry) && expiry > ctx.now(),
        Number.isFinite(expiry) ? `The OTP is valid until ${String(initiated.data.communicationExpiry)} (${Math.round((expiry - ctx.now()) / 1000)} s from now)` : 'link.meta.communicationExpiry is missing or not a date',
        initiated,
      );
      ctx.check('link-authentication-type', typeof initiated.data.authenticationType === 'string', `authenticationType is ${JSON.stringify(initiated.data.authenticationType)}`, initiated);
    },
  }),
  test({
    id: 'HIP.LINK.02',
    title: 'Links exactly the care contexts the patient picked when the OTP is right',
    description:
      'The patient picks one of their discovered care contexts and confirms with the right OTP. on-confirm lists the linked care context, under its hiType with the right count, and nothing the patient did not pick.',
    level: 'MUST',
    spec: ['abdm-api.md §5.3', 'abdm-api.md §12.2 #4'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const picked = hp.careContexts[hp.careContexts.length - 1].referenceNumber;
      const linkRefNumber = await linkReference(ctx, hp, [picked]);
      const confirmed = await confirmLink(ctx, hp.patient.abhaAddress, linkRefNumber);
      ctx.checkFindings([confirmed]);
      ctx.assert('link-confirmed', confirmed.data.outcome === 'linked', `With the right OTP in time the HIP must link; it answered ${describeError(confirmed.data.error)}`, confirmed);
      const linked = (confirmed.data.careContexts as Array<{ referenceNumber: string }>).map((c) => c.referenceNumber);
      ctx.check('link-scope', linked.length === 1 && linked[0] === picked, `Linked ${linked.join(', ') || 'nothing'}; the patient picked ${picked}`, confirmed);
    },
  }),
  test({
    id: 'HIP.LINK.03',
    title: 'Refuses a wrong OTP',
    description: 'The patient confirms the link with a wrong OTP. on-confirm carries an error (WRAP: ABDM-1035 Incorrect OTP) and links nothing.',
    level: 'MUST',
    spec: ['abdm-api.md §5.3', 'abdm-api.md §12.2 #4'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const linkRefNumber = await linkReference(ctx, hp);
      const confirmed = await confirmLink(ctx, hp.patient.abhaAddress, linkRefNumber, { wrongOtp: true });
      ctx.checkFindings([confirmed]);
      ctx.check('link-wrong-otp-refused', confirmed.data.outcome === 'refused', confirmed.data.outcome === 'refused' ? `Refused: ${describeError(confirmed.data.error)}` : 'The HIP linked with a wrong OTP', confirmed);
    },
  }),
  test({
    id: 'HIP.LINK.04',
    title: 'Refuses a link reference that was already used',
    description: 'The patient confirms a link with the right OTP, then sends the same confirmation again (a replay). The second on-confirm carries an error.',
    level: 'MUST',
    spec: ['abdm-api.md §5.3', 'abdm-api.md §12.2 #4'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const linkRefNumber = await linkReference(ctx, hp);
      const first = await confirmLink(ctx, hp.patient.abhaAddress, linkRefNumber);
      ctx.assert('link-confirmed', first.data.outcome === 'linked', `With the right OTP the HIP must link; it answered ${describeError(first.data.error)}`, first);
      const replay = await confirmLink(ctx, hp.patient.abhaAddress, linkRefNumber);
      ctx.checkFindings([replay]);
      ctx.check('link-replay-refused', replay.data.outcome === 'refused', replay.data.outcome === 'refused' ? `The replay was refused: ${describeError(replay.data.error)}` : `The HIP linked again with a used reference ${linkRefNumber}`, replay);
    },
  }),
]);
