// HIU.RECEIVE: receiving the data and notifying the transfer (spec §5.10, §6.6, §8.2, §12.3 #5). The sandbox's
// virtual HIPs encrypt the synthetic FHIR records of the artefact for the HIU's key material and push them to its
// dataPushUrl, as the test sets them to: several pages, several HIPs, the HIP's public key raw or X.509, pages
// before on-request, one entry corrupted. The HIU must take every page, decrypt each entry, and notify: TRANSFERRED
// with hiStatus OK for each care context that arrived intact, ERRORED for one that did not. The sandbox judges the
// notify against what it pushed (its findings feed the checks).
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { castHiuPatient, type HiuPatient } from './hiu-patients.js';
import { askForData, assertRequested, delivered, fetchedAll, granted, preparePatient, transferNotified } from './hiu-steps.js';
import { m3TestsWith } from './m3-test.js';

const test = m3TestsWith({ spec: ['abdm-api.md §6.6', 'abdm-api.md §12.3 #5'], nhaTestCases: ['HIU_FLOW_106'], tags: ['data-transfer'] });

interface Received {
  transactionId: string;
  delivered: SandboxEvent;
  notified: SandboxEvent;
}

/** Grant, fetch, ask for the data of every artefact; resolves once each transfer was pushed and notified. */
async function receiveAll(ctx: TestContext, hp: HiuPatient, pushes: Record<string, unknown>): Promise<Received[]> {
  await preparePatient(ctx, hp, { pushes });
  const { artefacts } = await granted(ctx, hp);
  await fetchedAll(ctx, artefacts);
  const out: Received[] = [];
  const asked = await Promise.all(artefacts.map((consentId) => askForData(ctx, consentId)));
  for (const d of asked) assertRequested(ctx, d);
  for (const d of asked) {
    const pushed = await delivered(ctx, d.transactionId);
    out.push({ transactionId: d.transactionId, delivered: pushed, notified: await transferNotified(ctx, d.transactionId) });
  }
  return out;
}

/** Every page reached the HIU and was accepted (2xx). */
function gradePagesAccepted(ctx: TestContext, r: Received): void {
  const pages = (r.delivered.data.pages as Array<{ pageNumber: number; pageCount: number; entries: number; status?: number }>) ?? [];
  ctx.checkFindings([r.delivered], { ruleIds: ['HIU-PUSH-ACCEPTED'] });
  const refused = pages.filter((p) => p.status === undefined || p.status < 200 || p.status >= 300);
  ctx.check(
    'HIU-PUSH-ACCEPTED',
    pages.length > 0 && refused.length === 0,
    refused.length === 0
      ? `${r.transactionId}: ${pages.length} page(s) of ${pages.map((p) => p.entries).join('+')} entries, ${String(r.delivered.data.publicKeyEncoding)} key${r.delivered.data.pushedBeforeOnRequest ? ', pushed before on-request' : ''}, every one accepted`
      : `${r.transactionId}: the dataPushUrl did not accept page(s) ${refused.map((p) => `${p.pageNumber} (HTTP ${p.status ?? 'no answer'})`).join(', ')}`,
    r.delivered,
  );
}

/** The notify: the sandbox's judgement of it, and TRANSFERRED with OK for every care context pushed intact. */
function gradeNotify(ctx: TestContext, r: Received): void {
  ctx.checkFindings([r.notified]);
  const entries = (r.delivered.data.entries as Array<{ careContextReference: string; corrupted: boolean }>) ?? [];
  const reported = new Map(((r.notified.data.statusResponses as Array<{ careContextReference: string; hiStatus: string }>) ?? []).map((s) => [s.careContextReference, s.hiStatus]));
  const wrong = entries.filter((e) => !e.corrupted && reported.get(e.careContextReference) !== 'OK');
  ctx.check(
    'HIU-NOTIFY-CARE-CONTEXTS',
    wrong.length === 0,
    wrong.length === 0
      ? `${r.transactionId}: every intact care context reported OK (${entries.filter((e) => !e.corrupted).map((e) => e.careContextReference).join(', ')})`
      : `${r.transactionId}: intact care contexts not reported OK (the HIU could not decrypt or read them?): ${wrong.map((e) => `${e.careContextReference} ${reported.get(e.careContextReference) ?? 'not reported'}`).join(', ')}`,
    r.notified,
  );
}

export const hiuReceiptGroup = defineGroup('HIU.RECEIVE', 'Receiving the data and notifying the transfer', [
  test({
    id: 'HIU.RECEIVE.01',
    title: 'Decrypts multi-page pushes from two HIPs and notifies each TRANSFERRED, OK for every care context',
    description:
      'The patient\'s records are at two HIPs; each virtual HIP pushes one entry per page (raw public key). The HIU takes every page, decrypts every entry (Fidelius: ECDH on Curve25519, HKDF-SHA256 with the XOR of the nonces, AES-GCM) and notifies each transfer TRANSFERRED with hiStatus OK for each care context.',
    level: 'MUST',
    spec: ['abdm-api.md §5.10', 'abdm-api.md §6.6', 'abdm-api.md §8.2', 'abdm-api.md §12.3 #5', 'fhir-data-crypto.md §3'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      const received = await receiveAll(ctx, hp, { entriesPerPage: 1, publicKeyEncoding: 'raw' });
      ctx.check('setup-two-transfers', received.length >= 2, `${received.length} transfer(s), one per HIP`);
      for (const r of received) {
        gradePagesAccepted(ctx, r);
        gradeNotify(ctx, r);
        ctx.check('HIU-NOTIFY-STATUS', r.notified.data.sessionStatus === 'TRANSFERRED', `${r.transactionId}: sessionStatus ${String(r.notified.data.sessionStatus)}`, r.notified);
      }
    },
  }),
  test({
    id: 'HIU.RECEIVE.02',
    title: "Decrypts pages whose HIP public key is in X.509 form",
    description: 'HIPs send their public key raw (65 bytes) or as an X.509 SubjectPublicKeyInfo; here the virtual HIP sends X.509, two entries per page. The HIU decodes it, decrypts every entry and reports each care context OK.',
    level: 'MUST',
    spec: ['abdm-api.md §6.6', 'abdm-api.md §8.1', 'abdm-api.md §12.3 #5', 'fhir-data-crypto.md §3'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      const [r] = await receiveAll(ctx, hp, { entriesPerPage: 2, publicKeyEncoding: 'x509' });
      gradePagesAccepted(ctx, r);
      gradeNotify(ctx, r);
    },
  }),
  test({
    id: 'HIU.RECEIVE.03',
    title: 'Notifies the end of the transfer: its artefact, transaction and itself as notifier, TRANSFERRED',
    description: 'After the last page, the HIU calls health-information/notify with the artefact\'s consentId, the transactionId, notifier {type: HIU, id: itself}, sessionStatus TRANSFERRED and a statusResponse per care context that arrived.',
    level: 'MUST',
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      const [r] = await receiveAll(ctx, hp, {});
      gradeNotify(ctx, r);
      const notifier = r.notified.data.notifier as { type?: string; id?: string } | undefined;
      ctx.check('HIU-NOTIFY-CONSENT', notifier?.type === 'HIU' && notifier.id === ctx.partner.serviceId, `notifier ${JSON.stringify(notifier)}`, r.notified);
      ctx.check('HIU-NOTIFY-STATUS', r.notified.data.sessionStatus === 'TRANSFERRED', `sessionStatus ${String(r.notified.data.sessionStatus)}`, r.notified);
    },
  }),
  test({
    id: 'HIU.RECEIVE.04',
    title: 'Reports an entry that does not decrypt ERRORED',
    description: 'The virtual HIP flips a bit in the ciphertext of one entry, so its GCM tag cannot verify. The HIU reports that care context ERRORED (and the others OK); it must not report data it could not read as received.',
    level: 'MUST',
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      const [r] = await receiveAll(ctx, hp, { entriesPerPage: 2, corruptEntry: true });
      gradeNotify(ctx, r);
      const corrupted = ((r.delivered.data.entries as Array<{ careContextReference: string; corrupted: boolean }>) ?? []).filter((e) => e.corrupted).map((e) => e.careContextReference);
      ctx.assert('setup-corrupted', corrupted.length === 1, `Setup: the virtual HIP corrupts one entry; corrupted: ${corrupted.join(', ') || 'none'}`, r.delivered);
      const reported = ((r.notified.data.statusResponses as Array<{ careContextReference: string; hiStatus: string }>) ?? []).find((s) => s.careContextReference === corrupted[0]);
      ctx.check('HIU-NOTIFY-ERRORED', reported?.hiStatus === 'ERRORED', `The corrupted entry of ${corrupted[0]} is ${reported ? `reported ${reported.hiStatus}` : 'not reported'}${reported?.hiStatus === 'ERRORED' ? '' : '; report it ERRORED'}`, r.notified);
    },
  }),
  test({
    id: 'HIU.RECEIVE.05',
    title: 'Takes pages that arrive before on-request',
    description: 'As the live gateway sometimes does, the virtual HIP pushes before the HIU has had on-request (and its transactionId). The HIU still takes every page (it knows the request by its dataPushUrl), decrypts it and notifies.',
    level: 'SHOULD',
    spec: ['abdm-api.md §6.6', 'abdm-api.md §12.3 #5'],
    async run(ctx: TestContext) {
      const hp = await castHiuPatient(ctx);
      const [r] = await receiveAll(ctx, hp, { pushBeforeOnRequest: 'always' });
      ctx.check('setup-push-first', r.delivered.data.pushedBeforeOnRequest === true, `Pages pushed before on-request: ${String(r.delivered.data.pushedBeforeOnRequest)}`, r.delivered);
      gradePagesAccepted(ctx, r);
      gradeNotify(ctx, r);
    },
  }),
]);
