// The M2 admin routes (`/sandbox/...`): the virtual patient's discovery, linking, profile share and consents,
// and the virtual HIU's health-information requests. Thin: each calls a flow service. With `?wait=true` the
// answer is the step's outcome event (or 202 with the ids when it takes longer than ten seconds).
import express, { type Request, type Response, type Router } from 'express';
import { consentView, discoveryView, linksView, transferView, waitForFlowEvent } from '../admin/hip-flow-admin.js';
import type { SandboxContext } from '../context.js';
import { expireConsent, grantConsent, revokeConsent, type GrantConsentInput } from '../flows/consent-flow.js';
import { startDiscovery, type PresentedPatient } from '../flows/discovery-flow.js';
import type { FlowEventType } from '../flows/flow-events.js';
import { requestHealthInformation, type HealthInformationRequestInput } from '../flows/health-information-flow.js';
import { shareProfile } from '../flows/profile-share-flow.js';
import { confirmLink, initLink } from '../flows/user-linking-flow.js';
import type { Sandbox } from '../sandbox.js';
import { route, stringParams } from './route-adapter.js';

type Body = Record<string, unknown>;

function bodyOf(req: Request): Body {
  return req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Body) : {};
}

/** Answers 202 with the step's ids, or with `?wait=true` 200 with its outcome event once it arrives. */
async function started(ctx: SandboxContext, req: Request, res: Response, ids: object, outcome: FlowEventType, correlationId: string): Promise<void> {
  if (stringParams(req.query).wait !== 'true') {
    res.status(202).json(ids);
    return;
  }
  const event = await waitForFlowEvent(ctx, outcome, correlationId);
  if (event) res.status(200).json({ ...ids, outcome: event });
  else res.status(202).json({ ...ids, outcome: null, note: `no ${outcome} within 10 s; watch GET /sandbox/events?correlation=${correlationId}` });
}

export function hipFlowRouter(sandbox: Sandbox): Router {
  const { ctx } = sandbox;
  const router = express.Router();
  const abha = (req: Request) => String(req.params.abhaAddress);

  router.post('/patients/:abhaAddress/discover', route(async (req, res) => {
    const b = bodyOf(req);
    const step = startDiscovery(ctx, {
      abhaAddress: abha(req),
      hipId: b.hipId as string,
      unverifiedIdentifiers: b.unverifiedIdentifiers as Array<{ type: string; value: string }> | undefined,
      presented: b.presented as PresentedPatient | undefined,
    });
    await started(ctx, req, res, step, 'discovery.completed', step.transactionId);
  }));
  router.get('/discoveries/:transactionId', route((req) => discoveryView(ctx, String(req.params.transactionId))));
  router.post('/patients/:abhaAddress/link', route(async (req, res) => {
    const b = bodyOf(req);
    const step = initLink(ctx, { abhaAddress: abha(req), transactionId: b.transactionId as string, careContexts: b.careContexts as string[] | undefined });
    await started(ctx, req, res, step, 'link.initiated', step.requestId);
  }));
  router.post('/patients/:abhaAddress/link/confirm', route(async (req, res) => {
    const b = bodyOf(req);
    const step = confirmLink(ctx, { abhaAddress: abha(req), linkRefNumber: b.linkRefNumber as string, otp: b.otp as string | undefined, wrongOtp: b.wrongOtp === true });
    await started(ctx, req, res, step, 'link.confirmed', step.requestId);
  }));
  router.get('/patients/:abhaAddress/links', route((req) => linksView(ctx, abha(req), stringParams(req.query).hipId)));
  router.post('/patients/:abhaAddress/share-profile', route(async (req, res) => {
    const b = bodyOf(req);
    const step = shareProfile(ctx, { abhaAddress: abha(req), hipId: b.hipId as string, counterId: b.counterId as string });
    await started(ctx, req, res, step, 'profile.shared', step.requestId);
  }));

  router.post('/consents', route(async (req, res) => {
    const notified = grantConsent(ctx, bodyOf(req) as unknown as GrantConsentInput);
    await started(ctx, req, res, notified, 'consent.acknowledged', notified.requestId);
  }));
  router.get('/consents/:consentId', route((req) => consentView(ctx, String(req.params.consentId))));
  router.post('/consents/:consentId/revoke', route(async (req, res) => {
    const notified = revokeConsent(ctx, String(req.params.consentId));
    await started(ctx, req, res, notified, 'consent.acknowledged', notified.requestId);
  }));
  router.post('/consents/:consentId/expire', route(async (req, res) => {
    const notified = expireConsent(ctx, String(req.params.consentId));
    await started(ctx, req, res, notified, 'consent.acknowledged', notified.requestId);
  }));

  router.post('/health-information/request', route(async (req, res) => {
    const requested = requestHealthInformation(ctx, bodyOf(req) as unknown as HealthInformationRequestInput);
    await started(ctx, req, res, requested, 'transfer.notified', requested.transactionId);
  }));
  router.get('/health-information/:transactionId', route((req) => transferView(ctx, String(req.params.transactionId))));
  return router;
}
