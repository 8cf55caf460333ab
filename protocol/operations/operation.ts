// The shape of one row of the operation table: everything the gateway needs to route, check and document a call.
import type { JsonSchema } from '../schemas/common.js';

/** Partner roles as the token's realm roles carry them (spec §2.2). */
export type PartnerRole = 'hip' | 'hiu';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

export type RoutingHeader = 'x-hip-id' | 'x-hiu-id';

/** User tokens the ABHA service reads from headers (spec §2.4, §4.4): X-token (user), T-token (transfer), R-token (refresh). */
export type UserTokenHeader = 'x-token' | 't-token' | 'r-token';

/**
 * Header rules beyond Authorization. HIE-CM calls need REQUEST-ID, TIMESTAMP and X-CM-ID and refuse in HIE-CM's
 * error shape (the default when an operation has no policy). ABHA calls (spec §4.2–4.4) take X-CM-ID optionally,
 * some need a user token or a transaction-id header, and refuse in ABHA's own shapes (spec §10.1).
 */
export interface HeaderPolicy {
  cmId: 'required' | 'optional';
  /** A user token the call needs; `bearer: 'required'` refuses a bare token (spec §4.4 [OBS]: X-token must carry `Bearer `). */
  userToken?: { header: UserTokenHeader; bearer: 'required' | 'optional' };
  /** Lower-case name of a header carrying the transaction id (GET suggestion's `TRANSACTION_ID`). */
  transactionHeader?: string;
  /** `abha`: refusals use ABHA's shapes (`{"loginId":"Invalid LoginId","timestamp":...}`, 900902 for a missing token). */
  errorStyle: 'hiecm' | 'abha';
}

/** A header an operation needs beyond the standard and routing ones (e.g. X-LINK-TOKEN). */
export interface OperationHeader {
  /** Lower-case name, as HEADER in headers.ts spells it. */
  name: string;
  required: boolean;
  description: string;
}

export interface DuplicateAnswerError {
  code: string;
  message: string;
}

/** A call a partner makes to the gateway (P→G). */
export interface Operation {
  /** Stable id, `<module>.<name>`: used by handlers, the journal, reports and the OpenAPI operationId. */
  id: string;
  summary: string;
  method: HttpMethod;
  /** Full path on the gateway host; `:name` marks a path parameter. */
  path: string;
  /** `bearer` = a gateway session token is required. */
  auth: 'none' | 'bearer';
  /** Roles whose tokens may call it (spec §2.2 ACL); empty for public operations. */
  callerRoles: ReadonlyArray<PartnerRole>;
  /** REQUEST-ID, TIMESTAMP and X-CM-ID are required (every v3 operation but a few public documents). */
  standardHeaders: boolean;
  /** A routing header the call must (or may) carry; when present it must name one of the caller's own services. */
  routing?: { header: RoutingHeader; required: boolean };
  /** Other headers the call must (or may) carry; a missing required one is refused with ABDM-1032. */
  headers?: ReadonlyArray<OperationHeader>;
  body?: { schema: JsonSchema; required: boolean; maxBytes?: number };
  /** For `on-*` answers: the id of the gateway callback whose REQUEST-ID this call's `response.requestId` must echo. */
  answers?: string;
  /** What a second answer to the same request gets (spec §3.3 duplicate codes). */
  duplicateAnswer?: DuplicateAnswerError;
  /** HTTP status of a successful call. */
  successStatus: 200 | 201 | 202;
  /** Header rules; absent means HIE-CM's (REQUEST-ID, TIMESTAMP and X-CM-ID required). */
  headerPolicy?: HeaderPolicy;
  /** The success body's media type when it is not JSON (the ABHA card PNG, a PEM certificate). */
  responseType?: string;
  /** Legacy operations: every answer carries deprecation headers pointing at the successor. */
  deprecated?: { successor: string };
  /** Where the spec describes it, e.g. `abdm-api.md §2.1`. */
  spec: string;
  /** OpenAPI tag. */
  tag: string;
}

/** A call the gateway makes to a partner's bridge (G→P). */
export interface CallbackDefinition {
  id: string;
  summary: string;
  /** Path appended to the partner's bridge URL. */
  path: string;
  targetRole: PartnerRole;
  routingHeader: RoutingHeader;
  /** The operation id of the partner's answer (`on-*`), when one is expected. */
  answeredBy?: string;
  spec: string;
}
