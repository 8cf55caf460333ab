// The HIU's `data-flow/v3/health-information/notify` (spec §6.6, §8.5 item 10, §12.3 #5), judged against what
// was pushed: every care context that arrived intact OK, a corrupted one ERRORED, none that never came, and
// TRANSFERRED when all was well. For a partner HIP (whose pages the sandbox never sees) the HIP's own notify
// says what it delivered. A HIU that never notifies is reported by the sweep, two hours after the last page.
import { AbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { hiuFinding } from '../../protocol/hiu-flows/hiu-flow-rules.js';
import { nowIso, type SandboxContext } from '../context.js';
import { NOTIFY_ACCEPTED, TRANSFER_WINDOW_MS, type TransferNotifyBody } from '../flows/health-information-flow.js';
import type { PartnerClient } from '../store/partner-repository.js';
import type { HiuTransferRecord } from '../store/hiu-transfer-repository.js';
import { emitHiuFlowEvent } from './hiu-flow-events.js';
import { hipReport } from './hiu-health-information-flow.js';
import type { VirtualDelivery } from './virtual-hip-push.js';

export interface HiuNotifyCall {
  client: PartnerClient;
  requestId: string;
  exchangeId: number;
  body: TransferNotifyBody;
  findings: Finding[];
}

/** What the HIU should report: care contexts that arrived intact, and ones that arrived corrupted. */
interface Expectation {
  basis: 'virtual-push' | 'partner-notify' | 'none';
  intact: Set<string>;
  corrupted: Set<string>;
  /** Every page arrived and nothing was corrupted or missing. */
  allWell: boolean;
}

/** Judges and records the HIU's notify; refuses (ABDM-1031) one for a transaction no HIU of the caller made. */
export function receiveHiuTransferNotify(ctx: SandboxContext, call: HiuNotifyCall): typeof NOTIFY_ACCEPTED {
  const n = call.body.notification;
  const transfer = ctx.store.flows.hiuTransfers.get(n.transactionId);
  if (!transfer || !call.client.services.some((s) => s.role === 'hiu' && s.serviceId === transfer.hiuId)) {
    throw new AbdmError('ABDM-1031', 400, `Invalid request: no health-information request with transactionId ${n.transactionId} was made by a HIU of client ${call.client.clientId}`);
  }
  const expected = expectation(ctx, transfer);
  const findings = judge(transfer, call.body, expected);
  ctx.store.flows.hiuTransfers.notified(transfer.transactionId, call.body, nowIso(ctx));
  call.findings.push(...findings);
  emitHiuFlowEvent(
    ctx,
    'transfer.notified',
    {
      requestId: call.requestId,
      transactionId: transfer.transactionId,
      consentId: transfer.consentId,
      hiuId: transfer.hiuId,
      hipId: transfer.hipId,
      notifier: n.notifier,
      sessionStatus: n.statusNotification.sessionStatus,
      statusResponses: n.statusNotification.statusResponses ?? [],
      judgedAgainst: expected.basis,
    },
    { correlation: [call.requestId, transfer.transactionId, transfer.consentId], exchangeIds: [call.exchangeId], findings },
  );
  return NOTIFY_ACCEPTED;
}

/** Reports transfers whose HIU has not notified two hours after the HIP was done (`transfer.notifyMissing`). */
export function reportMissingNotifies(ctx: SandboxContext): void {
  const cutoff = new Date(ctx.clock.now() - TRANSFER_WINDOW_MS).toISOString();
  for (const transfer of ctx.store.flows.hiuTransfers.awaitingNotifySince(cutoff)) {
    ctx.store.flows.hiuTransfers.markNotifyOverdue(transfer.transactionId);
    const since = transfer.deliveredAt ?? transfer.requestedAt;
    const finding = hiuFinding('HIU-NOTIFY-MISSING', `no health-information/notify from HIU ${transfer.hiuId} for ${transfer.transactionId}, ${Math.round((ctx.clock.now() - Date.parse(since)) / 60_000)} min after the HIP was done at ${since}`);
    emitHiuFlowEvent(ctx, 'transfer.notifyMissing', { transactionId: transfer.transactionId, consentId: transfer.consentId, hiuId: transfer.hiuId, hipId: transfer.hipId, since }, {
      correlation: [transfer.transactionId, transfer.consentId, transfer.requestId],
      findings: [finding],
    });
  }
}

function expectation(ctx: SandboxContext, transfer: HiuTransferRecord): Expectation {
  if (transfer.hipMode === 'partner') {
    const report = hipReport(ctx, transfer);
    if (report.statusResponses.length === 0 && report.sessionStatus !== 'TRANSFERRED') return { basis: 'none', intact: new Set(), corrupted: new Set(), allWell: false };
    const delivered = report.statusResponses.filter((r) => r.hiStatus === 'DELIVERED').map((r) => r.careContextReference);
    return { basis: 'partner-notify', intact: new Set(delivered), corrupted: new Set(), allWell: report.sessionStatus === 'TRANSFERRED' && delivered.length === report.statusResponses.length };
  }
  const delivery = transfer.delivery as VirtualDelivery | undefined;
  if (!delivery?.pages) return { basis: 'none', intact: new Set(), corrupted: new Set(), allWell: false };
  // A page the HIU refused did not arrive; one whose answer is still on its way did (the HIU has read it).
  const arrived = new Set(delivery.pages.filter((p) => p.status === undefined || (p.status >= 200 && p.status < 300)).flatMap((p) => p.careContexts));
  const intact = new Set(delivery.entries.filter((e) => arrived.has(e.careContextReference) && !e.corrupted).map((e) => e.careContextReference));
  const corrupted = new Set(delivery.entries.filter((e) => arrived.has(e.careContextReference) && e.corrupted).map((e) => e.careContextReference));
  return { basis: 'virtual-push', intact, corrupted, allWell: corrupted.size === 0 && intact.size === delivery.entries.length && delivery.unavailable.length === 0 };
}

function judge(transfer: HiuTransferRecord, body: TransferNotifyBody, expected: Expectation): Finding[] {
  const n = body.notification;
  const s = n.statusNotification;
  const findings: Finding[] = [];
  if (n.consentId !== transfer.consentId) findings.push(hiuFinding('HIU-NOTIFY-CONSENT', `notification.consentId is ${n.consentId}; transaction ${transfer.transactionId} is under artefact ${transfer.consentId}`, 'body.notification.consentId'));
  if (n.notifier.id !== transfer.hiuId) findings.push(hiuFinding('HIU-NOTIFY-CONSENT', `notification.notifier.id is ${n.notifier.id}; the HIU of this transfer is ${transfer.hiuId}`, 'body.notification.notifier.id'));
  const responses = s.statusResponses ?? [];
  if (transfer.status === 'refused') {
    if (s.sessionStatus === 'TRANSFERRED') findings.push(hiuFinding('HIU-NOTIFY-STATUS', 'sessionStatus is TRANSFERRED, but this request was refused and nothing was pushed; notify FAILED', 'body.notification.statusNotification.sessionStatus'));
    return findings;
  }
  for (const r of responses) {
    if (r.hiStatus === 'DELIVERED') findings.push(hiuFinding('HIU-NOTIFY-HISTATUS', `${r.careContextReference} is reported DELIVERED; an HIU reports OK or ERRORED`, 'body.notification.statusNotification.statusResponses'));
  }
  if (expected.basis === 'none') return findings;
  const reported = new Map(responses.map((r) => [r.careContextReference, r.hiStatus === 'DELIVERED' ? 'OK' : r.hiStatus]));
  for (const ref of expected.intact) {
    const got = reported.get(ref);
    if (got === undefined) findings.push(hiuFinding('HIU-NOTIFY-CARE-CONTEXTS', `${ref} arrived intact but statusResponses does not report it; report it OK`, 'body.notification.statusNotification.statusResponses'));
    else if (got !== 'OK') findings.push(hiuFinding('HIU-NOTIFY-CARE-CONTEXTS', `${ref} arrived intact but is reported ${got}; report it OK`, 'body.notification.statusNotification.statusResponses'));
  }
  for (const ref of expected.corrupted) {
    const got = reported.get(ref);
    if (got !== 'ERRORED') findings.push(hiuFinding('HIU-NOTIFY-ERRORED', `the entry of ${ref} was corrupted (its GCM tag cannot verify) but is ${got === undefined ? 'not reported' : `reported ${got}`}; report it ERRORED`, 'body.notification.statusNotification.statusResponses'));
  }
  for (const ref of reported.keys()) {
    if (!expected.intact.has(ref) && !expected.corrupted.has(ref)) findings.push(hiuFinding('HIU-NOTIFY-CARE-CONTEXTS', `statusResponses names ${ref}, which did not arrive in this transfer`, 'body.notification.statusNotification.statusResponses'));
  }
  if (expected.allWell && s.sessionStatus !== 'TRANSFERRED') findings.push(hiuFinding('HIU-NOTIFY-STATUS', `sessionStatus is ${s.sessionStatus}, but every page arrived and every entry decrypted; notify TRANSFERRED`, 'body.notification.statusNotification.sessionStatus'));
  return findings;
}
