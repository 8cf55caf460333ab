// HIP.DATA: serving a health-information request (spec §5.9, §5.10, §8.5, §12.2 #8; TC HIP_INIT_SHARE_CARECONTEXT).
// The patient links their records and grants a consent; the virtual HIU asks for the data with fresh Fidelius key
// material (raw, or X.509 in DATA.03). The HIP acknowledges, pushes pages that decrypt to valid FHIR documents of
// the consented care contexts, hiTypes and dates only, and notifies what it delivered. Scope tests know each
// record's care context, hiType and date from the world, so they judge even what cannot be decrypted.
import type { SyntheticCareContext } from '../../../fixtures/world/types.js';
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { consentTerms, describeError, grantConsent, linkAsPatient, pushedCareContexts, pushesOf, requestData } from './flow-steps.js';
import type { HipPatient } from './hip-patients.js';
import { m2TestsWith } from './m2-test.js';
import { castPatient } from './patient-casting.js';

const test = m2TestsWith({
  spec: ['abdm-api.md §5.9', 'abdm-api.md §12.2 #8'],
  nhaTestCases: ['HIP_INIT_SHARE_CARECONTEXT'],
  requires: ['patient.links', 'patient.discover', 'patient.link', 'patient.confirm-link', 'consent.grant', 'hiu.request-health-information'],
  tags: ['data-transfer'],
});

interface Transfer {
  transactionId: string;
  acknowledged: SandboxEvent;
}

/** Links all the patient's records, grants a consent (terms over `consented`, with overrides) and asks for the data. */
async function askForData(ctx: TestContext, hp: HipPatient, consented: ReadonlyArray<SyntheticCareContext>, overrides: Record<string, unknown> = {}, request: Record<string, unknown> = {}): Promise<Transfer> {
  await linkAsPatient(ctx, hp);
  const { consentId, acknowledged: granted } = await grantConsent(ctx, consentTerms(ctx, hp.patient, consented, overrides));
  ctx.assert('setup-consent-acknowledged', granted.data.outcome === 'acknowledged', `Setup: the HIP must acknowledge the GRANTED consent ${consentId}`, granted);
  return requestData(ctx, { consentId, ...request });
}

/** The HIP must acknowledge the request before anything is pushed. */
function assertAcknowledged(ctx: TestContext, t: Transfer): void {
  ctx.assert('data-acknowledged', t.acknowledged.data.outcome === 'acknowledged', `Under a granted consent the HIP must acknowledge the request; it answered ${describeError(t.acknowledged.data.error) === 'no error' ? `sessionStatus ${String(t.acknowledged.data.sessionStatus)}` : describeError(t.acknowledged.data.error)}`, t.acknowledged);
}

/** Pages pushed until the HIP notifies the end of the transfer (or a wait passes with neither). */
async function pushesUntilDone(ctx: TestContext, transactionId: string): Promise<SandboxEvent[]> {
  await ctx.waitFor('transfer.notified', { correlation: transactionId });
  return pushesOf(ctx, transactionId);
}

/** Pages pushed until every expected care context arrived (or a wait passes with no new page). */
async function pushesUntil(ctx: TestContext, transactionId: string, expected: ReadonlyArray<string>): Promise<SandboxEvent[]> {
  for (;;) {
    const pushes = pushesOf(ctx, transactionId);
    const arrived = new Set(pushedCareContexts(pushes));
    if (expected.every((r) => arrived.has(r))) return pushes;
    const seen = new Set(pushes.map((p) => p.seq));
    if (!(await ctx.waitFor('data.pushed', { correlation: transactionId, where: (e) => !seen.has(e.seq) }))) return pushes;
  }
}

/** The records that must arrive did; nothing out of scope did (by the world's knowledge of each record). */
function gradeScope(ctx: TestContext, pushes: SandboxEvent[], inScope: ReadonlyArray<SyntheticCareContext>, outOfScope: ReadonlyArray<SyntheticCareContext>, rule: string, why: string): void {
  const pushed = new Set(pushedCareContexts(pushes));
  const leaked = outOfScope.filter((c) => pushed.has(c.referenceNumber));
  ctx.check(rule, leaked.length === 0, leaked.length === 0 ? `Nothing outside the consent was pushed (${outOfScope.map((c) => c.referenceNumber).join(', ')} held back)` : `Pushed ${leaked.map((c) => `${c.referenceNumber} (${c.hiType}, ${c.date})`).join(', ')}: ${why}`, pushes);
  const missing = inScope.filter((c) => !pushed.has(c.referenceNumber));
  ctx.check('consented-records-pushed', missing.length === 0, missing.length === 0 ? `Every consented record arrived (${inScope.map((c) => c.referenceNumber).join(', ')})` : `Consented records that never arrived: ${missing.map((c) => c.referenceNumber).join(', ')}`, pushes);
}

export const hipHealthInformationGroup = defineGroup('HIP.DATA', 'Health-information transfer', [
  test({
    id: 'HIP.DATA.01',
    title: 'Acknowledges a request under a granted consent',
    description: 'The virtual HIU asks for the data of a granted consent. on-request answers the call with hiRequest {transactionId of the request, sessionStatus: ACKNOWLEDGED}.',
    level: 'MUST',
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const t = await askForData(ctx, hp, hp.careContexts);
      ctx.checkFindings([t.acknowledged]);
      assertAcknowledged(ctx, t);
      ctx.check('data-acknowledged', true, `on-request: ${String(t.acknowledged.data.sessionStatus)} for ${t.transactionId}`, t.acknowledged);
    },
  }),
  test({
    id: 'HIP.DATA.02',
    title: 'Pushes every consented record to the dataPushUrl, decryptable by the HIU, as valid FHIR documents',
    description:
      'Under a consent over all the patient\'s records, the HIP pushes them to the dataPushUrl: keyMaterial with ECDH on Curve25519, its own public key and a fresh 32-byte nonce, every entry decrypting (Fidelius: HKDF-SHA256 salt and AES-GCM IV from the XOR of the nonces) to a valid FHIR document Bundle of its NRCeS profile, consistent page numbers.',
    level: 'MUST',
    spec: ['abdm-api.md §5.9', 'abdm-api.md §5.10', 'abdm-api.md §8.5', 'abdm-api.md §12.2 #8', 'fhir-data-crypto.md §1.6', 'fhir-data-crypto.md §3'],
    nhaTestCases: ['HIP_INIT_SHARE_CARECONTEXT', 'Health_RECORD_CREATION_101'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const t = await askForData(ctx, hp, hp.careContexts);
      assertAcknowledged(ctx, t);
      const expected = hp.careContexts.map((c) => c.referenceNumber);
      const pushes = await pushesUntil(ctx, t.transactionId, expected);
      ctx.assert('data-pushed', pushes.length > 0, `Nothing arrived at the dataPushUrl for ${t.transactionId} within ${ctx.timeoutMs} ms of the last event`);
      ctx.checkFindings(pushes);
      const rejected = pushes.flatMap((p) => (p.data.entries as Array<{ careContextReference?: string; verdict: string }>).filter((e) => e.verdict !== 'accepted').map((e) => e.careContextReference ?? '?'));
      ctx.check('data-entries-accepted', rejected.length === 0, rejected.length === 0 ? `${pushes.length} page(s): every entry decrypted to a valid document` : `Entries the HIU could not accept: ${rejected.join(', ')}`, pushes);
      const arrived = new Set(pushedCareContexts(pushes));
      const missing = expected.filter((r) => !arrived.has(r));
      ctx.check('consented-records-pushed', missing.length === 0, missing.length === 0 ? `All ${expected.length} consented record(s) arrived` : `Consented records that never arrived: ${missing.join(', ')}`, pushes);
    },
  }),
  test({
    id: 'HIP.DATA.03',
    title: 'Pushes only the care contexts of the consent',
    description:
      'The patient links all their records but consents to one care context only (the consent\'s hiTypes and dateRange cover them all); the HIU offers its key in X.509 form. The HIP pushes that care context and none of the others.',
    level: 'MUST',
    spec: ['abdm-api.md §5.9', 'abdm-api.md §8.5', 'abdm-api.md §12.2 #8'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const consented = hp.careContexts.slice(-1);
      // Only the care contexts narrow this consent: its hiTypes and dateRange cover every record of the patient, so
      // a record of another care context that arrives was held back by nothing but the care-context rule.
      const { hiTypes, dateRange } = consentTerms(ctx, hp.patient, hp.careContexts);
      const t = await askForData(ctx, hp, consented, { hiTypes, dateRange }, { publicKeyEncoding: 'x509' });
      assertAcknowledged(ctx, t);
      const pushes = await pushesUntilDone(ctx, t.transactionId);
      ctx.checkFindings(pushes, { ruleIds: ['HIP-PUSH-SCOPE-CARE-CONTEXT'] });
      gradeScope(ctx, pushes, consented, hp.careContexts.slice(0, -1), 'push-scope-care-context', 'care contexts the patient linked but did not consent to');
    },
  }),
  test({
    id: 'HIP.DATA.04',
    title: 'Pushes only records of the consented hiTypes',
    description: 'The consent covers all the patient\'s care contexts but not every hiType among them. The HIP pushes the records of the consented types only.',
    level: 'MUST',
    spec: ['abdm-api.md §5.9', 'abdm-api.md §8.5', 'abdm-api.md §12.2 #8'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const excluded = hp.careContexts[0].hiType;
      const hiTypes = [...new Set(hp.careContexts.map((c) => c.hiType))].filter((h) => h !== excluded);
      const t = await askForData(ctx, hp, hp.careContexts, { hiTypes });
      assertAcknowledged(ctx, t);
      const pushes = await pushesUntilDone(ctx, t.transactionId);
      ctx.checkFindings(pushes, { ruleIds: ['HIP-PUSH-SCOPE-HITYPE'] });
      gradeScope(ctx, pushes, hp.careContexts.filter((c) => c.hiType !== excluded), hp.careContexts.filter((c) => c.hiType === excluded), 'push-scope-hi-type', `the consent allows ${hiTypes.join(', ')}, not ${excluded}`);
    },
  }),
  test({
    id: 'HIP.DATA.05',
    title: 'Pushes only records dated inside the consented dateRange',
    description: 'The consent covers all the patient\'s care contexts and their hiTypes, but its dateRange starts just before the latest record. The HIP pushes the records dated inside the range only.',
    level: 'MUST',
    spec: ['abdm-api.md §5.9', 'abdm-api.md §7', 'abdm-api.md §8.5', 'abdm-api.md §12.2 #8'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const latest = Math.max(...hp.careContexts.map((c) => Date.parse(c.date)));
      const from = new Date(latest - 1000).toISOString();
      const t = await askForData(ctx, hp, hp.careContexts, { dateRange: { from, to: new Date(ctx.now()).toISOString() } });
      assertAcknowledged(ctx, t);
      const pushes = await pushesUntilDone(ctx, t.transactionId);
      ctx.checkFindings(pushes, { ruleIds: ['HIP-PUSH-SCOPE-DATE'] });
      const inRange = (c: SyntheticCareContext) => Date.parse(c.date) >= Date.parse(from);
      gradeScope(ctx, pushes, hp.careContexts.filter(inRange), hp.careContexts.filter((c) => !inRange(c)), 'push-scope-date', `the consent's dateRange starts ${from}`);
    },
  }),
  test({
    id: 'HIP.DATA.06',
    title: 'Notifies the transfer: TRANSFERRED, DELIVERED for each care context pushed',
    description:
      'After pushing, the HIP calls health-information/notify naming the consent and itself: sessionStatus TRANSFERRED, and a statusResponse DELIVERED for exactly the care contexts that arrived, within two hours of the request.',
    level: 'MUST',
    spec: ['abdm-api.md §5.9', 'abdm-api.md §8.5', 'abdm-api.md §12.2 #8'],
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const t = await askForData(ctx, hp, hp.careContexts);
      assertAcknowledged(ctx, t);
      const notified = await ctx.expect('transfer.notified', { correlation: t.transactionId, description: `health-information/notify for transaction ${t.transactionId}` });
      ctx.checkFindings([notified]);
      ctx.check('notify-transferred', notified.data.sessionStatus === 'TRANSFERRED', `sessionStatus ${String(notified.data.sessionStatus)} after ${String(notified.data.pages)} page(s)`, notified);
      const delivered = (notified.data.statusResponses as Array<{ careContextReference: string; hiStatus: string }>).filter((r) => r.hiStatus === 'DELIVERED').map((r) => r.careContextReference);
      const pushed = pushedCareContexts(pushesOf(ctx, t.transactionId));
      ctx.check('notify-delivered', pushed.length > 0 && pushed.every((r) => delivered.includes(r)), `DELIVERED: ${delivered.join(', ') || 'none'}; pushed: ${pushed.join(', ') || 'nothing'}`, notified);
    },
  }),
]);
