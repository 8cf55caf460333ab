// Grades how a partner keeps its gateway session (spec §2.1, §12.2 #1): every call made with a token that was
// still valid, which a partner gets right by refreshing before `expiresIn`. The journal redacts tokens to
// fingerprints, the same for the session answer and the Authorization header, so each call maps to the session
// that issued its token. Pure functions over journal exchanges.
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import { exchangeLine } from './exchange-line.js';
import type { Violation } from './header-checks.js';

export interface IssuedSession {
  exchange: Exchange;
  /** The access token's fingerprint, as the journal shows it. */
  token: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export interface SessionRefreshGrade {
  sessions: IssuedSession[];
  /** False when the run cannot show refresh behaviour; `reason` says why. */
  observable: boolean;
  reason?: string;
  violations: Violation[];
}

/** The sessions the gateway issued (successful `gateway.sessions` calls), oldest first. */
export function issuedSessions(exchanges: ReadonlyArray<Exchange>): IssuedSession[] {
  const out: IssuedSession[] = [];
  for (const e of exchanges) {
    if (e.direction !== 'inbound' || e.operationId !== 'gateway.sessions' || e.status !== 200 || !e.responseBody) continue;
    try {
      const body = JSON.parse(e.responseBody) as { accessToken?: unknown; expiresIn?: unknown };
      if (typeof body.accessToken !== 'string' || typeof body.expiresIn !== 'number') continue;
      const issuedAtMs = Date.parse(e.startedAt);
      out.push({ exchange: e, token: body.accessToken, issuedAtMs, expiresAtMs: issuedAtMs + body.expiresIn * 1000 });
    } catch {
      // not a session answer
    }
  }
  return out.sort((a, b) => a.issuedAtMs - b.issuedAtMs);
}

/** The token fingerprint of a call's `Authorization: Bearer ...` header. */
function bearerOf(e: Exchange): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(e.requestHeaders.authorization ?? '');
  return m?.[1];
}

/**
 * Every call of the run [runStartMs, runEndMs] used a token that was still valid (sessions issued before the run
 * count, to map tokens). Observable only when the run outlived a token the partner had (a call after its expiry,
 * or a refresh): a run shorter than a token's life shows nothing about refreshing.
 */
export function gradeSessionRefresh(exchanges: ReadonlyArray<Exchange>, runStartMs: number, runEndMs: number): SessionRefreshGrade {
  const all = issuedSessions(exchanges);
  const byToken = new Map(all.map((s) => [s.token, s]));
  // Sessions whose life overlaps the run: the ones the partner could use in it.
  const sessions = all.filter((s) => s.expiresAtMs > runStartMs && s.issuedAtMs <= runEndMs);
  const calls = exchanges.filter((e) => e.direction === 'inbound' && e.operationId !== 'gateway.sessions' && bearerOf(e) && Date.parse(e.startedAt) >= runStartMs);
  const violations: Violation[] = [];
  let callsAfterAnExpiry = 0;
  const firstExpiry = sessions.length > 0 ? Math.min(...sessions.map((s) => s.expiresAtMs)) : undefined;
  for (const e of calls) {
    const at = Date.parse(e.startedAt);
    if (firstExpiry !== undefined && at > firstExpiry) callsAfterAnExpiry += 1;
    const session = byToken.get(bearerOf(e)!);
    if (session && at > session.expiresAtMs) {
      violations.push({ exchangeId: e.id, message: `${exchangeLine(e)}: used the token of session #${session.exchange.id} ${Math.round((at - session.expiresAtMs) / 1000)} s after it expired` });
    } else if (e.status === 401 && /expired/i.test(e.errorMessage ?? '')) {
      violations.push({ exchangeId: e.id, message: `${exchangeLine(e)}: the gateway refused an expired token` });
    }
  }
  if (violations.length > 0) return { sessions, observable: true, violations };
  if (sessions.length === 0) return { sessions, observable: false, reason: 'the partner held no session during the run', violations };
  const outlived = firstExpiry !== undefined && runEndMs > firstExpiry;
  if (outlived && (sessions.length > 1 || callsAfterAnExpiry > 0)) return { sessions, observable: true, violations };
  const first = sessions[0];
  const reason = outlived
    ? 'no call needed a token after the first one expired, and the partner did not refresh'
    : `the partner's token was valid until ${Math.round((first.expiresAtMs - runEndMs) / 1000)} s after the run ended (a token lives ${Math.round((first.expiresAtMs - first.issuedAtMs) / 1000)} s)`;
  return { sessions, observable: false, reason, violations };
}
