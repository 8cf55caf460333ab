// Runs one partner call through the gateway: checks, handler, error shaping and journaling.
// Every adapter (express, MSW) calls `handle`; nothing else decides what a partner gets back.
import { AbdmError, errors, isAbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import type { Operation } from '../../protocol/operations/operation.js';
import type { SandboxContext } from '../context.js';
import type { PartnerClient } from '../store/partner-repository.js';
import { BodyValidator } from './body-validator.js';
import { bytesResponse, emptyResponse, journalText, jsonResponse, type InboundRequest, type OutboundResponse } from './http-types.js';
import type { GatewayCall, HandlerMap, HandlerResult } from './operation-handler.js';
import { RequestIdRegistry } from './request-id-registry.js';
import { authenticate, checkDeclaredHeaders, checkRole, checkRouting, checkStandardHeaders, checkTransactionHeader, checkUserTokenHeader, parseBody } from './request-checks.js';

export class Gateway {
  private readonly validator: BodyValidator;
  readonly requestIds = new RequestIdRegistry();

  constructor(
    private readonly ctx: SandboxContext,
    readonly operations: ReadonlyArray<Operation>,
    private readonly handlers: HandlerMap,
  ) {
    const missing = operations.filter((op) => !handlers[op.id]).map((op) => op.id);
    if (missing.length > 0) throw new Error(`operations without a handler: ${missing.join(', ')}`);
    this.validator = new BodyValidator(operations);
    // After a restart, REQUEST-IDs used in the last half hour are still refused.
    const since = new Date(ctx.clock.now() - 30 * 60_000).toISOString();
    for (const r of ctx.store.journal.recentRequestIds(since)) this.requestIds.remember(r.clientKey, r.requestId, Date.parse(r.startedAt));
  }

  async handle(operation: Operation, request: InboundRequest): Promise<OutboundResponse> {
    const { ctx } = this;
    const exchangeId = ctx.journal.nextId();
    const startedAt = new Date(ctx.clock.now()).toISOString();
    const t0 = performance.now();
    const findings: Finding[] = [];
    let client: PartnerClient | undefined;
    let requestId: string | undefined;
    let body: unknown;
    let result: HandlerResult | undefined;
    let call: GatewayCall | undefined;
    let response: OutboundResponse;
    let error: AbdmError | undefined;

    try {
      if (operation.auth === 'bearer') client = await authenticate(ctx, request.headers, operation.headerPolicy);
      if (operation.standardHeaders) requestId = checkStandardHeaders(ctx, request.headers, findings, operation.headerPolicy);
      let serviceId: string | undefined;
      if (client) {
        checkRole(operation, client);
        serviceId = checkRouting(operation, client, request.headers);
      }
      checkDeclaredHeaders(operation, request.headers);
      if (requestId) {
        const clientKey = client?.clientId ?? `anonymous:${operation.id}`;
        if (!this.requestIds.remember(clientKey, requestId, ctx.clock.now())) {
          throw errors.repeatedRequestId(`REQUEST-ID ${requestId} was already used by ${client ? `client ${client.clientId}` : 'an earlier call'}; every call needs a new UUID`);
        }
      }
      const userToken = checkUserTokenHeader(operation, request.headers, findings);
      const transactionId = checkTransactionHeader(operation, request.headers);
      body = parseBody(operation, request, this.validator, ctx.config.maxBodyBytes);
      call = { operation, request, exchangeId, client, requestId, body, findings, userToken, transactionId };
      result = await this.handlers[operation.id](call, ctx);
      result = { serviceId, ...result };
      const status = result.status ?? operation.successStatus;
      response = result.bytes
        ? bytesResponse(status, result.bytes.contentType, result.bytes.data, result.headers)
        : result.body === undefined
          ? emptyResponse(status, result.headers)
          : jsonResponse(status, result.body, result.headers);
    } catch (err) {
      error = isAbdmError(err) ? err : unexpected(err, operation);
      response = jsonResponse(error.httpStatus, error.toBody(ctx.clock.now()));
    }
    if (operation.deprecated) Object.assign(response.headers, deprecationHeaders(operation.deprecated.successor));

    ctx.journal.record({
      id: exchangeId,
      direction: 'inbound',
      operationId: operation.id,
      method: request.method,
      url: request.url,
      clientId: client?.clientId ?? call?.attributeTo,
      serviceId: result?.serviceId,
      requestId: requestId ?? request.headers['request-id'],
      requestHeaders: request.headers,
      requestBody: request.bodyTooLarge ? '(body too large; not kept)' : request.body,
      parsedBody: body,
      status: response.status,
      responseHeaders: response.headers,
      responseBody: journalText(response),
      errorCode: error?.code,
      errorMessage: error ? (error.description ?? error.message) : undefined,
      startedAt,
      durationMs: performance.now() - t0,
      answers: result?.answers,
      findings,
      extraCorrelationIds: [...(result?.correlationIds ?? []), ...(call?.transactionId ? [call.transactionId] : [])],
    });
    return response;
  }
}

/** A call that matched no operation still goes in the journal: it is usually a partner's wrong path. */
export function journalUnmatched(ctx: SandboxContext, request: InboundRequest, error: AbdmError, extraHeaders: Record<string, string> = {}): OutboundResponse {
  const response = jsonResponse(error.httpStatus, error.toBody(ctx.clock.now()), extraHeaders);
  ctx.journal.record({
    id: ctx.journal.nextId(),
    direction: 'inbound',
    method: request.method,
    url: request.url,
    requestId: request.headers['request-id'],
    requestHeaders: request.headers,
    requestBody: request.bodyTooLarge ? '(body too large; not kept)' : request.body,
    status: response.status,
    responseHeaders: response.headers,
    responseBody: journalText(response),
    errorCode: error.code,
    errorMessage: error.description ?? error.message,
    startedAt: new Date(ctx.clock.now()).toISOString(),
    durationMs: 0,
    findings: [],
  });
  return response;
}

/**
 * Legacy operations say so on every answer: `Deprecation` (RFC 9745's structured form is `@<epoch>`; `true` is the
 * earlier draft that most clients still read), a `Link` to the successor, and a human-readable `Warning`.
 */
function deprecationHeaders(successor: string): Record<string, string> {
  return {
    deprecation: 'true',
    link: `<${successor}>; rel="successor-version"`,
    warning: `299 - "Deprecated API: the legacy Health-ID API is replaced by ${successor}"`,
  };
}

/** A bug in the sandbox must still answer in ABDM's shape, and say it is the sandbox's fault. */
function unexpected(err: unknown, operation: Operation): AbdmError {
  console.error(`abdm-sandbox: internal error in ${operation.id}:`, err);
  return errors.unknownException(`the sandbox failed while handling ${operation.id}; this is a sandbox bug, please report it`);
}
