// Journal exchanges for unit tests of the checks: a partner's call with sensible defaults, overridable.
import type { Exchange } from '../../sandbox-server/journal/exchange.js';

let nextId = 1;

/** An inbound call to on-discover with good headers, at `startedAt`; override any field. */
export function partnerCall(overrides: Partial<Exchange> & { headers?: Record<string, string | undefined> } = {}): Exchange {
  const { headers, ...rest } = overrides;
  const startedAt = rest.startedAt ?? '2026-01-31T10:00:00.000Z';
  const requestHeaders: Record<string, string> = {
    'request-id': `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    timestamp: startedAt,
    'x-cm-id': 'sbx',
    authorization: 'Bearer [redacted sha256:aaaaaaaa]',
  };
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) delete requestHeaders[name];
    else requestHeaders[name] = value;
  }
  return {
    id: nextId++,
    direction: 'inbound',
    operationId: 'uil.on-discover',
    method: 'POST',
    url: '/api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover',
    clientId: 'CLIENT_1',
    requestHeaders,
    status: 202,
    startedAt,
    durationMs: 1,
    correlationIds: [],
    findings: [],
    ...rest,
  };
}

/** A successful session call that issued `token` (a fingerprint) for `expiresIn` seconds. */
export function sessionCall(token: string, startedAt: string, expiresIn = 1200): Exchange {
  return partnerCall({
    operationId: 'gateway.sessions',
    url: '/api/hiecm/gateway/v3/sessions',
    status: 200,
    startedAt,
    headers: { authorization: undefined },
    responseBody: JSON.stringify({ accessToken: token, expiresIn, refreshExpiresIn: 1800, refreshToken: '[redacted sha256:ffffffff]', tokenType: 'bearer' }),
  });
}
