// Handlers of the HIP-initiated operations (spec §5.5–§5.7, §5.9): each adapts the gateway call to a flow service.
import type { SandboxContext } from '../context.js';
import {
  generateLinkToken,
  linkCareContexts,
  notifyContext,
  notifySms,
  type ContextNotifyBody,
  type GenerateTokenBody,
  type HipCall,
  type LinkCareContextBody,
  type SmsNotifyBody,
} from '../flows/hip-linking-flow.js';
import { receiveTransferNotify, transferStatus, type TransferNotifyBody } from '../flows/health-information-flow.js';
import { hiuTransferNotify, hiuTransferStatusFor, isHiuTransferNotify } from './hiu-flow-handlers.js';
import type { GatewayCall, HandlerMap } from './operation-handler.js';

/** The call as the HIP flows take it; X-HIP-ID has already been checked to be one of the caller's HIPs. */
function hipCall<B>(call: GatewayCall): HipCall<B> {
  return { hipId: call.request.headers['x-hip-id'], requestId: call.requestId!, exchangeId: call.exchangeId, body: call.body as B, findings: call.findings };
}

export const hipFlowHandlers: HandlerMap = {
  'linktoken.generate-token': async (call, ctx: SandboxContext) => {
    await generateLinkToken(ctx, hipCall<GenerateTokenBody>(call));
    return {};
  },
  'hil.link-carecontext': async (call, ctx) => {
    await linkCareContexts(ctx, { ...hipCall<LinkCareContextBody>(call), linkToken: call.request.headers['x-link-token'] });
    return {};
  },
  'hil.context-notify': (call, ctx) => {
    notifyContext(ctx, hipCall<ContextNotifyBody>(call));
    return {};
  },
  'hil.sms-notify2': (call, ctx) => {
    const c = hipCall<SmsNotifyBody>(call);
    notifySms(ctx, { ...c, hipId: c.hipId || undefined, client: call.client! });
    return {};
  },
  // One operation for both roles (spec §5.9, §6.6): an HIU's notify goes to the HIU flows.
  'dataflow.notify': (call, ctx) =>
    isHiuTransferNotify(call.body)
      ? hiuTransferNotify(call, ctx)
      : { body: receiveTransferNotify(ctx, { client: call.client!, requestId: call.requestId!, exchangeId: call.exchangeId, body: call.body as TransferNotifyBody, findings: call.findings }) },
  'dataflow.request-status': (call, ctx) =>
    hiuTransferStatusFor(ctx, call.client!, call.request.params.transactionId) ?? { body: transferStatus(ctx, call.client!, call.request.params.transactionId) },
};
