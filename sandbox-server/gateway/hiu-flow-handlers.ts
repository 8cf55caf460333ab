// Handlers of the HIU's operations (spec §6.2, §6.3, §6.5, §6.6): each adapts the gateway call to an HIU flow
// service. X-HIU-ID has already been checked to be one of the caller's HIUs where the row requires it.
import type { PartnerClient } from '../store/partner-repository.js';
import { answerConsentFetch, answerConsentRequestStatus, receiveConsentRequest, type HiuCall } from '../hiu-flows/consent-request-intake.js';
import { hiuConsentNotifyAnswers } from '../hiu-flows/hiu-consent-notify.js';
import { hiuTransferStatus, receiveHealthInformationRequest, type HiuHealthInformationBody } from '../hiu-flows/hiu-health-information-flow.js';
import { receiveHiuTransferNotify } from '../hiu-flows/hiu-transfer-notify.js';
import type { TransferNotifyBody } from '../flows/health-information-flow.js';
import type { AnswerProcessor } from '../services/callback-answers.js';
import type { SandboxContext } from '../context.js';
import type { GatewayCall, HandlerMap, HandlerResult } from './operation-handler.js';

function hiuCall<B>(call: GatewayCall): HiuCall<B> & { hiuId: string } {
  return { client: call.client!, hiuId: call.request.headers['x-hiu-id'], requestId: call.requestId!, exchangeId: call.exchangeId, body: call.body as B, findings: call.findings };
}

export const hiuFlowHandlers: HandlerMap = {
  'consent.request-init': (call, ctx) => {
    const c = hiuCall<{ consent?: unknown }>(call);
    receiveConsentRequest(ctx, { ...c, hiuId: c.hiuId || undefined });
    return {};
  },
  'consent.request-status': (call, ctx) => {
    answerConsentRequestStatus(ctx, hiuCall<{ consentRequestId: string }>(call));
    return {};
  },
  'consent.fetch': (call, ctx) => {
    answerConsentFetch(ctx, hiuCall<{ consentId: string }>(call));
    return {};
  },
  'dataflow.health-information-request': (call, ctx) => {
    receiveHealthInformationRequest(ctx, hiuCall<HiuHealthInformationBody>(call));
    return {};
  },
};

/** Flows that act on the HIU's answers, by the callback they answer. */
export const hiuFlowAnswerProcessors: Readonly<Record<string, AnswerProcessor>> = {
  'hiu.consent-notify': hiuConsentNotifyAnswers,
};

/** An HIU's transfer notify (notifier.type HIU) is judged by the HIU flows; a HIP's by the HIP flows. */
export function isHiuTransferNotify(body: unknown): boolean {
  return (body as TransferNotifyBody).notification.notifier.type === 'HIU';
}

/** The HIU's notify, judged against what was pushed. */
export function hiuTransferNotify(call: GatewayCall, ctx: SandboxContext): HandlerResult {
  return { body: receiveHiuTransferNotify(ctx, { client: call.client!, requestId: call.requestId!, exchangeId: call.exchangeId, body: call.body as TransferNotifyBody, findings: call.findings }) };
}

/** The status lookup answers a HIU about the requests it made, and a HIP about those it was sent. */
export function hiuTransferStatusFor(ctx: SandboxContext, client: PartnerClient, transactionId: string): HandlerResult | undefined {
  const transfer = ctx.store.flows.hiuTransfers.get(transactionId);
  if (!transfer || !client.services.some((s) => s.serviceId === transfer.hiuId)) return undefined;
  return { body: hiuTransferStatus(ctx, client, transactionId) };
}
