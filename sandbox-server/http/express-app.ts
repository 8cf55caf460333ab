// The HTTP face of the sandbox: one express route per operation of the table, the admin API under
// /sandbox, and ABDM-shaped 404/405 answers for everything else.
import express, { type Request, type Response } from 'express';
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

export function createExpressApp(sandbox: Sandbox): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  // Before the admin router: pushes are megabytes of raw JSON, not admin calls.
  app.post(`${DATA_PUSH_PATH}/:transactionId`, dataPushHandler(sandbox));
  app.use('/sandbox', adminRouter(sandbox));
  const openApi = JSON.stringify(openApiDocument(sandbox.gateway.operations, CALLBACKS, sandbox.ctx.config.publicUrl, SANDBOX_VERSION));
  app.get('/api/hiecm/openapi.json', (_req, res) => {
    res.status(200).setHeader('content-type', 'application/json').end(openApi);
  });

  // One middleware routes every gateway call through the table's matcher (a map lookup for most paths),
  // and answers ABDM-shaped 404/405s for the rest.
  const matcher = new RouteMatcher(sandbox.gateway.operations);
  app.use(async (req: Request, res: Response) => {
    const inbound = await toInbound(req, TRANSPORT_LIMIT_BYTES);
    const match = matcher.match(req.method, req.path);
    if ('operation' in match) {
      send(res, await sandbox.gateway.handle(match.operation, { ...inbound, params: match.params }));
      return;
    }
    send(res, journalUnmatched(sandbox.ctx, inbound, match.error, match.allow ? { allow: match.allow.join(', ') } : {}));
  });
  return app;
}

export async function toInbound(req: Request, limitBytes: number): Promise<InboundRequest> {
  const raw = await readRawBody(req, limitBytes);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') query[name] = first;
  }
  // Path parameters come from the operation table's matcher, not from express.
  return { method: req.method, path: req.path, url: req.originalUrl, query, params: {}, headers, body: raw.text, bodyTooLarge: raw.tooLarge };
}

export function send(res: Response, out: OutboundResponse): void {
  res.status(out.status);
  for (const [name, value] of Object.entries(out.headers)) res.setHeader(name, value);
  if (out.body === undefined) res.end();
  else res.end(out.body);
}
