// Matches the run's traffic to tests by ABDM ids: an exchange belongs to every test that owns one of its ids
// (REQUEST-ID, response.requestId, transactionId, consent ids) or cites it as evidence. Traffic that matches
// no test is listed with the reason, so a misrouted answer or a wrong path is visible, not lost.
import { operationById } from '../../protocol/operations/table.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import { pathOf } from '../checks/exchange-line.js';

export interface TestClaims {
  testId: string;
  owned: ReadonlySet<string>;
  evidence: ReadonlySet<number>;
}

export interface UnmatchedExchange {
  exchangeId: number;
  reason: string;
}

export interface TrafficMatch {
  /** Exchange id → ids of the tests it belongs to. */
  byExchange: Map<number, string[]>;
  unmatched: UnmatchedExchange[];
}

const HOUSEKEEPING = new Set(['gateway.sessions', 'gateway.bridge-url', 'gateway.certs', 'gateway.v05-certs', 'realm.certs', 'gateway.openid-configuration', 'gateway.v05-openid-configuration', 'realm.openid-configuration', 'gateway.bridge-services', 'gateway.bridge-service', 'gateway.providers', 'gateway.provider']);

/** Matches each exchange to tests; pure. */
export function matchTraffic(exchanges: ReadonlyArray<Exchange>, claims: ReadonlyArray<TestClaims>): TrafficMatch {
  const byExchange = new Map<number, string[]>();
  const unmatched: UnmatchedExchange[] = [];
  for (const exchange of exchanges) {
    const tests = claims
      .filter((c) => c.evidence.has(exchange.id) || exchange.correlationIds.some((id) => c.owned.has(id)))
      .map((c) => c.testId);
    if (tests.length > 0) byExchange.set(exchange.id, tests);
    else unmatched.push({ exchangeId: exchange.id, reason: unmatchedReason(exchange) });
  }
  return { byExchange, unmatched };
}

/** Why an exchange matches no test, in words a partner developer can act on. */
export function unmatchedReason(e: Exchange): string {
  if (e.direction === 'outbound') {
    return `the sandbox called the partner (${e.operationId ?? 'unknown call'}) outside any test: another actor, or POST /sandbox/callbacks during the run`;
  }
  if (!e.operationId) return `no ABDM operation at ${e.method} ${pathOf(e.url)} (the gateway answered ${e.status ?? 'nothing'}); check the path`;
  const operation = operationById(e.operationId);
  if (operation?.answers && e.errorCode === 'ABDM-2500') {
    return `answers a REQUEST-ID the gateway never sent to this partner (${e.errorMessage ?? 'no mapping'}); copy the REQUEST-ID header of the call being answered`;
  }
  if (e.answers !== undefined) return `answers gateway call #${e.answers}, which no test of this run made`;
  if (HOUSEKEEPING.has(e.operationId)) return `${e.operationId} is housekeeping (sessions, bridge URL, certificates, lookups) that no selected test grades`;
  const ids = e.correlationIds.filter((id) => id !== e.requestId);
  if (ids.length === 0) return 'carries no ABDM id besides its own REQUEST-ID, so no test can claim it';
  return `carries ABDM ids (${ids.join(', ')}) that no test of this run owns`;
}
