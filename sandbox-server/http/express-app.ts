// The HTTP face of the sandbox. Gateway calls go straight from node's request to the operation table's matcher
// and the gateway (no framework in between: it is the hot path); the admin API under /sandbox and the OpenAPI
// document are an express app. Anything unmatched gets ABDM-shaped 404/405 answers.
import express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { openApiDocument } from '../../protocol/operations/openapi.js';
import { CALLBACKS } from '../../protocol/operations/table.js';
import { SANDBOX_VERSION } from '../version.js';
import { journalUnmatched } from '../gateway/gateway.js';
import type { InboundRequest, OutboundResponse } from '../gateway/http-types.js';
import { RouteMatcher } from '../gateway/route-matcher.js';
import type { Sandbox } from '../sandbox.js';
import { adminRouter } from './admin-routes.js';
import { dataPushHandler } from './data-push-route.js';
import { DATA_PUSH_PATH } from '../flows/health-information-flow.js';
import { readRawBody } from './raw-body.js';

/** Bodies above this are drained unread whatever the operation; operations set their own lower limits. */
const TRANSPORT_LIMIT_BYTES = 32 * 1024 * 1024;
const OPENAPI_PATH = '/api/hiecm/openapi.json';

/** The server's request listener: /sandbox and the OpenAPI document to express, everything else to the gateway. */
export function createRequestListener(sandbox: Sandbox): (req: IncomingMessage, res: ServerResponse) => void {
  const app = createExpressApp(sandbox);
  // The table's matcher: a map lookup for most paths, ABDM-shaped 404/405s for the rest.
  const matcher = new RouteMatcher(sandbox.gateway.operations);
  return (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0];
    if (path === OPENAPI_PATH || path === '/sandbox' || path.startsWith('/sandbox/')) {
      app(req, res);
      return;
    }
    handleGatewayCall(sandbox, matcher, req, res).catch(() => res.destroy());
  };
}

/** The admin API (`/sandbox/...`, the virtual HIU's dataPushUrl) and the OpenAPI document. */
export function createExpressApp(sandbox: Sandbox): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // Before the admin router: pushes are megabytes of raw JSON, not admin calls.
  app.post(`${DATA_PUSH_PATH}/:transactionId`, dataPushHandler(sandbox));
  app.use('/sandbox', adminRouter(sandbox));
  const openApi = JSON.stringify(openApiDocument(sandbox.gateway.operations, CALLBACKS, sandbox.ctx.config.publicUrl, SANDBOX_VERSION));
  app.get(OPENAPI_PATH, (_req, res) => {
    res.status(200).setHeader('content-type', 'application/json').end(openApi);
  });
  return app;
}

async function handleGatewayCall(sandbox: Sandbox, matcher: RouteMatcher, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const inbound = await toInbound(req, TRANSPORT_LIMIT_BYTES);
  const match = matcher.match(inbound.method, inbound.path);
  if ('operation' in match) {
    send(res, await sandbox.gateway.handle(match.operation, { ...inbound, params: match.params }));
    return;
  }
  send(res, journalUnmatched(sandbox.ctx, inbound, match.error, match.allow ? { allow: match.allow.join(', ') } : {}));
}

/** The transport-free request the gateway handles; path parameters come from the operation table's matcher. */
export async function toInbound(req: IncomingMessage, limitBytes: number): Promise<InboundRequest> {
  const raw = await readRawBody(req, limitBytes);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const query: Record<string, string> = {};
  if (q !== -1) {
    for (const [name, value] of Object.entries(parseQuery(url.slice(q + 1)))) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') query[name] = first;
    }
  }
  return { method: req.method ?? 'GET', path: q === -1 ? url : url.slice(0, q), url, query, params: {}, headers, body: raw.text, bodyTooLarge: raw.tooLarge };
}

export function send(res: ServerResponse, out: OutboundResponse): void {
  res.writeHead(out.status, out.headers);
  res.end(out.body);
}
