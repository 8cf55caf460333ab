// HIP.DISCOVER: user-initiated discovery (spec §5.1, §12.2 #3). The virtual patient discovers the HIP the way a PHR
// app does, presenting what differs test to test (another ABHA address, only the ABHA number, only the mobile
// with a year of birth two years off); strangers, a relative and an indistinguishable pair must get an error.
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { anotherAbhaAddress, describeError, discover, linkAsPatient, listedCareContexts } from './flow-steps.js';
import type { HipPatient } from './hip-patients.js';
import { m2TestsWith } from './m2-test.js';
import { castOf, castPatient } from './patient-casting.js';

const MATCHING = ['abdm-api.md §5.1', 'abdm-api.md §12.2 #3'];
const NHA = ['USER_INIT_LINK_602'];
const NEEDS = ['patient.discover', 'patient.links'];

/** A discovery that must find this patient: every care context offered is theirs, each under its own hiType, none left out. */
function gradeMatch(ctx: TestContext, hp: HipPatient, event: SandboxEvent, how: string): void {
  ctx.checkFindings([event]);
  ctx.assert('discover-matched', event.data.outcome === 'matched', `The HIP must find ${hp.patient.abhaAddress} ${how}; it answered ${describeError(event.data.error)}`, event);
  const offered = listedCareContexts(event.data.patient);
  const theirs = new Map(hp.careContexts.map((c) => [c.referenceNumber, c]));
  const foreign = offered.filter((c) => !theirs.has(c.referenceNumber));
  ctx.check('discover-own-records', foreign.length === 0, foreign.length === 0 ? `Offered only the patient's own care contexts` : `Offered care contexts that are not ${hp.patient.abhaAddress}'s at this HIP: ${foreign.map((c) => c.referenceNumber).join(', ')}`, event);
  const missing = [...theirs.keys()].filter((r) => !offered.some((c) => c.referenceNumber === r));
  ctx.check('discover-all-records', missing.length === 0, missing.length === 0 ? `Offered all ${theirs.size} care context(s) of the patient` : `Left out care contexts the HIP holds for the patient (and none is linked yet): ${missing.join(', ')}`, event);
  const mistyped = offered.filter((c) => theirs.has(c.referenceNumber) && theirs.get(c.referenceNumber)!.hiType !== c.hiType);
  ctx.check('discover-hi-type', mistyped.length === 0, mistyped.length === 0 ? 'Each care context is offered under its own hiType' : `Offered under another hiType: ${mistyped.map((c) => `${c.referenceNumber} as ${c.hiType}, not ${theirs.get(c.referenceNumber)!.hiType}`).join('; ')}`, event);
}

/** A discovery that must find nobody: an error, and no care context. */
function gradeNoMatch(ctx: TestContext, event: SandboxEvent, who: string): void {
  ctx.checkFindings([event]);
  const offered = listedCareContexts(event.data.patient);
  ctx.check(
    'discover-no-match',
    event.data.outcome === 'not-found' && offered.length === 0,
    offered.length === 0 ? `The HIP answered with an error (${describeError(event.data.error)}), as it must for ${who}` : `The HIP offered ${offered.map((c) => c.referenceNumber).join(', ')} to ${who}: another patient's records`,
    event,
  );
}

const test = m2TestsWith({ nhaTestCases: NHA, spec: MATCHING, requires: NEEDS });

export const hipDiscoveryGroup = defineGroup('HIP.DISCOVER', 'User-initiated discovery', [
  test({
    id: 'HIP.DISCOVER.01',
    title: 'Finds the patient by ABHA address and answers the discover call it was sent',
    description:
      'The virtual patient discovers the HIP as a PHR app does (patient.id, MOBILE and ABHA_NUMBER). on-discover answers the call (response.requestId = its REQUEST-ID, the same transactionId), offers every care context the HIP holds for the patient and no other, one entry per hiType with count = the number of its care contexts, and says what matched.',
    level: 'MUST',
    tags: ['discovery'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const { event } = await discover(ctx, hp.patient.abhaAddress);
      gradeMatch(ctx, hp, event, 'by ABHA address');
    },
  }),
  test({
    id: 'HIP.DISCOVER.02',
    title: 'Finds the patient by ABHA number under an ABHA address it has not seen',
    description:
      'The patient discovers with a second ABHA address of the same account (one the HIP never saw) and only the ABHA_NUMBER verified identifier. The HIP matches on the ABHA number and offers the patient\'s care contexts.',
    level: 'MUST',
    tags: ['discovery', 'matching'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const id = anotherAbhaAddress(ctx, await ctx.world());
      const { event } = await discover(ctx, hp.patient.abhaAddress, { id, verifiedIdentifiers: ['ABHA_NUMBER'] });
      gradeMatch(ctx, hp, event, `by ABHA number (patient.id ${id} is new to the HIP)`);
    },
  }),
  test({
    id: 'HIP.DISCOVER.03',
    title: 'Finds the patient by mobile, name, gender and a year of birth two years off',
    description:
      'The patient discovers with an ABHA address the HIP never saw and only the MOBILE verified identifier (as for a patient registered before they had an ABHA), with a year of birth two years from the one the HIP holds. The HIP matches on mobile, name, gender and year of birth ±2, and offers only this patient\'s care contexts, not those of a family member sharing the mobile.',
    level: 'MUST',
    tags: ['discovery', 'matching'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const id = anotherAbhaAddress(ctx, await ctx.world());
      const yearOfBirth = hp.patient.yearOfBirth + (ctx.rng.chance(0.5) ? 2 : -2);
      const { event } = await discover(ctx, hp.patient.abhaAddress, { id, verifiedIdentifiers: ['MOBILE'], yearOfBirth });
      gradeMatch(ctx, hp, event, `by mobile, name, gender and year of birth (${yearOfBirth} given, ${hp.patient.yearOfBirth} held)`);
    },
  }),
  test({
    id: 'HIP.DISCOVER.04',
    title: 'Answers a stranger with an error, even one who shares a patient\'s name',
    description:
      'Someone who never visited the HIP discovers it with their own identifiers; where the world has one, a namesake of one of its patients (same first and last name and gender, another mobile). The HIP answers with an error (ABDM-1010 Patient not found), never an empty patient list, never the namesake\'s records.',
    level: 'MUST',
    tags: ['discovery', 'matching'],
    requires: ['patient.discover'],
    async run(ctx: TestContext) {
      const { stranger } = await castOf(ctx);
      if (stranger.of) ctx.info(`${stranger.person.abhaAddress} (${stranger.person.name.full}) shares the name and gender of the HIP's patient ${stranger.of.patient.abhaAddress}`);
      else ctx.info(`No namesake of the HIP's patients among the first patients of the world; ${stranger.person.abhaAddress} is a stranger with another name`);
      const { event } = await discover(ctx, stranger.person.abhaAddress);
      gradeNoMatch(ctx, event, `${stranger.person.abhaAddress}, who has no records at this HIP`);
    },
  }),
  test({
    id: 'HIP.DISCOVER.05',
    title: 'Answers a relative who shares a patient\'s mobile with an error',
    description:
      'A family member of one of the HIP\'s patients, with the same mobile number but another name and another gender or age, who never visited the HIP, discovers it. A mobile number alone is not a match: the HIP answers with an error and offers none of the family\'s records.',
    level: 'MUST',
    tags: ['discovery', 'matching'],
    requires: ['patient.discover'],
    async run(ctx: TestContext) {
      const { relative } = await castOf(ctx);
      if (!relative) ctx.skip(`None of ${ctx.partner.serviceId}'s patients has a family member in this world who shares their mobile without visiting the HIP`);
      ctx.info(`${relative.person.abhaAddress} (${relative.person.name.full}) shares the mobile of the HIP's patient ${relative.of.patient.abhaAddress} (${relative.of.patient.name.full})`);
      const { event } = await discover(ctx, relative.person.abhaAddress);
      gradeNoMatch(ctx, event, `${relative.person.abhaAddress}, who has no records at this HIP`);
    },
  }),
  test({
    id: 'HIP.DISCOVER.06',
    title: 'Answers with an error, not a guess, when the details fit two of its patients',
    description:
      'Two of the HIP\'s patients are of one family: the same mobile, gender and family name, born within four years. The patient discovers with an ABHA address the HIP never saw, only the mobile, the family name and a year of birth within two years of both. More than one candidate remains, so the HIP answers with an error and offers neither\'s records. Skipped when the world holds no such pair at this HIP.',
    level: 'MUST',
    tags: ['discovery', 'matching'],
    requires: ['patient.discover'],
    async run(ctx: TestContext) {
      const { ambiguous } = await castOf(ctx);
      if (!ambiguous) ctx.skip(`The world holds no two patients of ${ctx.partner.serviceId} that a discover request cannot tell apart (one family, one mobile, gender and family name, born within four years)`);
      const [a, b] = [ambiguous.first.patient, ambiguous.second.patient];
      ctx.info(`${a.abhaAddress} (${a.name.full}, ${a.yearOfBirth}) and ${b.abhaAddress} (${b.name.full}, ${b.yearOfBirth}) share mobile ${a.mobile.slice(0, 2)}XXXXXX${a.mobile.slice(8)}`);
      const id = anotherAbhaAddress(ctx, await ctx.world());
      const { event } = await discover(ctx, a.abhaAddress, { id, verifiedIdentifiers: ['MOBILE'], name: ambiguous.name, yearOfBirth: ambiguous.yearOfBirth });
      gradeNoMatch(ctx, event, `"${ambiguous.name}", born ${ambiguous.yearOfBirth}, who could be either patient`);
    },
  }),
  test({
    id: 'HIP.DISCOVER.07',
    title: 'Offers only care contexts that are not linked yet',
    description:
      'The patient links one of their care contexts (discovery and OTP), then discovers the HIP again. The second on-discover offers the others and not the linked one.',
    level: 'MUST',
    tags: ['discovery', 'linking'],
    requires: [...NEEDS, 'patient.link', 'patient.confirm-link'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const [first, ...rest] = hp.careContexts;
      await linkAsPatient(ctx, hp, [first.referenceNumber]);
      const { event } = await discover(ctx, hp.patient.abhaAddress);
      ctx.checkFindings([event], { ruleIds: ['HIP-DISCOVER-LINKED'] });
      ctx.assert('discover-matched', event.data.outcome === 'matched', `${rest.length} care context(s) are still unlinked, so the HIP must find the patient again; it answered ${describeError(event.data.error)}`, event);
      const offered = listedCareContexts(event.data.patient).map((c) => c.referenceNumber);
      ctx.check('discover-unlinked-only', !offered.includes(first.referenceNumber), offered.includes(first.referenceNumber) ? `Offered ${first.referenceNumber} again after it was linked` : `${first.referenceNumber}, linked, is no longer offered`, event);
      const missing = rest.map((c) => c.referenceNumber).filter((r) => !offered.includes(r));
      ctx.check('discover-all-records', missing.length === 0, missing.length === 0 ? `The ${rest.length} unlinked care context(s) are still offered` : `Left out unlinked care contexts: ${missing.join(', ')}`, event);
    },
  }),
]);
