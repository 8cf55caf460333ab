// HIP.NOTIFY: what a HIP tells the gateway on its own initiative after a visit (spec §5.6, §5.7, §12.2 #5–6): new
// data in a linked care context (context/notify), and an SMS deep link for a patient who is not on ABDM yet
// (sms/notify2). The runner prompts the HIP through its operator endpoints and grades the calls it made.
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { describeError, gradeRefusedCalls, linkAsPatient, promptHip } from './flow-steps.js';
import { m2TestsWith } from './m2-test.js';
import { castPatient } from './patient-casting.js';

const test = m2TestsWith({ spec: ['abdm-api.md §5.6'], requires: ['patient.links'], tags: ['notify'] });

export const hipNotifyGroup = defineGroup('HIP.NOTIFY', 'Care-context and SMS notifications', [
  test({
    id: 'HIP.NOTIFY.01',
    title: 'Announces new data in a linked care context with context/notify',
    description:
      'The patient links a care context (discovery and OTP); then the HIP, prompted, announces new data in it. context/notify names the patient, the care context with its patient reference, the hiTypes, a date and the calling HIP, and the gateway acknowledges it (SUCCESS).',
    level: 'MUST',
    spec: ['abdm-api.md §5.6', 'abdm-api.md §12.2 #5'],
    nhaTestCases: ['HIP_INTI_LINK_501', 'HIP_INTI_LINK_503', 'HIP_INTI_LINK_505'],
    requires: ['patient.links', 'patient.discover', 'patient.link', 'patient.confirm-link'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const [careContext] = hp.careContexts;
      await linkAsPatient(ctx, hp, [careContext.referenceNumber]);
      const seen = new Set(ctx.events('context.notified').map((e) => e.seq));
      const about = (e: { seq: number; data: Record<string, unknown> }) =>
        !seen.has(e.seq) && e.data.hipId === ctx.partner.serviceId && String(e.data.abhaAddress).toLowerCase() === hp.patient.abhaAddress;
      const prompted = await promptHip(ctx, 'hip.notify-care-context', { abhaAddress: hp.patient.abhaAddress, careContextReference: careContext.referenceNumber, hiTypes: [careContext.hiType] });
      const event = prompted ? await ctx.waitFor('context.notified', { where: about }) : ctx.events('context.notified', { where: about })[0];
      const calls = (await ctx.partnerExchanges({ operationId: 'hil.context-notify', direction: 'inbound' })).filter((e) => e.requestBody?.includes(careContext.referenceNumber));
      ctx.assert('context-notify-called', calls.length > 0, `The HIP made no context/notify call for ${careContext.referenceNumber} after the prompt`);
      gradeRefusedCalls(ctx, calls, 'context/notify calls');
      ctx.assert('context-notify-answered', event !== undefined, `No context/notify of the HIP for ${hp.patient.abhaAddress} was taken by the gateway`, calls);
      ctx.checkFindings([event]);
      ctx.check('context-notify-acknowledged', event.data.outcome === 'acknowledged', event.data.outcome === 'acknowledged' ? `The gateway acknowledged the notify for ${careContext.referenceNumber}` : `ERRORED: ${describeError(event.data.error)}`, event);
    },
  }),
  test({
    id: 'HIP.NOTIFY.02',
    title: 'Sends an SMS notify with a 10-digit mobile and its own HIP id and name',
    description:
      'Prompted to text a patient a link to the HIP, it calls sms/notify2 with the patient\'s mobile (10 digits, optionally +91; never masked like 986543****) and hip {id, name} naming itself. The gateway sends the SMS (SUCCESS).',
    level: 'MUST',
    spec: ['abdm-api.md §5.7', 'abdm-api.md §12.2 #6'],
    nhaTestCases: ['HIP_INIT_NOTIFY_HIECM'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const seen = new Set(ctx.events('sms.notified').map((e) => e.seq));
      const about = (e: { seq: number; data: Record<string, unknown> }) => !seen.has(e.seq) && e.data.hipId === ctx.partner.serviceId;
      const prompted = await promptHip(ctx, 'hip.sms-notify', { phoneNo: hp.patient.mobile });
      const event = prompted ? await ctx.waitFor('sms.notified', { where: about }) : ctx.events('sms.notified', { where: about })[0];
      const calls = (await ctx.partnerExchanges({ operationId: 'hil.sms-notify2', direction: 'inbound' })).filter((e) => !event || e.requestId === event.correlation[0]);
      ctx.assert('sms-notify-called', calls.length > 0, 'The HIP made no sms/notify2 call after the prompt');
      gradeRefusedCalls(ctx, calls, 'sms/notify2 calls');
      ctx.assert('sms-notify-answered', event !== undefined, 'No sms/notify2 of the HIP was taken by the gateway', calls);
      ctx.checkFindings([event]);
      ctx.check('sms-sent', event.data.outcome === 'sent', event.data.outcome === 'sent' ? `The gateway sent the SMS to ${String(event.data.phoneNo)}` : `ERRORED: ${describeError(event.data.error)}`, event);
    },
  }),
]);
