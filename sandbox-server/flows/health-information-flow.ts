// Health information from a HIP (spec §5.9): the virtual HIU makes fresh Fidelius key material and a dataPushUrl
// on the sandbox, and the consent manager sends the request to the HIP. The HIP's on-request is checked against
// the consent's state; its final health-information/notify against what was pushed.
import { errors, AbdmError } from '../../protocol/errors.js';
import { rangeWithin, type DateRange } from '../../protocol/consent/index.js';
import { generateKeyPair, generateNonce, seededRandomBytes } from '../../protocol/fidelius/index.js';
import type { Finding } from '../../protocol/findings.js';
import { parseAbdmTimestamp } from '../../protocol/health-information/abdm-timestamp.js';
import { checkDataPushSequence } from '../../protocol/health-information/data-push-pages.js';
import { buildKeyMaterial, type KeyMaterial } from '../../protocol/health-information/key-material.js';
import { hipFinding } from '../../protocol/hip-flows/hip-flow-rules.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { AnswerProcessor } from '../services/callback-answers.js';
import type { PartnerClient } from '../store/partner-repository.js';
import type { ConsentRecord } from '../store/consent-repository.js';
import type { TransferRecord } from '../store/health-information-repository.js';
import { consentById } from './consent-flow.js';
import { hipService } from './flow-parties.js';
import { emitFlowEvent } from './flow-events.js';
import { undeliveredFinding, whenUndeliverable } from './flow-dispatch.js';

/** Everything must be done within two hours of the request (TC HIP_INIT_SHARE_CARECONTEXT). */
export const TRANSFER_WINDOW_MS = 2 * 3600_000;

/** Where the virtual HIU receives pushes; the transactionId follows. */
export const DATA_PUSH_PATH = '/sandbox/hiu/health-information/transfer';

export interface HealthInformationRequestInput {
  /** The consent to ask under (any state); not needed with `unknownConsent`. */
  consentId?: string;
  /** The clinical dates wanted; default the consent's. A range outside the consent's is a negative test. */
  dateRange?: DateRange;
  /** The virtual HIU's public-key form: X.509 (ProjectEKA HIUs) or raw (WRAP's HIU). Default raw. */
  publicKeyEncoding?: 'x509' | 'raw';
  /**
   * Ask this HIP under a consent id the consent manager never issued (the sandbox makes one up): how a HIP's
   * refusal of an unknown consent is tested. The dateRange defaults to the year before now.
   */
  unknownConsent?: { hipId: string };
}

export interface HealthInformationRequested {
  transactionId: string;
  requestId: string;
  consentId: string;
  dataPushUrl: string;
}

/**
 * Sends a health-information request under a consent, whatever its state: asking under a revoked or expired
 * consent is how a HIP's refusal is tested. The HIP's answer arrives as `data.acknowledged`, pushes as
 * `data.pushed`, its final notify as `transfer.notified`.
 */
export function requestHealthInformation(ctx: SandboxContext, input: HealthInformationRequestInput): HealthInformationRequested {
  const consent = consentBasis(ctx, input);
  const dateRange = input.dateRange ?? consent.dateRange;
  const from = parseAbdmTimestamp(String(dateRange?.from));
  const to = parseAbdmTimestamp(String(dateRange?.to));
  if (from === undefined || to === undefined || from > to) throw errors.invalidBody(`dateRange must be {from, to} ISO-8601 date-times with from ≤ to; got ${JSON.stringify(dateRange)}`);
  if (input.publicKeyEncoding !== undefined && input.publicKeyEncoding !== 'raw' && input.publicKeyEncoding !== 'x509') throw errors.invalidBody('publicKeyEncoding must be "raw" or "x509"');

  const transactionId = ctx.ids.uuid();
  // The virtual HIU is a synthetic party: its keys come from the seeded generator, so a run replays exactly.
  const random = seededRandomBytes(ctx.ids.fork('hiu-key-material', transactionId));
  const keyPair = generateKeyPair(random);
  // WRAP's HIU sets the key's expiry to the consent's dataEraseAt (spec §8.1).
  const keyMaterial = buildKeyMaterial({ keyPair, nonce: generateNonce(random), expiry: consent.dataEraseAt, publicKeyEncoding: input.publicKeyEncoding ?? 'raw' });
  const dataPushUrl = `${ctx.config.publicUrl}${DATA_PUSH_PATH}/${transactionId}`;
  const requested = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const sent = sendHipHealthInformationRequest(ctx, { transactionId, consent, dateRange: requested, dataPushUrl, keyMaterial, privateKey: keyPair.privateKey });
  emitFlowEvent(ctx, 'data.requested', sent.about, { correlation: [sent.requestId, transactionId, consent.consentId] });
  return { transactionId, requestId: sent.requestId, consentId: consent.consentId, dataPushUrl };
}

export interface HipHealthInformationRequest {
  transactionId: string;
  /** The consent asked under; for a negative test, one the consent manager never issued (status UNKNOWN). */
  consent: ConsentBasis;
  dateRange: DateRange;
  dataPushUrl: string;
  keyMaterial: KeyMaterial;
  /** The virtual HIU's private key; empty when the request is relayed for a partner HIU, whose key it is. */
  privateKey: string;
  /** The partner HIU the request is relayed for (M3): its pages go to it, not to the sandbox. */
  relayedToHiu?: string;
}

/**
 * Sends `hip/health-information/request` to the consent's HIP and records the transfer, whose answers the HIP
 * flows then judge; an undeliverable request ends as `data.acknowledged` with the outcome `undeliverable`.
 */
export function sendHipHealthInformationRequest(ctx: SandboxContext, request: HipHealthInformationRequest): { requestId: string; about: Record<string, unknown> } {
  const { transactionId, consent, dateRange, dataPushUrl, keyMaterial } = request;
  // The live gateway leaves empty requestId and timestamp in the v3 body (spec §3.3 [OBS], §10.3 #4): HIPs must ignore them.
  const body = { requestId: '', timestamp: '', transactionId, hiRequest: { consent: { id: consent.consentId }, dateRange, dataPushUrl, keyMaterial } };
  const dispatch = ctx.dispatcher.send({ callbackId: 'hip.health-information-request', serviceId: consent.hipId, body });
  const { requestId } = dispatch;
  const consentState = consent.status === 'GRANTED' && Date.parse(consent.dataEraseAt) <= ctx.clock.now() ? 'EXPIRED' : consent.status;
  ctx.store.flows.transfers.insert({ transactionId, requestId, consentId: consent.consentId, hipId: consent.hipId, consentStatus: consentState, dateRange, keyMaterial, privateKey: request.privateKey, requestedAt: nowIso(ctx), relayedToHiu: request.relayedToHiu });
  const about = { transactionId, requestId, consentId: consent.consentId, hipId: consent.hipId, dateRange, consentStatus: consentState, dataPushUrl, ...(request.relayedToHiu ? { relayedToHiu: request.relayedToHiu } : {}) };
  whenUndeliverable(dispatch, (outcome) => {
    ctx.store.flows.transfers.setStatus(transactionId, 'undeliverable');
    emitFlowEvent(ctx, 'data.acknowledged', { ...about, outcome: 'undeliverable' }, {
      correlation: [requestId, transactionId, consent.consentId],
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hip.health-information-request', consent.hipId, outcome)],
    });
  });
  return { requestId, about };
}

/** What a request is asked under: a stored consent, or (for `unknownConsent`) a made-up id the HIP cannot know. */
type ConsentBasis = Pick<ConsentRecord, 'consentId' | 'hipId' | 'dataEraseAt'> & { status: ConsentRecord['status'] | 'UNKNOWN' };

function consentBasis(ctx: SandboxContext, input: HealthInformationRequestInput): ConsentBasis & { dateRange: DateRange } {
  if (input.unknownConsent !== undefined) {
    const hip = hipService(ctx, input.unknownConsent?.hipId);
    const now = ctx.clock.now();
    const dateRange = { from: new Date(now - 365 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
    return { consentId: ctx.ids.uuid(), hipId: hip.serviceId, status: 'UNKNOWN', dateRange, dataEraseAt: new Date(now + 86_400_000).toISOString() };
  }
  if (typeof input.consentId !== 'string' || input.consentId === '') throw errors.invalidBody('consentId is required (or unknownConsent: {hipId})');
  const consent = consentById(ctx, input.consentId);
  if (!ctx.partners.service(consent.hipId)) throw errors.invalidHipId(`the consent's HIP ${consent.hipId} is no longer registered`);
  return { consentId: consent.consentId, hipId: consent.hipId, status: consent.status, dateRange: consent.detail.permission.dateRange, dataEraseAt: consent.dataEraseAt };
}

interface OnRequestBody {
  hiRequest?: { transactionId?: string; sessionStatus?: string };
  error?: { code: string | number; message: string } | null;
}

/** The HIP's on-request: ACKNOWLEDGED only under a granted consent, and for dates the consent covers. */
export const healthInformationRequestAnswers: AnswerProcessor = {
  accept(answer, ctx) {
    const transfer = ctx.store.flows.transfers.byRequestId(answer.sent.requestId);
    if (!transfer) return;
    const body = answer.body as OnRequestBody;
    const findings: Finding[] = [];
    if (body.hiRequest && body.hiRequest.transactionId !== transfer.transactionId) {
      findings.push(hipFinding('HIP-HI-TRANSACTION', `hiRequest.transactionId is ${JSON.stringify(body.hiRequest.transactionId)}; the request had ${transfer.transactionId}`, 'body.hiRequest.transactionId'));
    }
    const acknowledged = !body.error && body.hiRequest?.sessionStatus === 'ACKNOWLEDGED';
    if (!body.error && !acknowledged) {
      findings.push(hipFinding('HIP-HI-ACK', `hiRequest.sessionStatus is ${JSON.stringify(body.hiRequest?.sessionStatus)} without an error; acknowledge with ACKNOWLEDGED or refuse with an error`, 'body.hiRequest.sessionStatus'));
    }
    if (acknowledged) {
      if (transfer.consentStatus !== 'GRANTED') {
        findings.push(hipFinding('HIP-HI-CONSENT-STATE', `the HIP acknowledged a request under consent ${transfer.consentId}, which was ${transfer.consentStatus}; refuse it (e.g. ABDM-1112) and push nothing`, 'body.hiRequest.sessionStatus'));
      }
      const consent = ctx.store.flows.consents.get(transfer.consentId);
      if (consent && !rangeWithin(transfer.dateRange, consent.detail.permission.dateRange)) {
        const r = consent.detail.permission.dateRange;
        findings.push(hipFinding('HIP-HI-DATE-RANGE', `the request's dateRange ${transfer.dateRange.from}…${transfer.dateRange.to} leaves the consent's ${r.from}…${r.to}; refuse it (ABDM-1063) or serve only the consented dates`, 'body.hiRequest'));
      }
    }
    const status = acknowledged ? 'acknowledged' : 'refused';
    ctx.store.flows.transfers.answered(transfer.transactionId, status, body, nowIso(ctx));
    answer.findings.push(...findings);
    emitFlowEvent(
      ctx,
      'data.acknowledged',
      { transactionId: transfer.transactionId, requestId: transfer.requestId, consentId: transfer.consentId, hipId: transfer.hipId, outcome: status, sessionStatus: body.hiRequest?.sessionStatus, error: body.error ?? undefined },
      { correlation: [transfer.requestId, transfer.transactionId, transfer.consentId], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
    );
  },
};

export interface TransferNotifyBody {
  notification: {
    consentId: string;
    transactionId: string;
    doneAt?: string;
    notifier: { type: 'HIP' | 'HIU'; id: string };
    statusNotification: { sessionStatus: 'TRANSFERRED' | 'FAILED'; hipId?: string; statusResponses?: Array<{ careContextReference: string; hiStatus: string; description?: string }> };
  };
}

/**
 * health-information/notify from a HIP: judged against the transfer (spec §8.5 items 9–11). A notify for a
 * transaction this sandbox never requested from a HIP is refused with ABDM-1031 [UNSURE what the live CM does].
 * An HIU's notify (notifier.type HIU) is the HIU flows' to judge (hiu-flows/hiu-transfer-notify.ts).
 */
export function receiveTransferNotify(ctx: SandboxContext, call: { client: PartnerClient; requestId: string; exchangeId: number; body: TransferNotifyBody; findings: Finding[] }): { status: string } {
  const n = call.body.notification;
  const transfer = ctx.store.flows.transfers.get(n.transactionId);
  if (!transfer) {
    throw new AbdmError('ABDM-1031', 400, `Invalid request: no health-information request with transactionId ${n.transactionId} was sent to a HIP of client ${call.client.clientId}`);
  }
  if (!call.client.services.some((s) => s.serviceId === transfer.hipId)) {
    throw new AbdmError('ABDM-1031', 400, `Invalid request: transaction ${n.transactionId} belongs to HIP ${transfer.hipId}, not to client ${call.client.clientId}`);
  }
  const findings = judgeNotify(ctx, transfer, call.body);
  ctx.store.flows.transfers.notified(transfer.transactionId, call.body, nowIso(ctx));
  call.findings.push(...findings);
  const pushes = ctx.store.flows.transfers.pushes(transfer.transactionId);
  emitFlowEvent(
    ctx,
    'transfer.notified',
    {
      requestId: call.requestId,
      transactionId: transfer.transactionId,
      consentId: transfer.consentId,
      hipId: transfer.hipId,
      notifier: n.notifier,
      sessionStatus: n.statusNotification.sessionStatus,
      statusResponses: n.statusNotification.statusResponses ?? [],
      pages: pushes.length,
    },
    { correlation: [call.requestId, transfer.transactionId, transfer.consentId], exchangeIds: [...pushes.map((p) => p.exchangeId), call.exchangeId], findings },
  );
  return NOTIFY_ACCEPTED;
}

/** The observed answer to a notify (spec §5.9 [OBS]). */
export const NOTIFY_ACCEPTED = { status: 'Notification is Accepted' } as const;

function judgeNotify(ctx: SandboxContext, transfer: TransferRecord, body: TransferNotifyBody): Finding[] {
  const n = body.notification;
  const s = n.statusNotification;
  const findings: Finding[] = [];
  if (n.consentId !== transfer.consentId) findings.push(hipFinding('HIP-NOTIFY-CONSENT', `notification.consentId is ${n.consentId}; transaction ${transfer.transactionId} is under consent ${transfer.consentId}`, 'body.notification.consentId'));
  if (n.notifier.type !== 'HIP' || n.notifier.id !== transfer.hipId) {
    findings.push(hipFinding('HIP-NOTIFY-CONSENT', `notification.notifier is ${JSON.stringify(n.notifier)}; the HIP of this transfer is {"type":"HIP","id":"${transfer.hipId}"}`, 'body.notification.notifier'));
  }
  if (s.hipId !== undefined && s.hipId !== transfer.hipId) findings.push(hipFinding('HIP-NOTIFY-CONSENT', `statusNotification.hipId is ${s.hipId}, not ${transfer.hipId}`, 'body.notification.statusNotification.hipId'));

  const elapsed = ctx.clock.now() - Date.parse(transfer.requestedAt);
  const late = elapsed > TRANSFER_WINDOW_MS ? [hipFinding('HIP-NOTIFY-LATE', `notify arrived ${Math.round(elapsed / 60_000)} min after the request; everything must be done within 120 min`)] : [];
  // Relayed for a partner HIU (M3), the pages went to the HIU: what arrived is the HIU's to say in its own notify.
  if (transfer.relayedToHiu) {
    if (s.sessionStatus === 'TRANSFERRED' && transfer.status === 'refused') findings.push(hipFinding('HIP-NOTIFY-STATUS', 'sessionStatus is TRANSFERRED, but the HIP refused the request; after a refusal notify FAILED', 'body.notification.statusNotification.sessionStatus'));
    return [...findings, ...late];
  }
  const pushes = ctx.store.flows.transfers.pushes(transfer.transactionId);
  const verdicts = ctx.store.flows.transfers.verdicts(transfer.transactionId);
  const arrived = new Set(verdicts.map((v) => v.careContextReference).filter((r): r is string => r !== undefined));
  if (s.sessionStatus === 'TRANSFERRED') {
    // TRANSFERRED with nothing pushed is fine when nothing matched the consent; claiming DELIVERED is not (below).
    if (transfer.status === 'refused') findings.push(hipFinding('HIP-NOTIFY-STATUS', 'sessionStatus is TRANSFERRED, but the HIP refused the request; after a refusal notify FAILED', 'body.notification.statusNotification.sessionStatus'));
  } else if (transfer.status !== 'refused' && verdicts.length > 0 && verdicts.every((v) => v.verdict === 'accepted') && checkDataPushSequence(pushes).length === 0) {
    findings.push(hipFinding('HIP-NOTIFY-STATUS', 'sessionStatus is FAILED, but every page arrived and every entry was accepted', 'body.notification.statusNotification.sessionStatus'));
  }
  const delivered = new Set((s.statusResponses ?? []).filter((r) => r.hiStatus === 'DELIVERED').map((r) => r.careContextReference));
  for (const ref of delivered) {
    if (!arrived.has(ref)) findings.push(hipFinding('HIP-NOTIFY-DELIVERED', `statusResponses says ${ref} was DELIVERED, but no pushed entry carried it`, 'body.notification.statusNotification.statusResponses'));
  }
  if (s.sessionStatus === 'TRANSFERRED') {
    for (const ref of arrived) {
      if (!delivered.has(ref)) findings.push(hipFinding('HIP-NOTIFY-DELIVERED', `${ref} was pushed, but statusResponses does not report it DELIVERED`, 'body.notification.statusNotification.statusResponses'));
    }
    findings.push(...checkDataPushSequence(pushes));
  }
  return [...findings, ...late];
}

/** `GET .../health-information/request/status/{transactionId}`: the transfer's state, for its HIP (shape [UNSURE]). */
export function transferStatus(ctx: SandboxContext, client: PartnerClient, transactionId: string) {
  const transfer = ctx.store.flows.transfers.get(transactionId);
  if (!transfer || !client.services.some((s) => s.serviceId === transfer.hipId)) {
    throw errors.noDataFound(`no health-information request ${transactionId} for a service of client ${client.clientId}`);
  }
  const notified = transfer.notification as TransferNotifyBody | undefined;
  const sessionStatus = notified
    ? notified.notification.statusNotification.sessionStatus
    : transfer.status === 'acknowledged'
      ? 'ACKNOWLEDGED'
      : transfer.status === 'refused' || transfer.status === 'undeliverable'
        ? 'FAILED'
        : 'REQUESTED';
  return {
    transactionId,
    consentId: transfer.consentId,
    hipId: transfer.hipId,
    sessionStatus,
    requestedAt: transfer.requestedAt,
    statusResponses: notified?.notification.statusNotification.statusResponses ?? [],
  };
}
