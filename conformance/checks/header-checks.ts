// Grades the standard v3 headers on every call a partner made (spec §2.4, §12.2 #2), from the journal: each
// header on its own (the gateway stops at the first bad header; a grade must see them all), and the gateway's
// own refusals counted too. Pure functions over journal exchanges.
import { isUuid, parseTimestamp, timestampOutsideWindow, WIRE_NAME, type TimestampWindow } from '../../protocol/headers.js';
import type { RoutingHeader } from '../../protocol/operations/operation.js';
import { operationById } from '../../protocol/operations/table.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import { exchangeLine } from './exchange-line.js';

export interface Violation {
  exchangeId: number;
  message: string;
}

export interface HeaderGrade {
  /** How many calls the rule applied to. */
  graded: number;
  violations: Violation[];
}

const violation = (e: Exchange, message: string): Violation => ({ exchangeId: e.id, message: `${exchangeLine(e)}: ${message}` });

/** The partner's calls to gateway operations that require REQUEST-ID, TIMESTAMP and X-CM-ID. */
function standardHeaderCalls(calls: ReadonlyArray<Exchange>): Exchange[] {
  return calls.filter((e) => e.direction === 'inbound' && e.operationId !== undefined && operationById(e.operationId)?.standardHeaders);
}

/** REQUEST-ID present and a UUID on every call that needs it. */
export function gradeRequestIdFormat(calls: ReadonlyArray<Exchange>): HeaderGrade {
  const graded = standardHeaderCalls(calls);
  const violations: Violation[] = [];
  for (const e of graded) {
    const value = e.requestHeaders['request-id'];
    if (value === undefined || value === '') violations.push(violation(e, 'no REQUEST-ID header'));
    else if (!isUuid(value)) violations.push(violation(e, `REQUEST-ID "${value.slice(0, 60)}" is not a UUID`));
  }
  return { graded: graded.length, violations };
}

/** A fresh REQUEST-ID on every call: none used twice in the run, and none the gateway refused as already used. */
export function gradeRequestIdReuse(calls: ReadonlyArray<Exchange>): HeaderGrade {
  const graded = calls.filter((e) => e.direction === 'inbound' && e.requestHeaders['request-id']);
  const firstUse = new Map<string, Exchange>();
  const violations: Violation[] = [];
  for (const e of [...graded].sort((a, b) => a.id - b.id)) {
    const id = e.requestHeaders['request-id'];
    const earlier = firstUse.get(id);
    if (earlier) violations.push(violation(e, `reuses REQUEST-ID ${id} of #${earlier.id}`));
    else {
      firstUse.set(id, e);
      // ABDM-1064 also answers a missing body; only the repeated-id refusal counts here.
      if (e.errorCode === 'ABDM-1064' && /already (exists|used)/i.test(e.errorMessage ?? '')) violations.push(violation(e, `the gateway refused REQUEST-ID ${id} as already used`));
    }
  }
  return { graded: graded.length, violations };
}

/** TIMESTAMP present, ISO-8601 with a zone, and inside the gateway's window at the time the call arrived. */
export function gradeTimestamp(calls: ReadonlyArray<Exchange>, window: TimestampWindow): HeaderGrade {
  const graded = standardHeaderCalls(calls);
  const violations: Violation[] = [];
  for (const e of graded) {
    const value = e.requestHeaders.timestamp;
    if (value === undefined || value === '') {
      violations.push(violation(e, 'no TIMESTAMP header'));
      continue;
    }
    const parsed = parseTimestamp(value);
    if (typeof parsed === 'string') {
      violations.push(violation(e, `TIMESTAMP ${parsed}`));
      continue;
    }
    const outside = timestampOutsideWindow(parsed.ms, Date.parse(e.startedAt), window);
    if (outside) violations.push(violation(e, outside));
    else if (e.errorCode === 'ABDM-2402' || e.errorCode === 'ABDM-1016') violations.push(violation(e, `the gateway refused the TIMESTAMP: ${e.errorMessage ?? e.errorCode}`));
  }
  return { graded: graded.length, violations };
}

/** X-CM-ID present and naming the sandbox's consent manager. */
export function gradeCmId(calls: ReadonlyArray<Exchange>, cmId: string): HeaderGrade {
  const graded = standardHeaderCalls(calls);
  const violations: Violation[] = [];
  for (const e of graded) {
    const value = e.requestHeaders['x-cm-id'];
    if (value === undefined || value === '') violations.push(violation(e, 'no X-CM-ID header'));
    else if (value !== cmId) violations.push(violation(e, `X-CM-ID is "${value.slice(0, 40)}", not "${cmId}"`));
  }
  return { graded: graded.length, violations };
}

const ROUTING_REFUSALS: Record<RoutingHeader, string> = { 'x-hip-id': 'ABDM-1035', 'x-hiu-id': 'ABDM-1040' };

/** X-HIP-ID / X-HIU-ID where the operation requires it, and the gateway never refusing the one sent. */
export function gradeRoutingHeader(calls: ReadonlyArray<Exchange>, header: RoutingHeader): HeaderGrade {
  const name = WIRE_NAME[header];
  const graded = calls.filter((e) => {
    if (e.direction !== 'inbound' || !e.operationId) return false;
    const routing = operationById(e.operationId)?.routing;
    return (routing?.header === header && routing.required) || e.requestHeaders[header] !== undefined;
  });
  const violations: Violation[] = [];
  for (const e of graded) {
    const routing = operationById(e.operationId!)?.routing;
    const value = e.requestHeaders[header];
    if ((value === undefined || value === '') && routing?.header === header && routing.required) violations.push(violation(e, `no ${name} header, which ${e.operationId} requires`));
    else if (e.errorCode === ROUTING_REFUSALS[header]) violations.push(violation(e, `the gateway refused ${name} "${value}": ${e.errorMessage ?? e.errorCode}`));
  }
  return { graded: graded.length, violations };
}

/** `Authorization: Bearer <token>` on every call that needs a session token, and no token the gateway found invalid. */
export function gradeAuthorization(calls: ReadonlyArray<Exchange>): HeaderGrade {
  const graded = calls.filter((e) => e.direction === 'inbound' && e.operationId !== undefined && operationById(e.operationId)?.auth === 'bearer');
  const violations: Violation[] = [];
  for (const e of graded) {
    const value = e.requestHeaders.authorization;
    if (value === undefined || value === '') violations.push(violation(e, 'no Authorization header'));
    else if (!/^Bearer\s+\S/i.test(value)) violations.push(violation(e, 'the Authorization header is not "Bearer <accessToken>"'));
    // An expired token is the session tests' business; any other refusal means the token itself is wrong.
    else if (e.status === 401 && !/expired/i.test(e.errorMessage ?? '')) violations.push(violation(e, `the gateway refused the token: ${e.errorMessage ?? e.errorCode}`));
  }
  return { graded: graded.length, violations };
}
