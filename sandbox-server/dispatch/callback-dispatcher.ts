// Delivers gateway→bridge calls (spec §3.1 step 2): signed with the gateway's JWT, fresh REQUEST-ID and
// TIMESTAMP, routing header set; retried with backoff; and when the bridge cannot be reached, the caller
// gets the error-only callback of spec §3.2. Delivery starts after the current turn, so it never delays the
// 202 of the request that caused it.
import type { Clock } from '../../protocol/clock.js';
import { AbdmError, errors, type ErrorItem } from '../../protocol/errors.js';
import { WIRE_NAME } from '../../protocol/headers.js';
import type { CallbackDefinition } from '../../protocol/operations/operation.js';
import { callbackById } from '../../protocol/operations/table.js';
import type { Rng } from '../../protocol/random.js';
import type { TokenService } from '../auth/token-service.js';
import type { EventBus } from '../events/event-bus.js';
import type { Journal } from '../journal/journal.js';
import { postToBridge } from './bridge-transport.js';
import type { PartnerRegistry } from '../partners/partner-registry.js';
import type { SentCallbackRepository } from '../store/sent-callback-repository.js';
import { faultNote, faultyBearer, type DeliveryFaults } from './delivery-faults.js';

export interface DispatchRequest {
  callbackId: string;
  /** The HIP/HIU service the call is for: its client's bridge URL receives it. */
  serviceId: string;
  body: unknown;
  /** The exchange that caused this call. */
  causedBy?: number;
  /** Who to tell when the call cannot be delivered: an error-only callback answering `answersRequestId`. */
  errorCallbackTo?: { callbackId: string; serviceId: string; answersRequestId: string };
  /** Deliberate faults (conformance tests): a token the bridge must refuse, or duplicate deliveries. */
  faults?: DeliveryFaults;
}

export interface DeliveryOutcome {
  requestId: string;
  delivered: boolean;
  /** HTTP status of the last attempt, when the bridge answered at all. */
  status?: number;
  attempts: number;
  exchangeIds: number[];
  /** Why delivery failed: `no-bridge-url`, `timeout`, `connection-refused`, `http-500`, ... */
  failure?: string;
}

export interface Dispatch {
  /** The REQUEST-ID the partner will see and must echo in `response.requestId`. */
  requestId: string;
  outcome: Promise<DeliveryOutcome>;
}

export interface DispatcherDeps {
  clock: Clock;
  ids: Rng;
  partners: PartnerRegistry;
  tokens: TokenService;
  journal: Journal;
  events: EventBus;
  sentCallbacks: SentCallbackRepository;
  timeoutMs: number;
  retryDelaysMs: ReadonlyArray<number>;
  /** Injected so tests can skip real waiting. */
  sleep?: (ms: number) => Promise<void>;
}

const MAX_RESPONSE_BODY = 64 * 1024;

export class CallbackDispatcher {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly inFlight = new Set<Promise<DeliveryOutcome>>();

  constructor(private readonly deps: DispatcherDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Queues a call to a partner's bridge and returns its REQUEST-ID at once. */
  send(request: DispatchRequest): Dispatch {
    const callback = callbackById(request.callbackId);
    if (!callback) throw new Error(`unknown callback ${request.callbackId}`);
    const service = this.deps.partners.service(request.serviceId);
    if (!service) throw errors.invalidServiceId(`no partner service ${request.serviceId} is registered in this sandbox`);
    if (service.role !== callback.targetRole) {
      throw errors.invalidServiceId(`${request.serviceId} is a ${service.role.toUpperCase()}; ${callback.id} goes to a ${callback.targetRole.toUpperCase()}`);
    }
    const requestId = this.deps.ids.uuid();
    const firstExchangeId = this.deps.journal.nextId();
    this.deps.sentCallbacks.record({
      requestId,
      callbackId: callback.id,
      clientId: service.clientId,
      serviceId: service.serviceId,
      exchangeId: firstExchangeId,
      sentAt: new Date(this.deps.clock.now()).toISOString(),
    }, callback.answeredBy !== undefined);
    const outcome = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.deliver(callback, request, service.clientId, requestId, firstExchangeId),
    );
    this.inFlight.add(outcome);
    void outcome.finally(() => this.inFlight.delete(outcome));
    return { requestId, outcome };
  }

  /** Resolves when every delivery started so far has finished (for orderly shutdown and tests). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(callback: CallbackDefinition, request: DispatchRequest, clientId: string, requestId: string, firstExchangeId: number): Promise<DeliveryOutcome> {
    const { journal, partners, events, sentCallbacks, clock } = this.deps;
    const bodyText = JSON.stringify(request.body);
    const faults = request.faults ?? {};
    const bearer = faults.token ? await faultyBearer(this.deps.tokens, clock, faults.token) : await this.deps.tokens.gatewayBearer();
    const note = faultNote(faults);
    const findings = note ? [note] : [];
    const exchangeIds: number[] = [];
    let status: number | undefined;
    let failure: string | undefined;
    let failureMessage = '';
    const attemptsAllowed = this.deps.retryDelaysMs.length + 1;
    const copies = faults.deliveries ?? 1;
    let attempt = 0;
    let failures = 0;
    let delivered = 0;

    for (;;) {
      attempt += 1;
      const exchangeId = attempt === 1 ? firstExchangeId : journal.nextId();
      exchangeIds.push(exchangeId);
      // Re-read the URL on every attempt: last writer wins, and a partner may fix it between retries.
      const bridgeUrl = partners.client(clientId)?.bridgeUrl;
      const timestamp = new Date(clock.now()).toISOString();
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        authorization: `Bearer ${bearer}`,
        'request-id': requestId,
        timestamp,
        [callback.routingHeader]: request.serviceId,
      };
      const startedAt = timestamp;
      const t0 = performance.now();
      if (!bridgeUrl) {
        failure = 'no-bridge-url';
        failureMessage = `client ${clientId} has no bridge URL; set one with PATCH /api/hiecm/gateway/v3/bridge/url`;
        journal.record({
          id: exchangeId, direction: 'outbound', operationId: callback.id, method: 'POST', url: `(no bridge URL)${callback.path}`,
          clientId, serviceId: request.serviceId, requestId, requestHeaders: wireHeaders(headers), requestBody: bodyText,
          parsedBody: request.body, errorCode: failure, errorMessage: failureMessage, startedAt, durationMs: 0,
          causedBy: request.causedBy, attempt, findings,
        });
        break; // nothing to retry against
      }
      const url = bridgeUrl.replace(/\/+$/, '') + callback.path;
      let responseBody: string | undefined;
      let responseHeaders: Record<string, string> | undefined;
      try {
        const response = await postToBridge(url, wireHeaders(headers), bodyText, this.deps.timeoutMs, MAX_RESPONSE_BODY);
        status = response.status;
        responseHeaders = response.headers;
        responseBody = response.body;
        failure = status >= 200 && status < 300 ? undefined : `http-${status}`;
        failureMessage = failure ? `the bridge answered HTTP ${status}` : '';
      } catch (err) {
        status = undefined;
        [failure, failureMessage] = describeNetworkFailure(err, this.deps.timeoutMs);
      }
      journal.record({
        id: exchangeId, direction: 'outbound', operationId: callback.id, method: 'POST', url, clientId, serviceId: request.serviceId,
        requestId, requestHeaders: wireHeaders(headers), requestBody: bodyText, parsedBody: request.body, status, responseHeaders,
        responseBody, errorCode: failure, errorMessage: failure ? failureMessage : undefined, startedAt,
        durationMs: performance.now() - t0, causedBy: request.causedBy, attempt, findings,
      });
      if (!failure) {
        delivered += 1;
        // A duplicate goes at once, as a redelivery after a lost answer would.
        if (delivered < copies) continue;
        break;
      }
      if (delivered > 0) break; // a duplicate copy is not retried: the call itself was delivered
      failures += 1;
      if (failures >= attemptsAllowed) break;
      await this.sleep(this.deps.retryDelaysMs[failures - 1]);
    }

    if (delivered > 0) failure = undefined;
    const outcome: DeliveryOutcome = { requestId, delivered: delivered > 0, status, attempts: attempt, exchangeIds, failure };
    sentCallbacks.markDelivery(requestId, failure ? 'failed' : 'delivered');
    const correlation = [requestId];
    const faultData = request.faults ? { faults: request.faults } : {};
    if (!failure) {
      events.emit('callback.delivered', { callbackId: callback.id, serviceId: request.serviceId, status, attempts: attempt, ...faultData }, { correlation, exchangeId: exchangeIds[exchangeIds.length - 1] });
      return outcome;
    }
    events.emit(
      'callback.undeliverable',
      { callbackId: callback.id, serviceId: request.serviceId, failure, attempts: attempt, ...faultData },
      {
        correlation,
        exchangeId: exchangeIds[exchangeIds.length - 1],
        findings: [{ ruleId: 'bridge-unreachable', severity: 'error', message: `${callback.id} to ${request.serviceId} was not delivered after ${attempt} attempt(s): ${failureMessage}` }],
      },
    );
    if (request.errorCallbackTo) this.sendErrorCallback(request.errorCallbackTo, fanBackError(callback, request.serviceId, failure!, failureMessage), exchangeIds[exchangeIds.length - 1]);
    return outcome;
  }

  private sendErrorCallback(to: NonNullable<DispatchRequest['errorCallbackTo']>, error: ErrorItem, causedBy: number): void {
    try {
      this.send({ callbackId: to.callbackId, serviceId: to.serviceId, body: { error, response: { requestId: to.answersRequestId } }, causedBy });
    } catch (err) {
      if (!(err instanceof AbdmError)) throw err; // the caller deregistered meanwhile: nobody left to tell
    }
  }
}

/** Headers with their wire spelling (REQUEST-ID, X-HIP-ID, ...), as partners' frameworks log them. */
function wireHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[WIRE_NAME[name] ?? name] = value;
  return out;
}

function describeNetworkFailure(err: unknown, timeoutMs: number): [string, string] {
  const e = err as { name?: string; code?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return ['timeout', `the bridge did not answer within ${timeoutMs} ms`];
  const code = e?.code ?? e?.cause?.code;
  if (code === 'ECONNREFUSED') return ['connection-refused', 'connection refused: nothing listens at the bridge URL'];
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return ['dns', `the bridge host name does not resolve (${code})`];
  if (code === 'ECONNRESET') return ['connection-reset', 'the bridge closed the connection'];
  return ['network', `network error: ${e?.cause?.message ?? e?.message ?? String(err)}`];
}

/** The error the gateway fans back to the caller (spec §3.2), in the v3 catalogue's words. */
function fanBackError(callback: CallbackDefinition, serviceId: string, failure: string, detail: string): ErrorItem {
  if (failure === 'no-bridge-url') return { code: 'ABDM-2500', message: `No mapping found for ${serviceId}: ${detail}` };
  if (failure === 'timeout') return { code: 'ABDM-1007', message: `Connection failed due to timeout: ${serviceId} ${detail}` };
  return callback.targetRole === 'hip'
    ? { code: 'ABDM-1028', message: `HIP is unavailable: ${serviceId}: ${detail}` }
    : { code: 'ABDM-1033', message: `HIU is unavailable: ${serviceId}: ${detail}` };
}
