// The M3 admin routes (`/sandbox/...`): how virtual patients answer consent requests (per patient, or one
// request at a time), revoking and expiring consents, how the virtual HIPs push, and views of consent requests,
// transfers and a patient's linked care contexts. Thin: each calls an HIU flow service.
import express, { type Request, type Router } from 'express';
import { careContextsView, consentRequestView, hiuTransferView, waitForHiuFlowEvent } from '../admin/hiu-flow-admin.js';
import { decideConsentRequest, expireConsentRequest, revokeConsentRequest } from '../hiu-flows/consent-lifecycle.js';
import { clearPatientConsentPolicy, consentPolicyOf, setPatientConsentPolicy } from '../hiu-flows/consent-policy.js';
import { virtualPatient } from '../flows/flow-parties.js';
import { clearVirtualHipBehaviour, EVERYONE, hipBehaviourOf, setVirtualHipBehaviour, DEFAULT_HIP_BEHAVIOUR } from '../hiu-flows/virtual-hip-behaviour.js';
import type { Sandbox } from '../sandbox.js';
import { route, stringParams } from './route-adapter.js';

export function hiuFlowRouter(sandbox: Sandbox): Router {
  const { ctx } = sandbox;
  const router = express.Router();
  const id = (req: Request) => String(req.params.consentRequestId);
  const abha = (req: Request) => String(req.params.abhaAddress);

  // With `?wait=true`, the answer waits for the HIU's acknowledgement of the notification the step caused (10 s at
  // most). Steps are synchronous and their notifications go out after this turn, so waiting after the step misses nothing.
  const step = (run: (req: Request) => { consentRequestId: string }) =>
    route(async (req) => {
      const done = run(req);
      if (stringParams(req.query).wait !== 'true') return consentRequestView(ctx, done.consentRequestId);
      const event = await waitForHiuFlowEvent(ctx, 'consent.hiuAcknowledged', done.consentRequestId);
      return { ...consentRequestView(ctx, done.consentRequestId), outcome: event ?? null };
    });

  router.get('/consent-requests/:consentRequestId', route((req) => consentRequestView(ctx, id(req))));
  router.post('/consent-requests/:consentRequestId/decide', step((req) => decideConsentRequest(ctx, id(req), req.body)));
  router.post('/consent-requests/:consentRequestId/revoke', step((req) => revokeConsentRequest(ctx, id(req))));
  router.post('/consent-requests/:consentRequestId/expire', step((req) => expireConsentRequest(ctx, id(req))));

  router.get('/patients/:abhaAddress/consent-policy', route((req) => {
    const patient = virtualPatient(ctx, abha(req));
    return { abhaAddress: patient.abhaAddress, policy: consentPolicyOf(ctx, patient.abhaAddress) };
  }));
  router.put('/patients/:abhaAddress/consent-policy', route((req) => setPatientConsentPolicy(ctx, abha(req), req.body)));
  router.delete('/patients/:abhaAddress/consent-policy', route((req) => clearPatientConsentPolicy(ctx, abha(req))));
  router.get('/patients/:abhaAddress/care-contexts', route((req) => careContextsView(ctx, abha(req))));

  router.get('/patients/:abhaAddress/virtual-hip-behaviour', route((req) => {
    const patient = virtualPatient(ctx, abha(req));
    return { scope: patient.abhaAddress, behaviour: hipBehaviourOf(ctx, patient.abhaAddress) };
  }));
  router.put('/patients/:abhaAddress/virtual-hip-behaviour', route((req) => setVirtualHipBehaviour(ctx, abha(req), req.body)));
  router.delete('/patients/:abhaAddress/virtual-hip-behaviour', route((req) => clearVirtualHipBehaviour(ctx, abha(req))));
  router.get('/virtual-hip-behaviour', route(() => ({ scope: EVERYONE, behaviour: ctx.store.flows.settings.hipBehaviour(EVERYONE) ?? DEFAULT_HIP_BEHAVIOUR })));
  router.put('/virtual-hip-behaviour', route((req) => setVirtualHipBehaviour(ctx, EVERYONE, req.body)));
  router.delete('/virtual-hip-behaviour', route(() => clearVirtualHipBehaviour(ctx, EVERYONE)));

  router.get('/hiu-transfers/:transactionId', route((req) => hiuTransferView(ctx, String(req.params.transactionId))));
  return router;
}
