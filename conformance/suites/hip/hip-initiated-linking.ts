// HIP.LINK-TOKEN: HIP-initiated linking with a link token (spec §5.5, §10.3 #5–6, §12.2 #5). Linking is the HIP's
// own initiative, so the runner prompts it through its operator endpoints (--hip-operator-url) and grades what it
// did from the journal: generate-token with the KYC demographics, link/carecontext with X-LINK-TOKEN, a
// digits-only abhaNumber and hiType as a string, one token reused for later links, and the gateway's prose
// "Successfully Linked care context" taken as success.
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { describeError, discover, gradeRefusedCalls, hipCallsAbout, listedCareContexts, promptHip } from './flow-steps.js';
import type { HipPatient } from './hip-patients.js';
import { m2TestsWith } from './m2-test.js';
import { castPatient } from './patient-casting.js';

const SPEC = ['abdm-api.md §5.5', 'abdm-api.md §12.2 #5'];
const NHA = ['HIP_INTI_LINK_501', 'HIP_INTI_LINK_503', 'HIP_INTI_LINK_505'];

const test = m2TestsWith({ nhaTestCases: NHA, spec: SPEC, requires: ['patient.links'], tags: ['hip-initiated-linking'] });

const aboutPatient = (ctx: TestContext, hp: HipPatient) => (e: SandboxEvent) =>
  e.data.hipId === ctx.partner.serviceId && String(e.data.abhaAddress ?? '').toLowerCase() === hp.patient.abhaAddress;

/** Prompts the HIP to link the patient's care contexts (the new ones, or those named); the gateway's on_carecontext event, if any. */
async function promptLink(ctx: TestContext, hp: HipPatient, careContexts?: string[]): Promise<SandboxEvent | undefined> {
  const seen = new Set(ctx.events('careContext.linked', { where: aboutPatient(ctx, hp) }).map((e) => e.seq));
  const prompted = await promptHip(ctx, 'hip.link-care-contexts', { abhaAddress: hp.patient.abhaAddress, ...(careContexts ? { careContexts } : {}) });
  const where = (e: SandboxEvent) => aboutPatient(ctx, hp)(e) && !seen.has(e.seq);
  // A prompt that failed has nothing more to come: grade what is in the journal at once.
  return prompted ? ctx.waitFor('careContext.linked', { where, description: `link/carecontext for ${hp.patient.abhaAddress}` }) : ctx.events('careContext.linked', { where })[0];
}

/** Grades the HIP's generate-token and link/carecontext calls for the patient, and the link's outcome. */
async function gradeLink(ctx: TestContext, hp: HipPatient, event: SandboxEvent | undefined): Promise<SandboxEvent> {
  gradeRefusedCalls(ctx, await hipCallsAbout(ctx, 'linktoken.generate-token', hp.patient.abhaAddress), 'generate-token calls');
  const calls = await hipCallsAbout(ctx, 'hil.link-carecontext', hp.patient.abhaAddress);
  ctx.assert('hip-link-called', calls.length > 0, `The HIP made no link/carecontext call for ${hp.patient.abhaAddress} after the prompt`);
  gradeRefusedCalls(ctx, calls, 'link/carecontext calls');
  ctx.checkFindings([...ctx.events('linkToken.issued', { where: aboutPatient(ctx, hp) }), ...ctx.events('linkToken.refused', { where: aboutPatient(ctx, hp) })]);
  ctx.assert('hip-link-answered', event !== undefined, `No link/carecontext of the HIP for ${hp.patient.abhaAddress} was taken by the gateway`, calls);
  ctx.checkFindings([event]);
  ctx.assert('hip-linked', event.data.outcome === 'linked', `The gateway did not link: ${describeError(event.data.error)}`, event);
  return event;
}

export const hipInitiatedLinkingGroup = defineGroup('HIP.LINK-TOKEN', 'HIP-initiated linking with a link token', [
  test({
    id: 'HIP.LINK-TOKEN.01',
    title: 'Links new care contexts with a link token, as the gateway expects the call',
    description:
      'Prompted to link a patient\'s new records, the HIP gets a link token (generate-token with the KYC name, gender and year of birth) and calls link/carecontext with X-LINK-TOKEN, the abhaNumber as 14 digits without dashes, one entry per hiType with `hiType` a string and the right count. The gateway links every care context. The live gateway answers a dashed abhaNumber, a `hiTypes` array or a missing X-LINK-TOKEN with HTTP 400.',
    level: 'MUST',
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const event = await gradeLink(ctx, hp, await promptLink(ctx, hp));
      const linked = new Set(event.data.careContexts as string[]);
      const missing = hp.careContexts.map((c) => c.referenceNumber).filter((r) => !linked.has(r));
      ctx.check('hip-linked-all', missing.length === 0, missing.length === 0 ? `Linked all ${linked.size} care context(s) of the patient` : `Prompted to link every new record, the HIP left out ${missing.join(', ')}`, event);
    },
  }),
  test({
    id: 'HIP.LINK-TOKEN.02',
    title: 'Reuses the link token it holds for a later link',
    description:
      'The HIP is prompted twice for one patient: to link one care context, then the others. A link token is valid for six months and serves later links: the HIP calls generate-token once, not for every link (repeated demographic auth can get a HIP blocked, ABDM-1027).',
    level: 'SHOULD',
    spec: [...SPEC, 'abdm-api.md §10.3 #6'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const [first, ...rest] = hp.careContexts;
      await gradeLink(ctx, hp, await promptLink(ctx, hp, [first.referenceNumber]));
      await gradeLink(ctx, hp, await promptLink(ctx, hp, rest.map((c) => c.referenceNumber)));
      const generated = await hipCallsAbout(ctx, 'linktoken.generate-token', hp.patient.abhaAddress);
      ctx.check(
        'link-token-reused',
        generated.length <= 1,
        generated.length <= 1 ? `One link token served both links (${generated.length} generate-token call)` : `The HIP generated a link token ${generated.length} times for ${hp.patient.abhaAddress}; reuse the one it holds (valid six months)`,
        generated,
      );
    },
  }),
  test({
    id: 'HIP.LINK-TOKEN.03',
    title: 'Takes the gateway\'s prose status as success: linked records leave discovery',
    description:
      'on_carecontext says "Successfully Linked care context", not SUCCESS. After the HIP links every record of a patient, the patient discovers the HIP: the linked care contexts are no longer offered (an error, or other records only).',
    level: 'MUST',
    spec: [...SPEC, 'abdm-api.md §10.3 #6', 'abdm-api.md §5.1'],
    requires: ['patient.links', 'patient.discover'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const event = await gradeLink(ctx, hp, await promptLink(ctx, hp));
      const linked = new Set(event.data.careContexts as string[]);
      const { event: found } = await discover(ctx, hp.patient.abhaAddress);
      ctx.checkFindings([found], { ruleIds: ['HIP-DISCOVER-LINKED'] });
      const again = listedCareContexts(found.data.patient).filter((c) => linked.has(c.referenceNumber));
      ctx.check(
        'hip-link-recorded',
        again.length === 0,
        again.length === 0 ? `Discovery no longer offers the ${linked.size} linked care context(s) (${found.data.outcome === 'matched' ? 'other records offered' : describeError(found.data.error)})` : `Discovery still offers ${again.map((c) => c.referenceNumber).join(', ')}, which the HIP itself linked: it did not take "${String(event.data.status ?? 'Successfully Linked care context')}" as success`,
        found,
      );
    },
  }),
]);
