// The virtual patient's answer to a consent request (spec §6.4, §6.5, §7): approving makes one signed artefact
// per HIP holding linked care contexts the request covers (narrowed as the patient's policy says), tells partner
// HIPs (M2's consent notify) and then the HIU; denying, or letting the request lapse, tells the HIU only.
import { buildConsentDetail, narrowGrant, signConsentDetail } from '../../protocol/consent/index.js';
import { isHiType } from '../../protocol/fhir/hi-types.js';
import type { ConsentRequestBody } from '../../protocol/hiu-flows/consent-request-check.js';
import { nowIso, type SandboxContext } from '../context.js';
import { notifyConsentToHip } from '../flows/consent-flow.js';
import { virtualPatient } from '../flows/flow-parties.js';
import type { ConsentRecord } from '../store/consent-repository.js';
import type { ConsentRequestRecord } from '../store/consent-request-repository.js';
import { parseConsentPolicy, type ConsentPolicy } from './consent-policy.js';
import { notifyHiu } from './hiu-consent-notify.js';
import { emitHiuFlowEvent } from './hiu-flow-events.js';
import { careContextsByHip, type HipCareContexts } from './patient-care-contexts.js';

/** What a granted request produced, one artefact per HIP. */
export interface GrantedArtefact {
  consentId: string;
  hipId: string;
  hipMode: 'virtual' | 'partner';
  careContexts: string[];
}

/** Grants or denies the request now, as `policy` (approve or deny) says. */
export function applyDecision(ctx: SandboxContext, request: ConsentRequestRecord, policy: ConsentPolicy): void {
  if (policy.decision === 'approve') grant(ctx, request, policy);
  else if (policy.decision === 'deny') deny(ctx, request, policy.reason ?? 'The patient denied the consent request');
}

/** The request lapses undecided: EXPIRED, no artefacts. */
export function lapse(ctx: SandboxContext, request: ConsentRequestRecord): void {
  const reason = 'The patient did not act on the consent request before it expired';
  if (!ctx.store.flows.consentRequests.transition(request.consentRequestId, 'REQUESTED', 'EXPIRED', nowIso(ctx), reason)) return;
  decided(ctx, request, 'EXPIRED', [], { reason });
  notifyHiu(ctx, request, 'EXPIRED', [], reason);
}

function deny(ctx: SandboxContext, request: ConsentRequestRecord, reason: string): void {
  if (!ctx.store.flows.consentRequests.transition(request.consentRequestId, 'REQUESTED', 'DENIED', nowIso(ctx), reason)) return;
  decided(ctx, request, 'DENIED', [], { reason });
  notifyHiu(ctx, request, 'DENIED', [], reason);
}

function grant(ctx: SandboxContext, request: ConsentRequestRecord, policy: ConsentPolicy): void {
  const consent = request.consent as unknown as ConsentRequestBody;
  const now = ctx.clock.now();
  const permission = narrowGrant(
    { hiTypes: consent.hiTypes, dateRange: consent.permission.dateRange, dataEraseAt: consent.permission.dataEraseAt },
    {
      hiTypes: policy.hiTypes,
      dateRange: policy.dateRange,
      dataEraseAt: policy.expireAfterSeconds !== undefined ? new Date(now + policy.expireAfterSeconds * 1000).toISOString() : undefined,
    },
  );
  if ('refused' in permission) return deny(ctx, request, `The patient shares nothing of what was asked: ${permission.refused}`);
  const hips = coveredHips(ctx, request, consent, policy, permission.hiTypes);
  if (hips.length === 0) {
    const hipPart = consent.hip?.id ? ` at ${consent.hip.id}` : '';
    return deny(ctx, request, `No care context linked to ${request.abhaAddress}${hipPart} matches the request (hiTypes ${permission.hiTypes.join(', ')})`);
  }
  if (!ctx.store.flows.consentRequests.transition(request.consentRequestId, 'REQUESTED', 'GRANTED', nowIso(ctx))) return;
  const hiuName = ctx.partners.service(request.hiuId)?.name ?? consent.hiu.name ?? request.hiuId;
  const artefacts: GrantedArtefact[] = [];
  for (const hip of hips) {
    const consentId = ctx.ids.uuid();
    const detail = buildConsentDetail({
      consentId,
      createdAt: now,
      patientId: request.abhaAddress,
      hip: { id: hip.hipId, name: hip.hipName },
      hiu: { id: request.hiuId, name: hiuName },
      requester: consent.requester,
      cmId: ctx.config.cmId,
      terms: {
        careContexts: hip.careContexts.map((c) => ({ patientReference: c.patientReference, careContextReference: c.careContextReference })),
        hiTypes: permission.hiTypes,
        purpose: consent.purpose.code,
        dateRange: permission.dateRange,
        dataEraseAt: permission.dataEraseAt,
        accessMode: consent.permission.accessMode,
        frequency: consent.permission.frequency,
      },
    });
    const at = nowIso(ctx);
    const record: ConsentRecord = {
      consentId, hipId: hip.hipId, hiuId: request.hiuId, abhaAddress: request.abhaAddress, status: 'GRANTED', detail,
      signature: signConsentDetail(detail, ctx.keys.signing.privateKey), dataEraseAt: detail.permission.dataEraseAt, createdAt: at, updatedAt: at,
    };
    ctx.store.flows.consents.insert(record);
    ctx.store.flows.consentRequests.addArtefact({ consentId, consentRequestId: request.consentRequestId, hipMode: hip.mode });
    // A real HIP must hold the artefact before the HIU asks it for data (spec §5.8): it hears first.
    if (hip.mode === 'partner') notifyConsentToHip(ctx, record, 'GRANTED');
    artefacts.push({ consentId, hipId: hip.hipId, hipMode: hip.mode, careContexts: hip.careContexts.map((c) => c.careContextReference) });
  }
  if (policy.revokeAfterSeconds !== undefined) {
    ctx.store.flows.consentRequests.schedule(request.consentRequestId, { revokeAt: new Date(now + policy.revokeAfterSeconds * 1000).toISOString() }, nowIso(ctx));
  }
  decided(ctx, request, 'GRANTED', artefacts, { hiTypes: permission.hiTypes, dateRange: permission.dateRange, dataEraseAt: permission.dataEraseAt });
  notifyHiu(ctx, request, 'GRANTED', artefacts.map((a) => a.consentId));
}

/** The HIPs (and their care contexts) the grant covers: the one asked for, the policy's, with care contexts of the granted hiTypes. */
function coveredHips(ctx: SandboxContext, request: ConsentRequestRecord, consent: ConsentRequestBody, policy: ConsentPolicy, hiTypes: ReadonlyArray<string>): HipCareContexts[] {
  const patient = virtualPatient(ctx, request.abhaAddress);
  const askedRefs = consent.careContexts ? new Set(consent.careContexts.map((c) => c.careContextReference)) : undefined;
  return careContextsByHip(ctx, patient)
    .filter((h) => (!consent.hip?.id || h.hipId === consent.hip.id) && (!policy.hipIds || policy.hipIds.includes(h.hipId)))
    .map((h) => ({
      ...h,
      // A care context whose hiType is unknown (a link that did not say) is kept: its HIP decides what it holds.
      careContexts: h.careContexts.filter((c) => (!askedRefs || askedRefs.has(c.careContextReference)) && (!isHiType(c.hiType) || hiTypes.includes(c.hiType))),
    }))
    .filter((h) => h.careContexts.length > 0);
}

/** Announces a change of a request's status (`consent.decided`): the patient's decision, a revocation, an expiry. */
export function decided(ctx: SandboxContext, request: ConsentRequestRecord, status: 'GRANTED' | 'DENIED' | 'REVOKED' | 'EXPIRED', artefacts: ReadonlyArray<Pick<GrantedArtefact, 'consentId'> & Partial<GrantedArtefact>>, extra: Record<string, unknown>): void {
  emitHiuFlowEvent(
    ctx,
    'consent.decided',
    { consentRequestId: request.consentRequestId, hiuId: request.hiuId, abhaAddress: request.abhaAddress, status, consentArtefacts: artefacts, ...extra },
    { correlation: [request.consentRequestId, request.requestId, ...artefacts.map((a) => a.consentId)] },
  );
}

/** The policy stored with a request (every request gets its patient's at init). */
export function policyOfRequest(request: ConsentRequestRecord): ConsentPolicy {
  return parseConsentPolicy(request.policy ?? { decision: 'approve' });
}
