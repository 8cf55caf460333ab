// One handler per operation of the table: each adapts a GatewayCall to a service call.
import type { SandboxContext } from '../context.js';
import { bridgeService, bridgeServices, setBridgeUrl } from '../services/bridges.js';
import { hipFlowAnswerProcessors } from '../flows/answer-processors.js';
import { acceptAnswer, type AnswerInput, type AnswerProcessor } from '../services/callback-answers.js';
import { providerById, searchProviders } from '../services/providers.js';
import { createSession, type SessionRequest } from '../services/sessions.js';
import { hipFlowHandlers } from './hip-flow-handlers.js';
import { hiuFlowAnswerProcessors, hiuFlowHandlers } from './hiu-flow-handlers.js';
import type { GatewayCall, HandlerMap, OperationHandler } from './operation-handler.js';

const realmPath = '/auth/realms/central-registry';

function jwks(_call: GatewayCall, ctx: SandboxContext) {
  return { body: ctx.keys.jwks() };
}

/** Flows that act on the content of answers, by the callback they answer. */
const answerProcessors: Readonly<Record<string, AnswerProcessor>> = { ...hipFlowAnswerProcessors, ...hiuFlowAnswerProcessors };

/** Generic `on-*` handler: correlation, then the flow's processor for that callback (if any) acts on the content. */
const answer: OperationHandler = (call, ctx) => {
  const input: AnswerInput = { operation: call.operation, client: call.client!, body: call.body as AnswerInput['body'], exchangeId: call.exchangeId, findings: call.findings };
  const sent = acceptAnswer(ctx, input, answerProcessors[call.operation.answers!]);
  return { answers: sent.exchangeId, serviceId: sent.serviceId };
};

export const gatewayHandlers: HandlerMap = {
  'gateway.sessions': async (call, ctx) => {
    const request = call.body as SessionRequest;
    call.attributeTo = request.clientId;
    return { body: await createSession(ctx, request) };
  },
  'gateway.openid-configuration': (_call, ctx) => ({ body: { jwks_uri: `${ctx.config.publicUrl}/api/hiecm/gateway/v3/certs` } }),
  'gateway.certs': jwks,
  'gateway.v05-openid-configuration': (_call, ctx) => ({ body: { jwks_uri: `${ctx.config.publicUrl}/gateway/v0.5/certs` } }),
  'gateway.v05-certs': jwks,
  'realm.openid-configuration': (_call, ctx) => ({
    body: {
      issuer: ctx.tokens.issuer,
      jwks_uri: `${ctx.config.publicUrl}${realmPath}/protocol/openid-connect/certs`,
      id_token_signing_alg_values_supported: ['RS256'],
      grant_types_supported: ['client_credentials', 'refresh_token'],
    },
  }),
  'realm.certs': jwks,
  'gateway.bridge-url': (call, ctx) => {
    call.findings.push(...setBridgeUrl(ctx, call.client!, (call.body as { url: string }).url));
    return {};
  },
  'gateway.bridge-services': (call) => ({ body: bridgeServices(call.client!) }),
  'gateway.bridge-service': (call, ctx) => ({ body: bridgeService(ctx, call.request.params.serviceId) }),
  'gateway.providers': (call, ctx) => ({ body: searchProviders(ctx, call.request.query.name) }),
  'gateway.provider': (call, ctx) => ({ body: providerById(ctx, call.request.params.providerId) }),
  'uil.on-discover': answer,
  'uil.on-init': answer,
  'uil.on-confirm': answer,
  'consent.hip-on-notify': answer,
  'dataflow.hip-on-request': answer,
  'share.on-share': answer,
  'consent.hiu-on-notify': answer,
  ...hipFlowHandlers,
  ...hiuFlowHandlers,
};
