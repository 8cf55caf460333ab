// One exchange in the journal: a call received from a partner or a call the gateway made to one.
import type { Finding } from '../../protocol/findings.js';

export type ExchangeDirection = 'inbound' | 'outbound';

export interface Exchange {
  /** Journal id, increasing. */
  id: number;
  direction: ExchangeDirection;
  /** Operation id (inbound) or callback id (outbound); absent when no operation matched. */
  operationId?: string;
  method: string;
  /** Path and query for inbound calls; the full URL for outbound ones. */
  url: string;
  /** The partner client that called (inbound) or was called (outbound). */
  clientId?: string;
  /** The HIP/HIU service id involved, when there is one. */
  serviceId?: string;
  /** The REQUEST-ID header of the request. */
  requestId?: string;
  /** Header names lower-cased; secrets redacted. */
  requestHeaders: Record<string, string>;
  /** Body as received or sent (secrets redacted); undefined when there was none. */
  requestBody?: string;
  /** HTTP status of the response; undefined when no response came (network error, timeout). */
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** The ABDM error code answered, or the delivery failure (`timeout`, `connection-refused`, ...). */
  errorCode?: string;
  errorMessage?: string;
  /** ISO-8601 UTC. */
  startedAt: string;
  durationMs: number;
  /** The exchange that made the gateway do this one (e.g. the request whose callback this is). */
  causedBy?: number;
  /** For an `on-*` answer: the outbound exchange it answers. */
  answers?: number;
  /** Delivery attempt number for outbound calls, from 1. */
  attempt?: number;
  /** ABDM ids that appear in the exchange (REQUEST-ID, response.requestId, transactionId, consent ids, ...). */
  correlationIds: string[];
  findings: Finding[];
}
