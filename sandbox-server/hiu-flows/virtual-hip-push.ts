// The sandbox as the HIP of an artefact (spec §5.9, §5.10, §6.6): the synthetic FHIR bundles of the consented care
// contexts, of the consented hiTypes and requested dates, encrypted for the HIU's key material and pushed page by
// page to its dataPushUrl, with no Authorization header (as WRAP's HIP pushes). The HIU's on-request goes out
// before the pages, or after them as the live gateway sometimes does; one entry can be corrupted on purpose.
import { coversHiType, withinDateRange, type ConsentDetail, type DateRange } from '../../protocol/consent/index.js';
import { generateKeyPair, generateNonce, seededRandomBytes } from '../../protocol/fidelius/index.js';
import { hiuFinding } from '../../protocol/hiu-flows/hiu-flow-rules.js';
import { buildDataPushPages } from '../../protocol/health-information/data-push-build.js';
import type { CareContextRecord, DataPushPage } from '../../protocol/health-information/data-push.js';
import type { KeyMaterial } from '../../protocol/health-information/key-material.js';
import { nowIso, type SandboxContext } from '../context.js';
import { postToBridge } from '../dispatch/bridge-transport.js';
import type { Dispatch } from '../dispatch/callback-dispatcher.js';
import { shortenCiphertext } from '../flows/data-push-receiver.js';
import { virtualPatient } from '../flows/flow-parties.js';
import type { HiuTransferRecord } from '../store/hiu-transfer-repository.js';
import { emitHiuFlowEvent } from './hiu-flow-events.js';
import { hipBehaviourOf, keyEncodingFor, pushesFirst } from './virtual-hip-behaviour.js';

/** How long a HIU's dataPushUrl may take to answer one page. */
export const PUSH_TIMEOUT_MS = 30_000;

/** What the virtual HIP pushed, stored with the transfer: the HIU's notify is judged against it. */
export interface VirtualDelivery {
  hipId: string;
  pushedBeforeOnRequest: boolean;
  publicKeyEncoding: 'raw' | 'x509';
  pages: Array<{ pageNumber: number; pageCount: number; careContexts: string[]; status?: number; failure?: string; exchangeId?: number }>;
  entries: Array<{ careContextReference: string; hiType: string; corrupted: boolean }>;
  /** Care contexts of the artefact the virtual HIP holds no record for (links a partner HIP made): reported ERRORED. */
  unavailable: string[];
}

/** Pushes the artefact's records to the HIU and sends its on-request (before or after the pages). */
export async function deliverAsVirtualHip(ctx: SandboxContext, transfer: HiuTransferRecord, detail: ConsentDetail, keyMaterial: KeyMaterial, sendOnRequest: () => Dispatch): Promise<VirtualDelivery> {
  const behaviour = hipBehaviourOf(ctx, detail.patient.id);
  const first = pushesFirst(ctx, behaviour, transfer.transactionId);
  const encoding = keyEncodingFor(ctx, behaviour, transfer.transactionId);
  const { records, unavailable } = await consentedRecords(ctx, detail, transfer.dateRange);
  // The virtual HIP is a synthetic party: its keys come from the seeded generator, so a run replays exactly.
  const random = seededRandomBytes(ctx.ids.fork('virtual-hip-key-material', transfer.transactionId));
  const pages = buildDataPushPages({
    transactionId: transfer.transactionId,
    records,
    entriesPerPage: behaviour.entriesPerPage,
    sender: { keyPair: generateKeyPair(random), nonce: generateNonce(random) },
    receiverKeyMaterial: keyMaterial,
    now: ctx.clock.now(),
    publicKeyEncoding: encoding,
    firstPageNumber: behaviour.firstPageNumber,
  });
  const corrupted = corruptOne(pages, behaviour.corruptEntry);
  const delivery: VirtualDelivery = {
    hipId: detail.hip.id,
    pushedBeforeOnRequest: first && pages.length > 0,
    publicKeyEncoding: encoding,
    pages: pages.map((p) => ({ pageNumber: p.pageNumber, pageCount: p.pageCount, careContexts: p.entries.map((e) => e.careContextReference) })),
    entries: records.map((r) => ({ careContextReference: r.careContextReference, hiType: r.hiType, corrupted: r.careContextReference === corrupted })),
    unavailable,
  };
  ctx.store.flows.hiuTransfers.recordDelivery(transfer.transactionId, delivery);
  if (!delivery.pushedBeforeOnRequest) await sendOnRequest().outcome;
  for (const [i, page] of pages.entries()) {
    Object.assign(delivery.pages[i], await pushPage(ctx, transfer, page));
    ctx.store.flows.hiuTransfers.recordDelivery(transfer.transactionId, delivery);
  }
  if (delivery.pushedBeforeOnRequest) sendOnRequest();
  const refused = delivery.pages.filter((p) => p.status === undefined || p.status < 200 || p.status >= 300);
  const status = pages.length === 0 ? 'empty' : refused.length > 0 ? 'failed' : 'delivered';
  ctx.store.flows.hiuTransfers.delivered(transfer.transactionId, status, delivery, nowIso(ctx));
  const findings = refused.map((p) =>
    hiuFinding('HIU-PUSH-ACCEPTED', `page ${p.pageNumber} of ${p.pageCount} to ${transfer.dataPushUrl} was not accepted: ${p.failure ?? `HTTP ${p.status}`}`),
  );
  emitHiuFlowEvent(
    ctx,
    'data.delivered',
    {
      transactionId: transfer.transactionId,
      consentId: transfer.consentId,
      hiuId: transfer.hiuId,
      hipId: transfer.hipId,
      outcome: status,
      pushedBeforeOnRequest: delivery.pushedBeforeOnRequest,
      publicKeyEncoding: encoding,
      pages: delivery.pages.map(({ pageNumber, pageCount, careContexts, status: s }) => ({ pageNumber, pageCount, entries: careContexts.length, status: s })),
      entries: delivery.entries,
      unavailable,
    },
    { correlation: [transfer.transactionId, transfer.consentId, transfer.requestId], exchangeIds: delivery.pages.map((p) => p.exchangeId), findings },
  );
  return delivery;
}

interface HipRecord extends CareContextRecord {
  hiType: string;
}

/** The records the artefact and the request allow: its care contexts, its hiTypes, dates inside the requested range. */
async function consentedRecords(ctx: SandboxContext, detail: ConsentDetail, dateRange: DateRange): Promise<{ records: HipRecord[]; unavailable: string[] }> {
  // The record generator is loaded on the first push, not when the sandbox boots (serve starts in under a second).
  const { generateRecordBundle, practitionerFor } = await recordGenerator();
  const patient = virtualPatient(ctx, detail.patient.id);
  const facility = ctx.world.facilityById(detail.hip.id);
  const held = patient.worldIndex !== undefined && facility ? ctx.world.careContexts(patient.worldIndex, facility.id) : [];
  const records: HipRecord[] = [];
  const unavailable: string[] = [];
  for (const { careContextReference } of detail.careContexts) {
    const careContext = held.find((c) => c.referenceNumber === careContextReference);
    if (!careContext || !facility || patient.worldIndex === undefined) {
      unavailable.push(careContextReference);
      continue;
    }
    if (!coversHiType(detail, careContext.hiType) || !withinDateRange(dateRange, careContext.date)) continue;
    const bundle = generateRecordBundle({ seed: ctx.world.options.seed, patient: ctx.world.patient(patient.worldIndex), facility, practitioner: practitionerFor(ctx.world, facility, careContext), careContext });
    records.push({ careContextReference, bundleJson: JSON.stringify(bundle), hiType: careContext.hiType });
  }
  return { records, unavailable };
}

const recordGenerator = async () => {
  const [bundles, records] = await Promise.all([import('../../fixtures/records/record-bundle.js'), import('../../fixtures/records/patient-records.js')]);
  return { generateRecordBundle: bundles.generateRecordBundle, practitionerFor: records.practitionerFor };
};

/** Flips one bit of one entry's ciphertext, so its GCM tag fails; returns that entry's care context. */
function corruptOne(pages: DataPushPage[], which: boolean | string): string | undefined {
  if (which === false) return undefined;
  const entry = pages.flatMap((p) => p.entries).find((e) => which === true || e.careContextReference === which);
  if (!entry) return undefined;
  const bytes = Buffer.from(entry.content, 'base64');
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  entry.content = bytes.toString('base64');
  return entry.careContextReference;
}

/** POSTs one page to the dataPushUrl and journals it (ciphertext shortened), filed under the receiving HIU. */
async function pushPage(ctx: SandboxContext, transfer: HiuTransferRecord, page: DataPushPage): Promise<{ status?: number; failure?: string; exchangeId: number }> {
  const exchangeId = ctx.journal.nextId();
  const startedAt = nowIso(ctx);
  const t0 = performance.now();
  const body = JSON.stringify(page);
  const headers = { 'content-type': 'application/json' };
  let status: number | undefined;
  let failure: string | undefined;
  let response: { headers: Record<string, string>; body: string } | undefined;
  try {
    const answer = await postToBridge(transfer.dataPushUrl, headers, body, PUSH_TIMEOUT_MS, 64 * 1024);
    status = answer.status;
    response = answer;
    if (status < 200 || status >= 300) failure = `HTTP ${status}`;
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    failure = e.name === 'TimeoutError' ? `no answer within ${PUSH_TIMEOUT_MS} ms` : `${e.code ?? 'network error'}: ${e.message ?? String(err)}`;
  }
  const journaled = shortenCiphertext(page);
  ctx.journal.record({
    id: exchangeId,
    direction: 'outbound',
    operationId: 'hip.data-push',
    method: 'POST',
    url: transfer.dataPushUrl,
    clientId: ctx.partners.service(transfer.hiuId)?.clientId,
    serviceId: transfer.hiuId,
    requestHeaders: headers,
    requestBody: JSON.stringify(journaled),
    parsedBody: journaled,
    extraCorrelationIds: [transfer.transactionId, transfer.consentId],
    status,
    responseHeaders: response?.headers,
    responseBody: response?.body,
    errorCode: failure ? (status === undefined ? 'network' : `http-${status}`) : undefined,
    errorMessage: failure,
    startedAt,
    durationMs: performance.now() - t0,
  });
  return failure ? { status, failure, exchangeId } : { status, exchangeId };
}
