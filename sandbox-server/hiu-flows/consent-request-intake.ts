// The HIU's calls about consents (spec §6.2, §6.3, §6.5): a consent request is checked as the real gateway does
// and refused at once with the array of §6.2, or answered at on-init with its id (or an error when the patient
// or HIP is unknown); its status is answered at on-status; an artefact is sent at on-fetch.
import { consentOnFetchBody, consentOnInitBody, consentOnStatusBody } from '../../protocol/consent/index.js';
import { AbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { checkConsentRequest, type ConsentRequestBody } from '../../protocol/hiu-flows/consent-request-check.js';
import { hiuFinding } from '../../protocol/hiu-flows/hiu-flow-rules.js';
import { nowIso, type SandboxContext } from '../context.js';
import { undeliveredFinding, whenUndeliverable } from '../flows/flow-dispatch.js';
import { virtualPatient } from '../flows/flow-parties.js';
import type { PartnerClient } from '../store/partner-repository.js';
import { inBackground } from './background-work.js';
import { requestReachedPatient } from './consent-lifecycle.js';
import { consentPolicyOf } from './consent-policy.js';
import { emitHiuFlowEvent } from './hiu-flow-events.js';

/** What every HIU call hands the flow: who called, as which HIU, and where findings go. */
export interface HiuCall<B> {
  client: PartnerClient;
  /** X-HIU-ID, already checked to be one of the caller's HIUs (required on status, fetch and data requests). */
  hiuId?: string;
  /** The call's REQUEST-ID: the answer carries it as response.requestId. */
  requestId: string;
  exchangeId: number;
  body: B;
  /** The call's journal findings; the flow adds what the HIU got wrong. */
  findings: Finding[];
}

/** What a consent request became. */
export interface ConsentRequestAccepted {
  /** Undefined when on-init carried an error (unknown patient or HIP). */
  consentRequestId?: string;
  /** REQUEST-ID of the on-init call. */
  onInitRequestId: string;
}

/**
 * consent/v3/request/init. Throws the §6.2 array (400) for a request the consent manager refuses outright;
 * otherwise answers at on-init, and the patient's policy takes its course once on-init is out.
 */
export function receiveConsentRequest(ctx: SandboxContext, call: HiuCall<{ consent?: unknown }>): ConsentRequestAccepted {
  const callerHiuIds = call.client.services.filter((s) => s.role === 'hiu' && s.active).map((s) => s.serviceId);
  const check = checkConsentRequest(call.body.consent, { nowMs: ctx.clock.now(), callerHiuIds, routingHiuId: call.hiuId });
  call.findings.push(...check.warnings);
  const correlation = [call.requestId];
  if (check.problems.length > 0) {
    const findings = check.problems.map((p) => hiuFinding(p.ruleId, p.message, p.path));
    call.findings.push(...findings);
    emitHiuFlowEvent(ctx, 'consent.requested', { requestId: call.requestId, clientId: call.client.clientId, outcome: 'refused', errors: check.problems.map(({ code, message }) => ({ code, message })) }, { correlation, exchangeIds: [call.exchangeId], findings: [...findings, ...check.warnings] });
    const [first, ...rest] = check.problems;
    throw new AbdmError(first.code, 400, first.message, 'abdm-array', rest.map(({ code, message }) => ({ code, message })));
  }
  const consent = call.body.consent as ConsentRequestBody;
  const hiuId = consent.hiu.id;
  const refusal = unknownParty(ctx, consent);
  if (refusal) {
    call.findings.push(refusal.finding);
    const sent = ctx.dispatcher.send({ callbackId: 'hiu.consent-on-init', serviceId: hiuId, body: consentOnInitBody(call.requestId, { error: refusal.error }), causedBy: call.exchangeId });
    emitHiuFlowEvent(ctx, 'consent.requested', { requestId: call.requestId, hiuId, outcome: 'refused', error: refusal.error, answerRequestId: sent.requestId }, { correlation: [call.requestId, sent.requestId], exchangeIds: [call.exchangeId], findings: [refusal.finding, ...check.warnings] });
    return { onInitRequestId: sent.requestId };
  }
  const patient = virtualPatient(ctx, consent.patient.id);
  const consentRequestId = ctx.ids.uuid();
  ctx.store.flows.consentRequests.insert({
    consentRequestId,
    requestId: call.requestId,
    hiuId,
    abhaAddress: patient.abhaAddress,
    consent: consent as unknown as Record<string, unknown>,
    policy: consentPolicyOf(ctx, patient.abhaAddress),
    createdAt: nowIso(ctx),
  });
  const dispatch = ctx.dispatcher.send({ callbackId: 'hiu.consent-on-init', serviceId: hiuId, body: consentOnInitBody(call.requestId, { consentRequestId }), causedBy: call.exchangeId });
  emitHiuFlowEvent(
    ctx,
    'consent.requested',
    { requestId: call.requestId, consentRequestId, hiuId, abhaAddress: patient.abhaAddress, outcome: 'requested', hiTypes: consent.hiTypes, purpose: consent.purpose.code, dateRange: consent.permission.dateRange, answerRequestId: dispatch.requestId },
    { correlation: [call.requestId, consentRequestId, dispatch.requestId], exchangeIds: [call.exchangeId], findings: check.warnings },
  );
  whenUndeliverable(dispatch, (outcome) => {
    emitHiuFlowEvent(ctx, 'consent.requested', { requestId: call.requestId, consentRequestId, hiuId, outcome: 'undeliverable' }, { correlation: [call.requestId, consentRequestId], exchangeIds: outcome.exchangeIds, findings: [undeliveredFinding('hiu.consent-on-init', hiuId, outcome)] });
  });
  // The patient hears of the request once on-init is out (delivered or not: the patient's app does not depend on the HIU's bridge).
  inBackground(ctx, `deciding consent request ${consentRequestId}`, async () => {
    await dispatch.outcome;
    requestReachedPatient(ctx, consentRequestId);
  });
  return { consentRequestId, onInitRequestId: dispatch.requestId };
}

/** A patient or HIP the consent manager does not know: the request is answered with an error on-init. */
function unknownParty(ctx: SandboxContext, consent: ConsentRequestBody): { error: { code: string; message: string }; finding: Finding } | undefined {
  try {
    virtualPatient(ctx, consent.patient.id);
  } catch (err) {
    if (!(err instanceof AbdmError)) throw err;
    const message = `Invalid ABHA Number or ABHA Address: no ABHA account ${consent.patient.id} is known to the consent manager ${ctx.config.cmId}`;
    return { error: { code: 'ABDM-1051', message }, finding: hiuFinding('HIU-CONSENT-PATIENT', message, 'body.consent.patient.id') };
  }
  const hipId = consent.hip?.id;
  if (hipId && !ctx.partners.service(hipId)?.active && !ctx.world.facilityById(hipId)?.isHip) {
    const message = `Invalid HIP ID: ${hipId} is neither a registered HIP nor a HIP facility of this sandbox's world`;
    return { error: { code: 'ABDM-1035', message }, finding: hiuFinding('HIU-CONSENT-HIP', message, 'body.consent.hip.id') };
  }
  return undefined;
}

/** consent/v3/request/status: the request's status (and artefacts) at on-status, or an error for a request not the HIU's. */
export function answerConsentRequestStatus(ctx: SandboxContext, call: HiuCall<{ consentRequestId: string }> & { hiuId: string }): { answerRequestId: string } {
  const id = call.body.consentRequestId;
  const request = ctx.store.flows.consentRequests.get(id);
  const findings: Finding[] = [];
  let body;
  if (!request || request.hiuId !== call.hiuId) {
    const message = `No data found: no consent request ${id} of HIU ${call.hiuId}`;
    findings.push(hiuFinding('HIU-CONSENT-UNKNOWN', message, 'body.consentRequestId'));
    body = consentOnStatusBody(call.requestId, { error: { code: 'ABDM-1001', message } });
  } else {
    const artefactIds = request.status === 'GRANTED' || request.status === 'REVOKED' || request.status === 'EXPIRED' ? ctx.store.flows.consentRequests.artefacts(id).map((a) => a.consentId) : [];
    body = consentOnStatusBody(call.requestId, { id, status: request.status, artefactIds });
  }
  const sent = ctx.dispatcher.send({ callbackId: 'hiu.consent-on-status', serviceId: call.hiuId, body, causedBy: call.exchangeId });
  call.findings.push(...findings);
  emitHiuFlowEvent(ctx, 'consent.statusAnswered', { requestId: call.requestId, consentRequestId: id, hiuId: call.hiuId, status: request && request.hiuId === call.hiuId ? request.status : undefined, answerRequestId: sent.requestId }, {
    correlation: [call.requestId, id, sent.requestId],
    exchangeIds: [call.exchangeId],
    findings,
  });
  return { answerRequestId: sent.requestId };
}

/** consent/v3/fetch: the artefact, its status and signature at on-fetch, or an error for one not granted to the HIU. */
export function answerConsentFetch(ctx: SandboxContext, call: HiuCall<{ consentId: string }> & { hiuId: string }): { answerRequestId: string } {
  const consentId = call.body.consentId;
  const consent = ctx.store.flows.consents.get(consentId);
  const findings: Finding[] = [];
  let body;
  if (!consent || consent.hiuId !== call.hiuId) {
    const message = `No data found: no consent artefact ${consentId} was granted to HIU ${call.hiuId}`;
    findings.push(hiuFinding('HIU-CONSENT-UNKNOWN', message, 'body.consentId'));
    body = consentOnFetchBody(call.requestId, { error: { code: 'ABDM-1001', message } });
  } else {
    ctx.store.flows.consentRequests.markFetched(consentId, nowIso(ctx));
    body = consentOnFetchBody(call.requestId, { status: consent.status, detail: consent.detail, signature: consent.signature });
  }
  const sent = ctx.dispatcher.send({ callbackId: 'hiu.consent-on-fetch', serviceId: call.hiuId, body, causedBy: call.exchangeId });
  call.findings.push(...findings);
  const consentRequestId = ctx.store.flows.consentRequests.artefact(consentId)?.consentRequestId;
  emitHiuFlowEvent(ctx, 'consent.fetched', { requestId: call.requestId, consentId, consentRequestId, hiuId: call.hiuId, status: findings.length === 0 ? consent?.status : undefined, answerRequestId: sent.requestId }, {
    correlation: [call.requestId, consentId, consentRequestId, sent.requestId],
    exchangeIds: [call.exchangeId],
    findings,
  });
  return { answerRequestId: sent.requestId };
}
