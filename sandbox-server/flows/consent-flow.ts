// Consents to a HIP (spec §5.8, §7): the virtual patient grants a consent over care contexts linked at the HIP,
// revokes it, or lets it expire by the sandbox clock; the consent manager sends the signed artefact to the HIP
// each time (GRANTED, REVOKED, EXPIRED) and checks its acknowledgement.
import { AbdmError, errors } from '../../protocol/errors.js';
import {
  buildConsentDetail,
  consentTermsProblems,
  hipConsentNotification,
  signConsentDetail,
  type ConsentCareContext,
  type ConsentDetail,
  type ConsentStatus,
  type ConsentTerms,
} from '../../protocol/consent/index.js';
import type { Finding } from '../../protocol/findings.js';
import { hipFinding } from '../../protocol/hip-flows/hip-flow-rules.js';
import { hash32 } from '../../protocol/random.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { AnswerProcessor } from '../services/callback-answers.js';
import type { ConsentRecord } from '../store/consent-repository.js';
import { emitFlowEvent } from './flow-events.js';
import { undeliveredFinding, whenUndeliverable } from './flow-dispatch.js';
import { hipService, VIRTUAL_HIU, virtualPatient } from './flow-parties.js';

export interface GrantConsentInput {
  abhaAddress: string;
  hipId: string;
  /** Care contexts linked to the patient at the HIP, by reference number (or as {patientReference, careContextReference}). */
  careContexts: Array<string | ConsentCareContext>;
  hiTypes: ConsentTerms['hiTypes'];
  purpose: ConsentTerms['purpose'];
  dateRange: ConsentTerms['dateRange'];
  dataEraseAt: string;
  /** The HIU the consent is for; default the sandbox's virtual HIU. */
  hiuId?: string;
}

export interface ConsentNotified {
  consentId: string;
  /** REQUEST-ID of the notify call to the HIP. */
  requestId: string;
  status: ConsentStatus;
  consentDetail: ConsentDetail;
}

/** Grants a consent and notifies the HIP (GRANTED); its acknowledgement arrives as `consent.acknowledged`. */
export function grantConsent(ctx: SandboxContext, input: GrantConsentInput): ConsentNotified {
  const patient = virtualPatient(ctx, input.abhaAddress);
  const hip = hipService(ctx, input.hipId);
  const careContexts = linkedCareContexts(ctx, patient.abhaAddress, hip.serviceId, input.careContexts);
  const terms = { careContexts, hiTypes: input.hiTypes, purpose: input.purpose, dateRange: input.dateRange, dataEraseAt: input.dataEraseAt };
  const problems = consentTermsProblems(terms, ctx.clock.now());
  if (problems.length > 0) throw errors.invalidBody(problems.join('; '));
  const hiu = hiuParty(ctx, input.hiuId);
  const consentId = ctx.ids.uuid();
  const detail = buildConsentDetail({
    consentId,
    createdAt: ctx.clock.now(),
    patientId: patient.abhaAddress,
    hip: { id: hip.serviceId, name: hip.name },
    hiu,
    requester: requesterFor(ctx, consentId),
    cmId: ctx.config.cmId,
    terms: terms as ConsentTerms,
  });
  const signature = signConsentDetail(detail, ctx.keys.signing.privateKey);
  const at = nowIso(ctx);
  const record: ConsentRecord = { consentId, hipId: hip.serviceId, hiuId: hiu.id, abhaAddress: patient.abhaAddress, status: 'GRANTED', detail, signature, dataEraseAt: detail.permission.dataEraseAt, createdAt: at, updatedAt: at };
  ctx.store.flows.consents.insert(record);
  return notifyConsentToHip(ctx, record, 'GRANTED');
}

/** Revokes a granted consent and notifies the HIP (REVOKED). */
export function revokeConsent(ctx: SandboxContext, consentId: string): ConsentNotified {
  return endConsent(ctx, consentId, 'REVOKED');
}

/** Expires a granted consent now, before its dataEraseAt, and notifies the HIP (EXPIRED). */
export function expireConsent(ctx: SandboxContext, consentId: string): ConsentNotified {
  return endConsent(ctx, consentId, 'EXPIRED');
}

/** Expires every granted consent whose dataEraseAt has passed by the sandbox clock, notifying each HIP. */
export function expireDueConsents(ctx: SandboxContext): ConsentNotified[] {
  const due = ctx.store.flows.consents.dueForExpiry(nowIso(ctx));
  const out: ConsentNotified[] = [];
  for (const consent of due) {
    // Artefacts of a HIU's consent request expire with their request, which tells the HIU too (hiu-flows).
    if (isHiuArtefact(ctx, consent.consentId)) continue;
    if (!ctx.store.flows.consents.transition(consent.consentId, 'GRANTED', 'EXPIRED', nowIso(ctx))) continue;
    // A HIP that was deregistered meanwhile cannot be told; the consent still expires.
    if (ctx.partners.service(consent.hipId)) out.push(notifyConsentToHip(ctx, consent, 'EXPIRED'));
  }
  return out;
}

/** The consent record; a 404 naming the id when there is none. */
export function consentById(ctx: SandboxContext, consentId: string): ConsentRecord {
  const consent = ctx.store.flows.consents.get(consentId);
  if (!consent) throw errors.noDataFound(`no consent ${consentId} in this sandbox`);
  return consent;
}

function endConsent(ctx: SandboxContext, consentId: string, to: 'REVOKED' | 'EXPIRED'): ConsentNotified {
  const consent = consentById(ctx, consentId);
  if (isHiuArtefact(ctx, consentId)) {
    const request = ctx.store.flows.consentRequests.artefact(consentId)!.consentRequestId;
    throw new AbdmError('ABDM-1112', 409, `consent ${consentId} is an artefact of consent request ${request}; use POST /sandbox/consent-requests/${request}/revoke or /expire, which tell the HIU too`);
  }
  if (!ctx.store.flows.consents.transition(consentId, 'GRANTED', to, nowIso(ctx))) {
    throw new AbdmError('ABDM-1112', 409, `Consent artefact invalid or expired: consent ${consentId} is ${ctx.store.flows.consents.get(consentId)?.status}, not GRANTED`);
  }
  return notifyConsentToHip(ctx, consent, to);
}

/** Whether the consent is an artefact of a HIU's consent request (M3) rather than one the virtual patient granted. */
function isHiuArtefact(ctx: SandboxContext, consentId: string): boolean {
  return ctx.store.flows.consentRequests.artefact(consentId) !== undefined;
}

/** Sends the artefact to its HIP with `status` and records the notice; the answer arrives as `consent.acknowledged`. */
export function notifyConsentToHip(ctx: SandboxContext, consent: ConsentRecord, status: 'GRANTED' | 'REVOKED' | 'EXPIRED'): ConsentNotified {
  const body = hipConsentNotification(status, consent.detail, consent.signature);
  const dispatch = ctx.dispatcher.send({ callbackId: 'hip.consent-notify', serviceId: consent.hipId, body });
  const { requestId } = dispatch;
  ctx.store.flows.consents.recordNotice({ requestId, consentId: consent.consentId, status, sentAt: nowIso(ctx) });
  const about = { consentId: consent.consentId, requestId, status, hipId: consent.hipId, abhaAddress: consent.abhaAddress };
  emitFlowEvent(ctx, 'consent.notified', about, { correlation: [requestId, consent.consentId] });
  whenUndeliverable(dispatch, (outcome) => {
    emitFlowEvent(ctx, 'consent.acknowledged', { ...about, outcome: 'undeliverable' }, {
      correlation: [requestId, consent.consentId],
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hip.consent-notify', consent.hipId, outcome)],
    });
  });
  return { consentId: consent.consentId, requestId, status, consentDetail: consent.detail };
}

/** Resolves the consent's care contexts against what is linked to the patient at the HIP. */
function linkedCareContexts(ctx: SandboxContext, abhaAddress: string, hipId: string, wanted: unknown): ConsentCareContext[] {
  if (!Array.isArray(wanted) || wanted.length === 0) throw errors.invalidBody('careContexts must be a non-empty array of linked care context reference numbers');
  const linked = new Map(ctx.store.flows.links.forPatient(abhaAddress, hipId).map((l) => [l.careContextReference, l]));
  const out: ConsentCareContext[] = [];
  for (const item of wanted) {
    const reference = typeof item === 'string' ? item : (item as Partial<ConsentCareContext> | null)?.careContextReference;
    const link = typeof reference === 'string' ? linked.get(reference) : undefined;
    if (!link) {
      throw errors.invalidBody(`care context ${JSON.stringify(reference)} is not linked to ${abhaAddress} at ${hipId}; a consent covers linked care contexts only (linked: ${[...linked.keys()].join(', ') || 'none'})`);
    }
    out.push({ patientReference: link.patientReference, careContextReference: link.careContextReference });
  }
  return out;
}

function hiuParty(ctx: SandboxContext, hiuId: string | undefined): { id: string; name: string } {
  if (hiuId === undefined) return { ...VIRTUAL_HIU };
  const service = ctx.partners.service(hiuId);
  if (!service || service.role !== 'hiu') throw errors.invalidHiuId(`${hiuId} is not a HIU registered in this sandbox`);
  return { id: service.serviceId, name: service.name };
}

/** The doctor behind the request: a professional of the world, fixed per consent. */
function requesterFor(ctx: SandboxContext, consentId: string) {
  const count = ctx.world.options.professionalCount;
  if (count === 0) return { name: 'Dr. Sandbox', identifier: { type: 'REGNO', value: 'SBX-0001', system: 'https://www.mciindia.org' } };
  const doctor = ctx.world.professional(hash32(ctx.config.seed, 'consent-requester', consentId) % count);
  return { name: `Dr. ${doctor.name.full}`, identifier: { type: 'REGNO', value: doctor.registrationNumber, system: 'https://www.mciindia.org' } };
}

interface OnNotifyBody {
  acknowledgement?: { status?: string; consentId?: string };
  error?: { code: string | number; message: string } | null;
}

/** The HIP's consent on-notify: OK for the notified consentId. */
export const consentNotifyAnswers: AnswerProcessor = {
  accept(answer, ctx) {
    const notice = ctx.store.flows.consents.notice(answer.sent.requestId);
    if (!notice) return;
    const body = answer.body as OnNotifyBody;
    const findings: Finding[] = [];
    const ack = body.acknowledgement;
    if (body.error) findings.push(hipFinding('HIP-CONSENT-ACK', `the HIP answered the ${notice.status} notification with an error (${body.error.code}: ${body.error.message}); acknowledge with status OK`, 'body.error'));
    else if (!ack) findings.push(hipFinding('HIP-CONSENT-ACK', 'on-notify has no acknowledgement', 'body.acknowledgement'));
    else {
      if (ack.status !== 'OK') findings.push(hipFinding('HIP-CONSENT-ACK', `acknowledgement.status is ${JSON.stringify(ack.status)}; a HIP that stored (or deleted) the consent answers OK`, 'body.acknowledgement.status'));
      if (ack.consentId !== notice.consentId) findings.push(hipFinding('HIP-CONSENT-ACK', `acknowledgement.consentId is ${JSON.stringify(ack.consentId)}; the notification was about ${notice.consentId}`, 'body.acknowledgement.consentId'));
    }
    ctx.store.flows.consents.answerNotice(notice.requestId, body, nowIso(ctx));
    answer.findings.push(...findings);
    const consent = ctx.store.flows.consents.get(notice.consentId);
    emitFlowEvent(
      ctx,
      'consent.acknowledged',
      {
        consentId: notice.consentId,
        requestId: notice.requestId,
        status: notice.status,
        hipId: consent?.hipId,
        abhaAddress: consent?.abhaAddress,
        outcome: findings.length === 0 ? 'acknowledged' : 'not-acknowledged',
        acknowledgement: ack,
        error: body.error ?? undefined,
      },
      { correlation: [notice.requestId, notice.consentId], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
    );
  },
};
