// The admin API over HTTP (`/sandbox/...`). Thin: each route calls the transport-free admin API.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { AbdmError, errors } from '../../protocol/errors.js';
import {
  decryptedEntriesOf,
  exchangeById,
  facilityLookup,
  journalPage,
  parseJournalQuery,
  partnerView,
  patientLookup,
  registeredView,
  triggerCallback,
} from '../admin/admin-api.js';
import { signingKeyView, signManifestRequest } from '../admin/report-signing-api.js';
import type { SandboxEvent } from '../events/event-bus.js';
import type { RegisterPartnerInput } from '../partners/partner-registry.js';
import type { Sandbox } from '../sandbox.js';
import { abhaAdminRouter } from './abha-admin-routes.js';
import { SANDBOX_VERSION } from '../version.js';
import { hipFlowRouter } from './hip-flow-routes.js';
import { hiuFlowRouter } from './hiu-flow-routes.js';
import { route, stringParams } from './route-adapter.js';

export function adminRouter(sandbox: Sandbox): Router {
  const { ctx } = sandbox;
  const router = express.Router();
  router.use(express.json({ limit: '1mb', type: () => true }));
  // Malformed or oversized JSON sent to the admin API gets the same error shape as the gateway's.
  router.use((err: { type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const error =
      err.type === 'entity.too.large' ? errors.bodyTooLarge(1024 * 1024) : errors.invalidBody(`the body is not valid JSON (${err.message ?? 'parse error'})`);
    res.status(error.httpStatus).json(error.toBody());
  });

  router.get('/health', route(() => ({
    status: 'UP',
    version: SANDBOX_VERSION,
    seed: ctx.config.seed,
    population: ctx.world.options.population,
    facilities: ctx.world.options.facilityCount,
    professionals: ctx.world.options.professionalCount,
    referenceDate: ctx.world.options.referenceDate,
    publicUrl: ctx.config.publicUrl,
    cmId: ctx.config.cmId,
  })));

  router.get('/partners', route(() => ({ partners: ctx.partners.clients().map(partnerView) })));
  router.post('/partners', route(async (req, res) => {
    const body = (req.body ?? {}) as Partial<RegisterPartnerInput>;
    if (typeof body !== 'object' || Array.isArray(body)) throw errors.invalidBody('the body must be a JSON object {role, serviceId, clientId?, clientSecret?}');
    const registered = await ctx.partners.register({ role: body.role as RegisterPartnerInput['role'], serviceId: body.serviceId as string, clientId: body.clientId, clientSecret: body.clientSecret, name: body.name });
    res.status(registered.createdClient || registered.createdService ? 201 : 200).json(registeredView(registered));
  }));
  router.get('/partners/:clientId', route((req) => {
    const client = ctx.partners.client(String(req.params.clientId));
    if (!client) throw errors.noDataFound(`no client ${String(req.params.clientId)}`);
    return partnerView(client);
  }));

  router.get('/journal', route((req) => journalPage(ctx, parseJournalQuery(stringParams(req.query)))));
  router.get('/journal/:id', route((req) => exchangeById(ctx, String(req.params.id))));
  router.get('/journal/:id/decrypted', route((req) => decryptedEntriesOf(ctx, String(req.params.id))));

  router.post('/callbacks', route(async (req, res) => {
    const result = await triggerCallback(ctx, (req.body ?? {}) as Record<string, unknown>);
    res.status(result.outcome ? 200 : 202).json(result);
  }));

  router.get('/patients/:id', route((req) => patientLookup(ctx, String(req.params.id))));
  router.get('/facilities/:id', route((req) => facilityLookup(ctx, String(req.params.id))));

  router.get('/signing-key', route(() => signingKeyView(ctx)));
  router.post('/report-signatures', route((req) => signManifestRequest(ctx, req.body)));

  router.get('/events', (req, res) => streamEvents(sandbox, stringParams(req.query), req, res));
  router.use(abhaAdminRouter(sandbox, route));
  router.use(hipFlowRouter(sandbox));
  router.use(hiuFlowRouter(sandbox));

  router.use(route((req) => {
    throw new AbdmError('404', 404, 'Runtime Error', 'status-report', [], `No matching resource found for given API Request: ${req.method} /sandbox${req.path}`);
  }));
  return router;
}

/** Server-sent events: every journaled exchange and domain event as it happens, optionally filtered. */
function streamEvents(sandbox: Sandbox, params: Record<string, string | undefined>, req: Request, res: Response): void {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream');
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('connection', 'keep-alive');
  res.flushHeaders();
  res.write(': abdm-sandbox event stream\nretry: 2000\n\n');
  const wanted = (e: SandboxEvent) =>
    (!params.correlation || e.correlation.includes(params.correlation)) &&
    (!params.type || e.type === params.type || e.type.startsWith(`${params.type}.`)) &&
    (!params.client || e.data.clientId === params.client);
  const unsubscribe = sandbox.ctx.events.subscribe((event) => {
    if (wanted(event)) res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
