// MSW handlers for the same operations, so a partner's own tests can call https://dev.abdm.gov.in/api/hiecm/...
// in-process: `const abdm = await createAbdmHandlers(); setupServer(...abdm.handlers)`.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { journalUnmatched } from '../gateway/gateway.js';
import type { InboundRequest, OutboundResponse } from '../gateway/http-types.js';
import { RouteMatcher } from '../gateway/route-matcher.js';
import type { RegisterPartnerInput, RegisteredPartner } from '../partners/partner-registry.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../sandbox.js';
import type { Exchange } from '../journal/exchange.js';
import type { JournalQuery } from '../store/journal-repository.js';

export { DEMO_HIP, DEMO_HIU } from '../partners/demo-partners.js';

export interface AbdmMswOptions extends SandboxOptions {
  /** The host partners' code calls; defaults to the real sandbox host. */
  baseUrl?: string;
  /** The ABHA service's host (spec §1): its /abha/api/v3 calls answer there too. */
  abhaBaseUrl?: string;
  /** The legacy Health-ID host (spec §1): its /api/v1 and /api/v2 calls answer there too. */
  healthIdBaseUrl?: string;
}

export interface AbdmMsw {
  /** Pass to `setupServer(...)` (msw/node) or `server.use(...)`. */
  handlers: HttpHandler[];
  sandbox: Sandbox;
  /** Registers a partner client and service, as `POST /sandbox/partners` does. */
  registerPartner(input: RegisterPartnerInput): Promise<RegisteredPartner>;
  /** The journal: what the partner's code sent and what the gateway sent back. */
  journal(query?: JournalQuery): Exchange[];
  close(): Promise<void>;
}

export async function createAbdmHandlers(options: AbdmMswOptions = {}): Promise<AbdmMsw> {
  const { baseUrl = 'https://dev.abdm.gov.in', abhaBaseUrl = 'https://abhasbx.abdm.gov.in', healthIdBaseUrl = 'https://healthidsbx.abdm.gov.in', ...sandboxOptions } = options;
  const base = baseUrl.replace(/\/+$/, '');
  const abhaHost = abhaBaseUrl.replace(/\/+$/, '');
  const healthIdHost = healthIdBaseUrl.replace(/\/+$/, '');
  const sandbox = await createSandbox({ inMemory: true, publicUrl: base, ...sandboxOptions });
  const matcher = new RouteMatcher(sandbox.gateway.operations);
  // ABHA and legacy Health-ID calls answer on their own hosts as well as on the gateway's.
  const hostsOf = (path: string) => [base, ...(path.startsWith('/abha/') ? [abhaHost] : /^\/api\/v[12]\//.test(path) ? [healthIdHost] : [])];

  const handlers: HttpHandler[] = sandbox.gateway.operations.flatMap((operation) => {
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'patch';
    return hostsOf(operation.path).map((host) =>
      http[method](`${host}${operation.path}`, async ({ request, params }) => toResponse(await sandbox.gateway.handle(operation, await toInbound(request, stringParams(params))))),
    );
  });
  // Anything else on these hosts gets the gateway's 404/405, never a real network call.
  for (const host of new Set([base, abhaHost, healthIdHost])) {
    handlers.push(
      http.all(`${host}/*`, async ({ request }) => {
        const inbound = await toInbound(request, {});
        const match = matcher.match(inbound.method, inbound.path);
        if ('operation' in match) return toResponse(await sandbox.gateway.handle(match.operation, { ...inbound, params: match.params }));
        return toResponse(journalUnmatched(sandbox.ctx, inbound, match.error, match.allow ? { allow: match.allow.join(', ') } : {}));
      }),
    );
  }

  return {
    handlers,
    sandbox,
    registerPartner: (input) => sandbox.ctx.partners.register(input),
    journal: (query = {}) => sandbox.ctx.journal.query(query),
    close: () => sandbox.close(),
  };
}

function stringParams(params: Record<string, string | readonly string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') out[k] = v;
  return out;
}

async function toInbound(request: Request, params: Record<string, string>): Promise<InboundRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  return {
    method: request.method,
    path: url.pathname,
    url: url.pathname + url.search,
    query: Object.fromEntries(url.searchParams),
    params,
    headers,
    body: text === '' ? undefined : text,
  };
}

function toResponse(out: OutboundResponse): Response {
  return new HttpResponse(out.body ?? null, { status: out.status, headers: out.headers });
}
