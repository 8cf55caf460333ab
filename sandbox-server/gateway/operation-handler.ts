// What an operation handler receives and returns. Handlers are thin: they call a service with typed input.
import type { Finding } from '../../protocol/findings.js';
import type { Operation } from '../../protocol/operations/operation.js';
import type { SandboxContext } from '../context.js';
import type { PartnerClient } from '../store/partner-repository.js';
import type { InboundRequest } from './http-types.js';

export interface GatewayCall {
  operation: Operation;
  request: InboundRequest;
  /** This call's journal id, for linking the exchanges it causes. */
  exchangeId: number;
  /** The authenticated caller (operations with bearer auth). */
  client?: PartnerClient;
  /** The REQUEST-ID header, when the operation requires the standard headers. */
  requestId?: string;
  /** The parsed, schema-valid body (undefined when the operation takes none). */
  body: unknown;
  /** Non-fatal observations about this call; the handler may add more. */
  findings: Finding[];
  /** The client the journal files this call under when there is no token (e.g. the clientId of a session request). */
  attributeTo?: string;
  /** The user token (X-, T- or R-token) the operation's header policy asked for, without its `Bearer ` prefix. */
  userToken?: string;
  /** The transaction id from the header the operation's header policy names. */
  transactionId?: string;
}

export interface HandlerResult {
  /** Defaults to the operation's success status. */
  status?: number;
  /** JSON body; omit for an empty body (e.g. 202 Accepted). */
  body?: unknown;
  /** The service id this call was about, for the journal. */
  serviceId?: string;
  /** For an `on-*` answer: the outbound exchange it answered. */
  answers?: number;
  /** A non-JSON body (the ABHA card PNG, a PEM certificate); used instead of `body`. */
  bytes?: { contentType: string; data: Uint8Array | string };
  /** Extra response headers (e.g. Content-Disposition). */
  headers?: Record<string, string>;
  /** Ids only the answer carries (an ABHA txnId minted by this call), so the journal can be searched by them. */
  correlationIds?: ReadonlyArray<string>;
}

export type OperationHandler = (call: GatewayCall, ctx: SandboxContext) => HandlerResult | Promise<HandlerResult>;

export type HandlerMap = Readonly<Record<string, OperationHandler>>;
