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
import { readRawBody } from './raw-body.js';

/** Bodies above this are drained unread whatever the operation; operations set their own lower limits. */
const TRANSPORT_LIMIT_BYTES = 32 * 1024 * 1024;

export function createExpressApp(sandbox: Sandbox): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.use('/sandbox', adminRouter(sandbox));
  const openApi = JSON.stringify(openApiDocument(sandbox.gateway.operations, CALLBACKS, sandbox.ctx.config.publicUrl, SANDBOX_VERSION));
  app.get('/api/hiecm/openapi.json', (_req, res) => {
    res.status(200).setHeader('content-type', 'application/json').end(openApi);
  });

  for (const operation of sandbox.gateway.operations) {
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'patch';
    app[method](operation.path, async (req: Request, res: Response) => {
      const inbound = await toInbound(req, TRANSPORT_LIMIT_BYTES);
      send(res, await sandbox.gateway.handle(operation, inbound));
    });
  }

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
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.params ?? {})) if (typeof value === 'string') params[name] = value;
  return { method: req.method, path: req.path, url: req.originalUrl, query, params, headers, body: raw.text, bodyTooLarge: raw.tooLarge };
}

export function send(res: Response, out: OutboundResponse): void {
  res.status(out.status);
  for (const [name, value] of Object.entries(out.headers)) res.setHeader(name, value);
  if (out.body === undefined) res.end();
  else res.end(out.body);
}
