// What happens to a HIU's consent request after it is made: the patient's policy is scheduled once the request
// reaches them (decide now or later, or let it lapse), a posted decision replaces it, a granted consent is revoked
// or expires (by hand, by the policy, or by the sandbox clock at dataEraseAt), and each change is told to the
// partner HIPs holding an artefact and to the HIU (spec §6.4, §7, §12.3 #6). Timed steps run from one sweep.
import { AbdmError, errors } from '../../protocol/errors.js';
import { nowIso, type SandboxContext } from '../context.js';
import { notifyConsentToHip } from '../flows/consent-flow.js';
import type { ConsentRequestRecord } from '../store/consent-request-repository.js';
import { parseConsentPolicy, type ConsentPolicy } from './consent-policy.js';
import { notifyHiu } from './hiu-consent-notify.js';
import { applyDecision, decided, lapse, policyOfRequest } from './patient-decision.js';

/** A consent request by id; a 404 naming it when there is none. */
export function consentRequestById(ctx: SandboxContext, consentRequestId: string): ConsentRequestRecord {
  const request = ctx.store.flows.consentRequests.get(consentRequestId);
  if (!request) throw errors.noDataFound(`no consent request ${consentRequestId} in this sandbox`);
  return request;
}

/** The request reached the patient (its on-init went out): their policy takes its course. */
export function requestReachedPatient(ctx: SandboxContext, consentRequestId: string): void {
  const request = ctx.store.flows.consentRequests.get(consentRequestId);
  if (!request || request.status !== 'REQUESTED') return;
  schedulePolicy(ctx, request, policyOfRequest(request));
}

/**
 * Decides one request by `input` (a consent policy: approve, possibly narrowed; deny; expire), replacing the
 * patient's policy for it: at once unless the policy says to wait. Only a REQUESTED request can be decided.
 */
export function decideConsentRequest(ctx: SandboxContext, consentRequestId: string, input: unknown): ConsentRequestRecord {
  const request = consentRequestById(ctx, consentRequestId);
  const policy = parseConsentPolicy(input);
  if (request.status !== 'REQUESTED') throw outOfOrder(`consent request ${consentRequestId} is ${request.status}; only a REQUESTED one can be decided`);
  ctx.store.flows.consentRequests.setPolicy(consentRequestId, policy, nowIso(ctx));
  schedulePolicy(ctx, { ...request, policy }, policy);
  return consentRequestById(ctx, consentRequestId);
}

/** The patient revokes a granted consent: every artefact of it, told to partner HIPs and the HIU (REVOKED). */
export function revokeConsentRequest(ctx: SandboxContext, consentRequestId: string): ConsentRequestRecord {
  const request = consentRequestById(ctx, consentRequestId);
  if (request.status !== 'GRANTED' || !ctx.store.flows.consentRequests.transition(consentRequestId, 'GRANTED', 'REVOKED', nowIso(ctx))) {
    throw new AbdmError('ABDM-1112', 409, `Consent artefact invalid or expired: consent request ${consentRequestId} is ${request.status}, not GRANTED`);
  }
  endArtefacts(ctx, request, 'REVOKED', ctx.store.flows.consentRequests.artefacts(consentRequestId).map((a) => a.consentId));
  return consentRequestById(ctx, consentRequestId);
}

/** Expires a request now: an undecided one lapses; a granted one's artefacts expire before their dataEraseAt. */
export function expireConsentRequest(ctx: SandboxContext, consentRequestId: string): ConsentRequestRecord {
  const request = consentRequestById(ctx, consentRequestId);
  if (request.status === 'REQUESTED') lapse(ctx, request);
  else if (request.status === 'GRANTED' && ctx.store.flows.consentRequests.transition(consentRequestId, 'GRANTED', 'EXPIRED', nowIso(ctx))) {
    endArtefacts(ctx, request, 'EXPIRED', ctx.store.flows.consentRequests.artefacts(consentRequestId).map((a) => a.consentId));
  } else throw new AbdmError('ABDM-1112', 409, `Consent artefact invalid or expired: consent request ${consentRequestId} is ${request.status}; only a REQUESTED or GRANTED one can expire`);
  return consentRequestById(ctx, consentRequestId);
}

/** Runs every timed step that is due by the sandbox clock: decisions, lapses, revocations, artefact expiries. */
export function runDueConsentActions(ctx: SandboxContext): void {
  const now = nowIso(ctx);
  const requests = ctx.store.flows.consentRequests;
  for (const request of requests.dueDecisions(now)) {
    guarded(request, () => {
      requests.schedule(request.consentRequestId, { decideAt: null }, now);
      applyDecision(ctx, request, policyOfRequest(request));
    });
  }
  for (const request of requests.dueLapses(now)) guarded(request, () => lapse(ctx, request));
  for (const request of requests.dueRevocations(now)) {
    guarded(request, () => {
      requests.schedule(request.consentRequestId, { revokeAt: null }, now);
      if (requests.transition(request.consentRequestId, 'GRANTED', 'REVOKED', now)) endArtefacts(ctx, request, 'REVOKED', requests.artefacts(request.consentRequestId).map((a) => a.consentId));
    });
  }
  expireDueArtefacts(ctx);
}

/** Artefacts of HIU consent requests whose dataEraseAt has passed expire, and their requests with them. */
function expireDueArtefacts(ctx: SandboxContext): void {
  const byRequest = new Map<string, string[]>();
  for (const consent of ctx.store.flows.consents.dueForExpiry(nowIso(ctx))) {
    const artefact = ctx.store.flows.consentRequests.artefact(consent.consentId);
    if (!artefact) continue; // M2's own consents expire in M2's sweep
    byRequest.set(artefact.consentRequestId, [...(byRequest.get(artefact.consentRequestId) ?? []), consent.consentId]);
  }
  for (const [consentRequestId, consentIds] of byRequest) {
    const request = ctx.store.flows.consentRequests.get(consentRequestId)!;
    guarded(request, () => {
      ctx.store.flows.consentRequests.transition(consentRequestId, 'GRANTED', 'EXPIRED', nowIso(ctx));
      endArtefacts(ctx, request, 'EXPIRED', consentIds);
    });
  }
}

/** Moves the artefacts still GRANTED to `to`, tells their partner HIPs, then the HIU, and announces it. */
function endArtefacts(ctx: SandboxContext, request: ConsentRequestRecord, to: 'REVOKED' | 'EXPIRED', consentIds: ReadonlyArray<string>): void {
  const ended: string[] = [];
  for (const consentId of consentIds) {
    if (!ctx.store.flows.consents.transition(consentId, 'GRANTED', to, nowIso(ctx))) continue;
    ended.push(consentId);
    const artefact = ctx.store.flows.consentRequests.artefact(consentId);
    const consent = ctx.store.flows.consents.get(consentId)!;
    // Only a HIP that was told of the grant is told of the end; one deregistered meanwhile cannot be.
    if (artefact?.hipMode === 'partner' && ctx.partners.service(consent.hipId)) notifyConsentToHip(ctx, consent, to);
  }
  if (ended.length === 0) return;
  decided(ctx, request, to, ended.map((consentId) => ({ consentId })), {});
  notifyHiu(ctx, request, to, ended);
}

function schedulePolicy(ctx: SandboxContext, request: ConsentRequestRecord, policy: ConsentPolicy): void {
  const now = ctx.clock.now();
  const after = (seconds: number | undefined) => new Date(now + (seconds ?? 0) * 1000).toISOString();
  const change =
    policy.decision === 'approve' || policy.decision === 'deny'
      ? { decideAt: after(policy.decideAfterSeconds), lapseAt: null }
      : policy.decision === 'expire'
        ? { decideAt: null, lapseAt: after(policy.expireAfterSeconds) }
        : { decideAt: null, lapseAt: null };
  ctx.store.flows.consentRequests.schedule(request.consentRequestId, change, nowIso(ctx));
  runDueConsentActions(ctx);
}

/** One request's failure must not stop the sweep for the others. */
function guarded(request: ConsentRequestRecord, step: () => void): void {
  try {
    step();
  } catch (err) {
    console.error(`abdm-sandbox: consent request ${request.consentRequestId} could not be advanced:`, err);
  }
}

function outOfOrder(detail: string): AbdmError {
  return new AbdmError('ABDM-2406', 409, `Calls out of order: ${detail}`);
}
