// The virtual HIU's dataPushUrl (spec §5.10): a HIP pushes encrypted pages straight here, with no gateway and no
// auth. Every page is journaled (ciphertext shortened), decrypted and checked (spec §8.5 items 1–9): Fidelius and
// page checks, the FHIR validator, and the consent's scope; each entry gets a verdict, stored and emitted.
import { AbdmError, errors } from '../../protocol/errors.js';
import { coversCareContext, coversHiType, withinDateRange, type ConsentDetail } from '../../protocol/consent/index.js';
import type { FhirValidator } from '../../protocol/fhir/fhir-validator.js';
import { isHiType } from '../../protocol/fhir/hi-types.js';
import type { Finding } from '../../protocol/findings.js';
import { hasErrors } from '../../protocol/findings.js';
import { openDataPushPage, type OpenedEntry } from '../../protocol/health-information/data-push-open.js';
import { hipFinding } from '../../protocol/hip-flows/hip-flow-rules.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { EntryVerdict, TransferRecord } from '../store/health-information-repository.js';
import { emitFlowEvent } from './flow-events.js';
import { TRANSFER_WINDOW_MS } from './health-information-flow.js';

export interface DataPushRequest {
  /** The transactionId in the dataPushUrl. */
  transactionId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyTooLarge?: boolean;
}

export interface DataPushAnswer {
  status: number;
  body?: unknown;
}

/** Largest page the virtual HIU reads (a 620 KB push with a PDF was seen live, spec §5.10). */
export const DATA_PUSH_MAX_BYTES = 16 * 1024 * 1024;

let validator: Promise<FhirValidator> | undefined;

/** The FHIR validator, loaded on the first push: it is heavy, and most sandboxes never receive one. */
function fhirValidator(): Promise<FhirValidator> {
  validator ??= import('../../protocol/fhir/fhir-validator.js').then((m) => m.createFhirValidator());
  return validator;
}

/** The journal's operation id for a page pushed to the sandbox's dataPushUrl. */
export const DATA_PUSH_OPERATION = 'hiu.data-push';

/** Receives one pushed page: answers 202 once it is judged (errors in the data are findings, not HTTP errors). */
export async function receiveDataPush(ctx: SandboxContext, push: DataPushRequest): Promise<DataPushAnswer> {
  const exchangeId = ctx.journal.nextId();
  const startedAt = nowIso(ctx);
  const t0 = performance.now();
  let answer: DataPushAnswer;
  let journaled: unknown;
  const transfer = ctx.store.flows.transfers.get(push.transactionId);
  try {
    if (!transfer) throw errors.noDataFound(`no health-information request has transactionId ${push.transactionId}; push to the dataPushUrl of the request you are answering`);
    if (push.bodyTooLarge) throw errors.bodyTooLarge(DATA_PUSH_MAX_BYTES);
    let payload: unknown;
    try {
      payload = JSON.parse(push.body ?? '');
    } catch (err) {
      judgeUnreadable(ctx, transfer, exchangeId, `the push body is not JSON (${(err as Error).message})`);
      throw errors.invalidBody(`the push body is not valid JSON (${(err as Error).message})`);
    }
    journaled = shortenCiphertext(payload);
    await judgePage(ctx, transfer, payload, exchangeId);
    answer = { status: 202 };
  } catch (err) {
    const error = err instanceof AbdmError ? err : errors.unknownException(`the sandbox failed while reading a push: ${(err as Error).message}; this is a sandbox bug`);
    answer = { status: error.httpStatus, body: error.toBody() };
  }
  ctx.journal.record({
    id: exchangeId,
    direction: 'inbound',
    operationId: DATA_PUSH_OPERATION,
    // Filed under the HIP that pushed, so `GET /sandbox/journal?client=` shows a HIP its own pushes.
    clientId: transfer ? ctx.partners.service(transfer.hipId)?.clientId : undefined,
    serviceId: transfer?.hipId,
    method: push.method,
    url: push.url,
    requestHeaders: push.headers,
    requestBody: journaled !== undefined ? JSON.stringify(journaled) : push.bodyTooLarge ? '(body too large; not kept)' : push.body?.slice(0, 4096),
    parsedBody: journaled,
    extraCorrelationIds: [push.transactionId],
    status: answer.status,
    responseHeaders: answer.body === undefined ? {} : { 'content-type': 'application/json' },
    responseBody: answer.body === undefined ? undefined : JSON.stringify(answer.body),
    errorCode: answer.status >= 400 ? (answer.body as { error?: { code?: string } } | undefined)?.error?.code : undefined,
    startedAt,
    durationMs: performance.now() - t0,
  });
  return answer;
}

function judgeUnreadable(ctx: SandboxContext, transfer: TransferRecord, exchangeId: number, why: string): void {
  const findings: Finding[] = [{ ruleId: 'PUSH.SHAPE', severity: 'error', message: why, path: '$' }];
  ctx.store.flows.transfers.recordPush({ transactionId: transfer.transactionId, exchangeId, receivedAt: nowIso(ctx), findings }, []);
  emitFlowEvent(ctx, 'data.pushed', { transactionId: transfer.transactionId, consentId: transfer.consentId, hipId: transfer.hipId, outcome: 'unreadable', entries: [] }, {
    correlation: [transfer.transactionId, transfer.consentId],
    exchangeIds: [exchangeId],
    findings,
  });
}

async function judgePage(ctx: SandboxContext, transfer: TransferRecord, payload: unknown, exchangeId: number): Promise<void> {
  const now = ctx.clock.now();
  const opened = openDataPushPage(payload, {
    receiverPrivateKey: transfer.privateKey,
    receiverNonce: transfer.keyMaterial.nonce,
    now,
    expectedTransactionId: transfer.transactionId,
  });
  const pageFindings: Finding[] = opened.findings.filter((f) => !opened.entries.some((e) => e.findings.includes(f)));
  const consent = ctx.store.flows.consents.get(transfer.consentId);
  if (transfer.consentStatus !== 'GRANTED' || transfer.status === 'refused' || (consent && consent.status !== 'GRANTED')) {
    const why = transfer.status === 'refused' ? 'the HIP refused this request' : `consent ${transfer.consentId} is ${consent && consent.status !== 'GRANTED' ? consent.status : transfer.consentStatus}`;
    pageFindings.push(hipFinding('HIP-PUSH-UNCONSENTED', `data was pushed for ${transfer.transactionId} although ${why}; nothing may be sent`));
  }
  const elapsed = now - Date.parse(transfer.requestedAt);
  if (elapsed > TRANSFER_WINDOW_MS) pageFindings.push(hipFinding('HIP-PUSH-LATE', `this page arrived ${Math.round(elapsed / 60_000)} min after the request; the limit is 120 min`));

  const verdicts: Array<Omit<EntryVerdict, 'pushSeq'>> = [];
  const entryFindings: Finding[] = [];
  const fhir = opened.entries.some((e) => e.bundle) ? await fhirValidator() : undefined;
  for (const entry of opened.entries) {
    const { findings, hiType } = judgeEntry(ctx, transfer, consent?.detail, entry, fhir);
    entryFindings.push(...findings);
    verdicts.push({
      entryIndex: entry.index,
      transactionId: transfer.transactionId,
      careContextReference: entry.careContextReference,
      hiType,
      verdict: hasErrors(findings) ? 'rejected' : 'accepted',
      findings,
      ...(entry.plaintext !== undefined ? { content: entry.plaintext } : {}),
    });
  }
  ctx.store.flows.transfers.recordPush({ transactionId: transfer.transactionId, exchangeId, pageNumber: opened.pageNumber, pageCount: opened.pageCount, receivedAt: nowIso(ctx), findings: pageFindings }, verdicts);
  emitFlowEvent(
    ctx,
    'data.pushed',
    {
      transactionId: transfer.transactionId,
      consentId: transfer.consentId,
      hipId: transfer.hipId,
      outcome: hasErrors([...pageFindings, ...entryFindings]) ? 'rejected' : 'accepted',
      pageNumber: opened.pageNumber,
      pageCount: opened.pageCount,
      entries: verdicts.map((v) => ({ index: v.entryIndex, careContextReference: v.careContextReference, hiType: v.hiType, verdict: v.verdict })),
    },
    { correlation: [transfer.transactionId, transfer.consentId], exchangeIds: [exchangeId], findings: [...pageFindings, ...entryFindings] },
  );
}

/** The findings on one entry: Fidelius (already found), FHIR validity, and the consent's scope (§8.5 items 7–8). */
function judgeEntry(ctx: SandboxContext, transfer: TransferRecord, detail: ConsentDetail | undefined, entry: OpenedEntry, fhir: FhirValidator | undefined): { findings: Finding[]; hiType?: string } {
  const findings: Finding[] = [...entry.findings];
  const ref = entry.careContextReference;
  if (detail && ref !== undefined && !coversCareContext(detail, ref)) {
    findings.push(hipFinding('HIP-PUSH-SCOPE-CARE-CONTEXT', `${ref} is not one of the consent's care contexts (${detail.careContexts.map((c) => c.careContextReference).join(', ')})`, `${entry.path}.careContextReference`));
  }
  if (!entry.bundle || !fhir) return { findings };
  const linked = detail && ref !== undefined ? ctx.store.flows.links.find(transfer.hipId, detail.patient.id, ref) : undefined;
  const result = fhir.check(entry.bundle, isHiType(linked?.hiType) ? { hiType: linked.hiType } : {});
  for (const f of result.findings) findings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, path: `${entry.path}.content ${f.expression}` });
  const hiType = result.hiType;
  if (detail && hiType !== undefined && !coversHiType(detail, hiType)) {
    findings.push(hipFinding('HIP-PUSH-SCOPE-HITYPE', `the record is a ${hiType}; the consent allows ${detail.hiTypes.join(', ')}`, `${entry.path}.content`));
  }
  const date = compositionDate(entry.bundle);
  if (date !== undefined && detail) {
    const consented = detail.permission.dateRange;
    if (!withinDateRange(consented, date)) {
      findings.push(hipFinding('HIP-PUSH-SCOPE-DATE', `the record is dated ${date}, outside the consent's dateRange ${consented.from}…${consented.to}`, `${entry.path}.content Bundle.entry[0].resource.date`));
    } else if (!withinDateRange(transfer.dateRange, date)) {
      findings.push(hipFinding('HIP-PUSH-SCOPE-DATE', `the record is dated ${date}, outside the requested dateRange ${transfer.dateRange.from}…${transfer.dateRange.to}`, `${entry.path}.content Bundle.entry[0].resource.date`));
    }
  }
  return { findings, hiType };
}

/** The Composition's date: when the record was made, which the consent's date range is about. */
function compositionDate(bundle: Record<string, unknown>): string | undefined {
  const entries = Array.isArray(bundle.entry) ? (bundle.entry as Array<{ resource?: { resourceType?: unknown; date?: unknown } }>) : [];
  const composition = entries.find((e) => e?.resource?.resourceType === 'Composition')?.resource;
  return typeof composition?.date === 'string' ? composition.date : undefined;
}

/** The page as journaled: each entry's ciphertext replaced by its length, so a push of megabytes stays readable. */
export function shortenCiphertext(payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const page = payload as Record<string, unknown>;
  if (!Array.isArray(page.entries)) return page;
  return {
    ...page,
    entries: page.entries.map((e: unknown) =>
      e !== null && typeof e === 'object' && typeof (e as { content?: unknown }).content === 'string'
        ? { ...(e as object), content: `[${((e as { content: string }).content).length} base64 characters, encrypted]` }
        : e,
    ),
  };
}
