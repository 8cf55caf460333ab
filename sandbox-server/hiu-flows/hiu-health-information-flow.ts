// A HIU's health-information request (spec §6.6, §7, §8): checked by the consent manager (the artefact is the
// HIU's, GRANTED and unexpired; the dates inside it; the key material usable; fresh keys), answered at on-request
// with REQUESTED or the error, then served: by the sandbox's virtual HIP, or relayed to the partner HIP that
// holds the artefact (M2's request, with the HIU's key material and dataPushUrl) so a real HIP pushes to the HIU.
import { errors } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { checkHealthInformationRequest } from '../../protocol/hiu-flows/health-information-request-check.js';
import { hiuFinding } from '../../protocol/hiu-flows/hiu-flow-rules.js';
import type { KeyMaterial } from '../../protocol/health-information/key-material.js';
import type { DateRange } from '../../protocol/consent/consent-artefact.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { Dispatch } from '../dispatch/callback-dispatcher.js';
import { undeliveredFinding, whenUndeliverable } from '../flows/flow-dispatch.js';
import { sendHipHealthInformationRequest, type TransferNotifyBody } from '../flows/health-information-flow.js';
import type { ConsentRecord } from '../store/consent-repository.js';
import type { PartnerClient } from '../store/partner-repository.js';
import type { HiuTransferRecord } from '../store/hiu-transfer-repository.js';
import { inBackground } from './background-work.js';
import type { HiuCall } from './consent-request-intake.js';
import { emitHiuFlowEvent } from './hiu-flow-events.js';
import { hipModeOf } from './patient-care-contexts.js';
import { deliverAsVirtualHip, type VirtualDelivery } from './virtual-hip-push.js';

export interface HiuHealthInformationBody {
  hiRequest: { consent: { id: string }; dateRange: DateRange; dataPushUrl: string; keyMaterial: KeyMaterial };
}

export interface HiuHealthInformationRequested {
  /** The transaction's id: on-request carries it (or, for a refused request, only the journal and the events). */
  transactionId: string;
  outcome: 'requested' | 'refused';
}

/** `data-flow/v3/health-information/request`: 202, then on-request and the pages. */
export function receiveHealthInformationRequest(ctx: SandboxContext, call: HiuCall<HiuHealthInformationBody> & { hiuId: string }): HiuHealthInformationRequested {
  const hi = call.body.hiRequest;
  const consentId = hi.consent.id;
  const consent = ctx.store.flows.consents.get(consentId);
  const check = checkHealthInformationRequest({
    consentId,
    artefact: consent ? { status: consent.status, hiuId: consent.hiuId, detail: consent.detail } : undefined,
    hiuId: call.hiuId,
    dateRange: hi.dateRange,
    keyMaterial: hi.keyMaterial,
    nowMs: ctx.clock.now(),
  });
  const transactionId = ctx.ids.uuid();
  const findings: Finding[] = [...check.findings];
  const mapping = ctx.store.flows.consentRequests.artefact(consentId);
  const ours = consent !== undefined && consent.hiuId === call.hiuId;
  if (ours && mapping && !mapping.fetchedAt) {
    findings.push(hiuFinding('HIU-CONSENT-FETCH', `data was requested under ${consentId} before the artefact was fetched; fetch it (consent/v3/fetch) and use its dateRange and hiTypes`, 'body.hiRequest.consent.id'));
  }
  const transfer: Omit<HiuTransferRecord, 'delivery' | 'notification' | 'deliveredAt' | 'notifiedAt' | 'notifyOverdue'> = {
    transactionId,
    requestId: call.requestId,
    consentId,
    hiuId: call.hiuId,
    hipId: consent?.hipId ?? '',
    hipMode: mapping?.hipMode ?? (consent ? hipModeOf(ctx, consent.hipId) : 'virtual'),
    dateRange: hi.dateRange,
    dataPushUrl: hi.dataPushUrl,
    keyValue: hi.keyMaterial.dhPublicKey.keyValue,
    nonce: hi.keyMaterial.nonce,
    status: check.error ? 'refused' : 'requested',
    error: check.error,
    requestedAt: nowIso(ctx),
  };
  const earlier = ctx.store.flows.hiuTransfers.keyUsedBefore(transfer);
  if (earlier) {
    const what = earlier.keyValue === transfer.keyValue ? (earlier.nonce === transfer.nonce ? 'public key and nonce' : 'public key') : 'nonce';
    findings.push(hiuFinding('HIU-KEY-REUSED', `the ${what} of this request were already sent in request ${earlier.transactionId} at ${earlier.requestedAt}; make a fresh key pair and nonce for every request`, 'body.hiRequest.keyMaterial'));
  }
  ctx.store.flows.hiuTransfers.insert(transfer);
  call.findings.push(...findings);
  const consentRequestId = mapping?.consentRequestId;
  const correlation = [call.requestId, transactionId, consentId, consentRequestId];
  const about = { requestId: call.requestId, transactionId, consentId, consentRequestId, hiuId: call.hiuId, hipId: transfer.hipId, hipMode: transfer.hipMode, dateRange: hi.dateRange, dataPushUrl: hi.dataPushUrl };
  const onRequest = () => sendOnRequest(ctx, transfer.hiuId, call, check.error ? { error: check.error } : { transactionId }, correlation);
  if (check.error) {
    onRequest();
    emitHiuFlowEvent(ctx, 'data.requested', { ...about, outcome: 'refused', error: check.error }, { correlation, exchangeIds: [call.exchangeId], findings });
    return { transactionId, outcome: 'refused' };
  }
  emitHiuFlowEvent(ctx, 'data.requested', { ...about, outcome: 'requested' }, { correlation, exchangeIds: [call.exchangeId], findings });
  if (transfer.hipMode === 'partner') {
    onRequest();
    relayToPartnerHip(ctx, transfer, consent!, hi);
  } else {
    const stored = ctx.store.flows.hiuTransfers.get(transactionId)!;
    inBackground(ctx, `the virtual HIP's push for ${transactionId}`, async () => {
      try {
        await deliverAsVirtualHip(ctx, stored, consent!.detail, hi.keyMaterial, onRequest);
      } catch (err) {
        ctx.store.flows.hiuTransfers.delivered(transactionId, 'failed', { error: (err as Error).message }, nowIso(ctx));
        throw err;
      }
    });
  }
  return { transactionId, outcome: 'requested' };
}

/** on-request to the HIU: REQUESTED with the transactionId (what arrives live, spec §6.6 [OBS]), or the error. */
function sendOnRequest(ctx: SandboxContext, hiuId: string, call: HiuCall<unknown>, result: { transactionId: string } | { error: { code: string; message: string } }, correlation: Array<string | undefined>): Dispatch {
  const body = 'error' in result
    ? { hiRequest: null, error: result.error, response: { requestId: call.requestId } }
    : { hiRequest: { transactionId: result.transactionId, sessionStatus: 'REQUESTED' }, error: null, response: { requestId: call.requestId } };
  const dispatch = ctx.dispatcher.send({ callbackId: 'hiu.health-information-on-request', serviceId: hiuId, body, causedBy: call.exchangeId });
  whenUndeliverable(dispatch, (outcome) => {
    emitHiuFlowEvent(ctx, 'data.delivered', { transactionId: 'transactionId' in result ? result.transactionId : undefined, hiuId, outcome: 'on-request-undeliverable' }, {
      correlation,
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hiu.health-information-on-request', hiuId, outcome)],
    });
  });
  return dispatch;
}

/** The artefact's HIP is a partner: it gets M2's request with the HIU's key material and dataPushUrl, and pushes to the HIU itself. */
function relayToPartnerHip(ctx: SandboxContext, transfer: Pick<HiuTransferRecord, 'transactionId' | 'hiuId' | 'dateRange'>, consent: ConsentRecord, hi: HiuHealthInformationBody['hiRequest']): void {
  sendHipHealthInformationRequest(ctx, {
    transactionId: transfer.transactionId,
    consent,
    dateRange: transfer.dateRange,
    dataPushUrl: hi.dataPushUrl,
    keyMaterial: hi.keyMaterial,
    privateKey: '',
    relayedToHiu: transfer.hiuId,
  });
  ctx.store.flows.hiuTransfers.setStatus(transfer.transactionId, 'forwarded');
}

/**
 * `GET .../health-information/request/status/{transactionId}` for the HIU that asked: where the HIP's side stands
 * (REQUESTED, TRANSFERRED, FAILED) and its per-care-context report (shape [UNSURE], as for HIPs).
 */
export function hiuTransferStatus(ctx: SandboxContext, client: PartnerClient, transactionId: string) {
  const transfer = ctx.store.flows.hiuTransfers.get(transactionId);
  if (!transfer || !client.services.some((s) => s.serviceId === transfer.hiuId)) throw errors.noDataFound(`no health-information request ${transactionId} of a HIU of client ${client.clientId}`);
  const hip = hipReport(ctx, transfer);
  return {
    transactionId,
    consentId: transfer.consentId,
    hipId: transfer.hipId,
    sessionStatus: hip.sessionStatus,
    requestedAt: transfer.requestedAt,
    statusResponses: hip.statusResponses,
    ...(transfer.error ? { error: transfer.error } : {}),
  };
}

/** What the HIP side says of a transfer: the virtual HIP's own report, or the partner HIP's notify. */
export function hipReport(ctx: SandboxContext, transfer: HiuTransferRecord): { sessionStatus: string; statusResponses: Array<{ careContextReference: string; hiStatus: string; description: string }> } {
  if (transfer.status === 'refused') return { sessionStatus: 'FAILED', statusResponses: [] };
  if (transfer.hipMode === 'partner') {
    const leg = ctx.store.flows.transfers.get(transfer.transactionId);
    const n = leg?.notification as TransferNotifyBody | undefined;
    if (n) return { sessionStatus: n.notification.statusNotification.sessionStatus, statusResponses: (n.notification.statusNotification.statusResponses ?? []).map((r) => ({ ...r, description: r.description ?? '' })) };
    return { sessionStatus: leg?.status === 'refused' || leg?.status === 'undeliverable' ? 'FAILED' : leg?.status === 'acknowledged' ? 'ACKNOWLEDGED' : 'REQUESTED', statusResponses: [] };
  }
  const delivery = transfer.delivery as VirtualDelivery | undefined;
  if (!transfer.deliveredAt || !delivery?.pages) return { sessionStatus: 'REQUESTED', statusResponses: [] };
  const accepted = new Set(delivery.pages.filter((p) => p.status !== undefined && p.status >= 200 && p.status < 300).flatMap((p) => p.careContexts));
  const statusResponses = [
    ...delivery.entries.map((e) => ({ careContextReference: e.careContextReference, hiStatus: accepted.has(e.careContextReference) ? 'DELIVERED' : 'ERRORED', description: accepted.has(e.careContextReference) ? 'Delivered' : 'The HIU did not accept the page' })),
    ...delivery.unavailable.map((ref) => ({ careContextReference: ref, hiStatus: 'ERRORED', description: 'The HIP holds no record for this care context' })),
  ];
  const failed = delivery.pages.length > 0 && delivery.pages.some((p) => p.status === undefined || p.status < 200 || p.status >= 300);
  return { sessionStatus: failed ? 'FAILED' : 'TRANSFERRED', statusResponses };
}
