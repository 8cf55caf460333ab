// HIP-initiated linking (spec §5.5–§5.7): the gateway issues a link token when the HIP's demographics match the
// ABHA's KYC, links care contexts presented with that token, acknowledges care-context notifies for linked care
// contexts, and "texts" the deep link of an SMS notify. Every outcome goes back to the HIP's bridge.
import { AbdmError, errors } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { hipFinding } from '../../protocol/hip-flows/hip-flow-rules.js';
import { normaliseAbhaNumber } from '../../protocol/ids/abha-number.js';
import { checkIndianMobile } from '../../protocol/ids/indian-mobile.js';
import { foldName } from '../../protocol/linking/demographic-name.js';
import { countProblems } from '../../protocol/linking/hi-type-entries.js';
import { CARE_CONTEXT_LINK_FAILED_STATUS, CARE_CONTEXT_LINKED_STATUS } from '../../protocol/linking/link-token.js';
import { abhaAccountByNumber, abhaIdentityByAddress } from '../abha/account-lookup.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { PartnerClient } from '../store/partner-repository.js';
import { emitFlowEvent } from './flow-events.js';
import { linkTokensOf } from './link-token-service.js';

/** What every HIP-initiated call hands the flow: who called, for which HIP, and where findings go. */
export interface HipCall<B> {
  hipId: string;
  /** The call's REQUEST-ID: the gateway's answer carries it as response.requestId. */
  requestId: string;
  exchangeId: number;
  body: B;
  /** The call's journal findings; the flow adds what the HIP got wrong. */
  findings: Finding[];
}

type CallbackError = { code: string; message: string };

export interface GenerateTokenBody {
  abhaNumber?: string | number | null;
  abhaAddress?: string;
  name: string;
  gender: string;
  yearOfBirth: number;
}

/**
 * generate-token (demographic auth): checks the request, then answers at on-generate-token with a link token or
 * the error. Throws a 400 only for what the gateway refuses at once (neither ABHA number nor address, a malformed one).
 */
export async function generateLinkToken(ctx: SandboxContext, call: HipCall<GenerateTokenBody>): Promise<void> {
  const { body } = call;
  if ((body.abhaNumber === undefined || body.abhaNumber === null) && body.abhaAddress === undefined) {
    throw errors.invalidBody('send abhaAddress or abhaNumber (or both) to say whose link token this is');
  }
  let abhaNumber: string | undefined;
  if (body.abhaNumber !== undefined && body.abhaNumber !== null) {
    abhaNumber = normaliseAbhaNumber(String(body.abhaNumber));
    if (!abhaNumber) throw errors.invalidBody(`body.abhaNumber ${JSON.stringify(body.abhaNumber)} is not an ABHA number (14 digits, plain or 91-XXXX-XXXX-XXXX)`);
  }
  const match = matchKyc(ctx, abhaNumber, body);
  const correlation = [call.requestId];
  const exchangeIds = [call.exchangeId];
  if ('error' in match) {
    const finding = hipFinding('HIP-LINKTOKEN-DEMOGRAPHICS', match.error.message);
    call.findings.push(finding);
    const sent = ctx.dispatcher.send({ callbackId: 'hip.on-generate-token', serviceId: call.hipId, body: { abhaAddress: body.abhaAddress ?? null, error: match.error, response: { requestId: call.requestId } }, causedBy: call.exchangeId });
    emitFlowEvent(ctx, 'linkToken.refused', { requestId: call.requestId, hipId: call.hipId, abhaAddress: body.abhaAddress, error: match.error, answerRequestId: sent.requestId }, { correlation, exchangeIds, findings: [finding] });
    return;
  }
  const patient = match.patient;
  const findings: Finding[] = [];
  const held = ctx.store.flows.linkTokens.validFor(call.hipId, patient.abhaAddress, nowIso(ctx));
  if (held) {
    findings.push(hipFinding('HIP-LINKTOKEN-REUSE', `a link token for ${patient.abhaAddress} issued to ${call.hipId} at ${held.issuedAt} is valid until ${held.expiresAt}; reuse it instead of generating another`));
  }
  const issued = await linkTokensOf(ctx).issue({ abhaNumber: patient.abhaNumber, abhaAddress: patient.abhaAddress, hipId: call.hipId });
  ctx.store.flows.linkTokens.insert({ tokenId: issued.tokenId, hipId: call.hipId, abhaAddress: patient.abhaAddress, abhaNumber: patient.abhaNumber, issuedAt: nowIso(ctx), expiresAt: new Date(issued.expiresAt).toISOString() });
  const sent = ctx.dispatcher.send({ callbackId: 'hip.on-generate-token', serviceId: call.hipId, body: { abhaAddress: patient.abhaAddress, linkToken: issued.token, response: { requestId: call.requestId } }, causedBy: call.exchangeId });
  call.findings.push(...findings);
  emitFlowEvent(
    ctx,
    'linkToken.issued',
    { requestId: call.requestId, hipId: call.hipId, abhaAddress: patient.abhaAddress, tokenId: issued.tokenId, expiresAt: new Date(issued.expiresAt).toISOString(), answerRequestId: sent.requestId },
    { correlation, exchangeIds, findings },
  );
}

/** The ABHA account the request names, if its demographics match the KYC data; else the error to send. */
function matchKyc(ctx: SandboxContext, abhaNumber: string | undefined, body: GenerateTokenBody): { patient: KycAccount } | { error: CallbackError } {
  // Accounts enrolled through the ABHA service count as much as the synthetic population (abha/account-lookup.ts).
  const identity = body.abhaAddress !== undefined ? abhaIdentityByAddress(ctx, body.abhaAddress) : undefined;
  const byNumber = abhaNumber !== undefined ? abhaAccountByNumber(ctx, abhaNumber) : undefined;
  if (body.abhaAddress !== undefined && !identity) return { error: { code: 'ABDM-1051', message: `Invalid ABHA Number or ABHA Address: no ABHA address ${body.abhaAddress}` } };
  if (identity?.kind === 'self-declared') {
    // A link token carries the ABHA number (WRAP copies it into link/carecontext): an address without one gets none here.
    return { error: { code: 'ABDM-1051', message: `Invalid ABHA Number or ABHA Address: ${body.abhaAddress} is a self-declared ABHA address without an ABHA number; this sandbox issues link tokens for ABHA numbers only` } };
  }
  if (abhaNumber !== undefined && !byNumber) return { error: { code: 'ABDM-1051', message: `Invalid ABHA Number or ABHA Address: no ABHA number ${abhaNumber}` } };
  const byAddress = identity?.account;
  if (byAddress && byNumber && byAddress.abhaNumber !== byNumber.abhaNumber) {
    return { error: { code: 'ABDM-1051', message: `Invalid ABHA Number or ABHA Address: ABHA number ${abhaNumber} and ABHA address ${body.abhaAddress} are different accounts` } };
  }
  const account = (byAddress ?? byNumber)!;
  const patient: KycAccount = { abhaNumber: account.abhaNumber, abhaAddress: identity?.abhaAddress ?? account.preferredAbhaAddress, name: account.name.full, gender: account.gender, yearOfBirth: account.yearOfBirth };
  const mismatches: string[] = [];
  if (!sameName(body.name, patient.name)) mismatches.push(`name "${body.name}" is not the KYC name "${patient.name}"`);
  if (body.gender !== patient.gender) mismatches.push(`gender ${body.gender} is not ${patient.gender}`);
  if (body.yearOfBirth !== patient.yearOfBirth) mismatches.push(`yearOfBirth ${body.yearOfBirth} is not ${patient.yearOfBirth}`);
  // No v3 code for a failed demographic auth is documented [UNSURE]: ABDM-9999 is the catch-all whose message is the diagnosis.
  if (mismatches.length > 0) return { error: { code: 'ABDM-9999', message: `Demographic details do not match the ABHA account ${patient.abhaAddress}: ${mismatches.join('; ')}` } };
  return { patient };
}

/** What generate-token checks demographics against, and whom the token is for. */
interface KycAccount {
  abhaNumber: string;
  abhaAddress: string;
  name: string;
  gender: string;
  yearOfBirth: number;
}

/** KYC name match: the same words ignoring case and punctuation, or the same first and last word (middle name left out). */
function sameName(given: string, kycName: string): boolean {
  const a = foldName(given).split(' ');
  const b = foldName(kycName).split(' ');
  if (a.join(' ') === b.join(' ')) return true;
  return a.length >= 2 && b.length >= 2 && a[0] === b[0] && a[a.length - 1] === b[b.length - 1];
}

export interface LinkCareContextBody {
  abhaNumber?: string | number;
  abhaAddress?: string;
  patient: Array<{ referenceNumber: string; display?: string; careContexts: Array<{ referenceNumber: string; display?: string }>; hiType?: string; hiTypes?: string; count: number }>;
}

/**
 * link/carecontext: checks the request (a 400 for what the live gateway refuses at once), then links the care
 * contexts the link token allows and answers at on_carecontext with the prose status or the error.
 */
export async function linkCareContexts(ctx: SandboxContext, call: HipCall<LinkCareContextBody> & { linkToken: string }): Promise<void> {
  const { body } = call;
  // The live gateway answers an empty 400 to a dashed abhaNumber (spec §10.1); here the 400 says why.
  if (typeof body.abhaNumber === 'string' && !/^\d{14}$/.test(body.abhaNumber)) {
    throw errors.invalidBody(`body.abhaNumber "${body.abhaNumber}" must be the 14 digits without dashes (the live gateway answers this with an empty HTTP 400)`);
  }
  const findings: Finding[] = [];
  body.patient.forEach((entry, i) => {
    if (entry.hiType === undefined && entry.hiTypes === undefined) throw errors.invalidBody(`body.patient[${i}].hiType is required (one entry per hiType)`);
    if (entry.hiType === undefined) findings.push(hipFinding('HIP-LINK-HITYPE-FIELD', `body.patient[${i}] uses hiTypes; the live gateway and WRAP use "hiType" (a string)`, `body.patient[${i}].hiTypes`));
  });
  const verified = await linkTokensOf(ctx).verify(call.linkToken);
  let error: CallbackError | undefined;
  let abhaAddress = body.abhaAddress;
  if (!verified.ok) {
    error = { code: 'ABDM-1026', message: `Invalid link token: ${verified.reason}` };
    findings.push(hipFinding('HIP-LINK-TOKEN', error.message, 'X-LINK-TOKEN'));
  } else {
    const { claims } = verified;
    abhaAddress = claims.abhaAddress;
    if (claims.hipId !== call.hipId) error = { code: 'ABDM-1063', message: `HIP id mismatch: the link token was issued to ${claims.hipId}, not ${call.hipId}` };
    else if (body.abhaAddress === undefined || body.abhaAddress.toLowerCase() !== claims.abhaAddress) {
      error = { code: 'ABDM-1038', message: `ABHA address and Link token mismatch: the token is for ${claims.abhaAddress}, the body names ${body.abhaAddress ?? 'no abhaAddress'}` };
    } else if (body.abhaNumber !== undefined && String(body.abhaNumber) !== claims.abhaNumber) {
      error = { code: 'ABDM-1062', message: `ABHA number mismatch: the token is for ${claims.abhaNumber}, the body names ${String(body.abhaNumber)}` };
    }
    if (error) findings.push(hipFinding('HIP-LINK-TOKEN-MISMATCH', error.message));
  }
  if (!error) {
    const problems = countProblems(body.patient);
    if (problems.length > 0) {
      error = { code: 'ABDM-1037', message: `Counter and Care context count mismatch: ${problems.map((p) => p.message).join('; ')}` };
      findings.push(...problems.map((p) => hipFinding('HIP-LINK-COUNT', p.message, p.path)));
    }
  }
  const linked: string[] = [];
  if (!error) {
    const at = nowIso(ctx);
    const links = ctx.store.flows.links;
    for (const entry of body.patient) {
      const hiType = entry.hiType ?? entry.hiTypes;
      for (const c of entry.careContexts) {
        const added = links.link({ hipId: call.hipId, abhaAddress: abhaAddress!, careContextReference: c.referenceNumber, patientReference: entry.referenceNumber, hiType, display: c.display, linkedBy: 'hip', linkedAt: at });
        if (!added) findings.push(hipFinding('HIP-LINK-ALREADY-LINKED', `${c.referenceNumber} is already linked to ${abhaAddress}; send link/context/notify for new data in it`));
        linked.push(c.referenceNumber);
      }
    }
  }
  const answer = error
    ? { abhaAddress: abhaAddress ?? null, status: CARE_CONTEXT_LINK_FAILED_STATUS, error, response: { requestId: call.requestId } }
    : { abhaAddress, status: CARE_CONTEXT_LINKED_STATUS, response: { requestId: call.requestId } };
  const sent = ctx.dispatcher.send({ callbackId: 'hip.on-carecontext', serviceId: call.hipId, body: answer, causedBy: call.exchangeId });
  call.findings.push(...findings);
  emitFlowEvent(
    ctx,
    'careContext.linked',
    { requestId: call.requestId, hipId: call.hipId, abhaAddress, outcome: error ? 'refused' : 'linked', careContexts: linked, error, answerRequestId: sent.requestId },
    { correlation: [call.requestId], exchangeIds: [call.exchangeId], findings },
  );
}

export interface ContextNotifyBody {
  notification: {
    patient: { id: string };
    careContext: { patientReference: string; careContextReference: string };
    hiTypes: string[];
    date: string;
    hip: { id: string; name?: string; type?: string };
  };
}

/** link/context/notify: SUCCESS for a care context linked to the patient at the calling HIP, ERRORED otherwise. */
export function notifyContext(ctx: SandboxContext, call: HipCall<ContextNotifyBody>): void {
  const n = call.body.notification;
  const findings: Finding[] = [];
  let error: CallbackError | undefined;
  if (n.hip.id !== call.hipId) {
    error = { code: 'ABDM-1035', message: `Invalid HIP ID: notification.hip.id ${n.hip.id} is not the calling HIP ${call.hipId}` };
    findings.push(hipFinding('HIP-CONTEXT-NOTIFY-HIP', error.message, 'body.notification.hip.id'));
  } else {
    const linked = ctx.store.flows.links.find(call.hipId, n.patient.id.toLowerCase(), n.careContext.careContextReference);
    if (!linked || linked.patientReference !== n.careContext.patientReference) {
      // The live gateway's words (spec §5.6 [OBS]); it also says this in the first seconds after a link (a race not reproduced here).
      error = { code: 'ABDM-1006', message: `No care context linked with given reference number: ${n.careContext.patientReference}/${n.careContext.careContextReference} is not linked to ${n.patient.id} at ${call.hipId}` };
      findings.push(hipFinding('HIP-CONTEXT-NOTIFY-UNLINKED', error.message, 'body.notification.careContext'));
    }
  }
  const sent = ctx.dispatcher.send({
    callbackId: 'hip.links-context-on-notify',
    serviceId: call.hipId,
    body: { acknowledgement: { status: error ? 'ERRORED' : 'SUCCESS' }, ...(error ? { error } : {}), response: { requestId: call.requestId } },
    causedBy: call.exchangeId,
  });
  call.findings.push(...findings);
  emitFlowEvent(
    ctx,
    'context.notified',
    { requestId: call.requestId, hipId: call.hipId, abhaAddress: n.patient.id, careContext: n.careContext, hiTypes: n.hiTypes, outcome: error ? 'errored' : 'acknowledged', error, answerRequestId: sent.requestId },
    { correlation: [call.requestId], exchangeIds: [call.exchangeId], findings },
  );
}

export interface SmsNotifyBody {
  notification: { phoneNo: string; hip: { id: string; name?: string } };
}

/** sms/notify2: the gateway would text the patient a deep link to the HIP; SUCCESS when the number and HIP are right. */
export function notifySms(ctx: SandboxContext, call: Omit<HipCall<SmsNotifyBody>, 'hipId'> & { client: PartnerClient; hipId?: string }): void {
  const n = call.body.notification;
  const findings: Finding[] = [];
  let error: CallbackError | undefined;
  const phone = checkIndianMobile(n.phoneNo, { lenient: true });
  const own = call.client.services.find((s) => s.serviceId === n.hip.id && s.role === 'hip' && s.active);
  const hipId = call.hipId ?? (own ? own.serviceId : undefined);
  if (!own || (call.hipId !== undefined && call.hipId !== n.hip.id)) {
    error = { code: 'ABDM-1035', message: `Invalid HIP ID: notification.hip.id ${n.hip.id} is not ${call.hipId ? `the calling HIP ${call.hipId}` : `a HIP of client ${call.client.clientId}`}` };
    findings.push(hipFinding('HIP-SMS-HIP', error.message, 'body.notification.hip.id'));
  } else if (!phone.ok) {
    error = { code: 'ABDM-1006', message: `Invalid mobile number: notification.phoneNo ${JSON.stringify(n.phoneNo)}: ${phone.reason}` };
    findings.push(hipFinding('HIP-SMS-PHONE', error.message, 'body.notification.phoneNo'));
  }
  if (!n.hip.name) findings.push(hipFinding('HIP-SMS-HIP', 'notification.hip.name is missing: the SMS names the HIP to the patient', 'body.notification.hip.name'));
  if (!hipId) {
    // Nobody to answer: the call named no HIP of the caller. The 400 says so.
    call.findings.push(...findings);
    throw new AbdmError('ABDM-1035', 400, error!.message);
  }
  const sent = ctx.dispatcher.send({
    callbackId: 'hip.sms-on-notify',
    serviceId: hipId,
    body: { acknowledgement: { status: error ? 'ERRORED' : 'SUCCESS' }, ...(error ? { error } : {}), response: { requestId: call.requestId } },
    causedBy: call.exchangeId,
  });
  call.findings.push(...findings);
  emitFlowEvent(
    ctx,
    'sms.notified',
    { requestId: call.requestId, hipId, phoneNo: phone.ok ? maskPhone(phone.value) : n.phoneNo, outcome: error ? 'errored' : 'sent', error, answerRequestId: sent.requestId },
    { correlation: [call.requestId], exchangeIds: [call.exchangeId], findings },
  );
}

/** 98XXXXXX10: enough to tell numbers apart in a report, not enough to text someone. */
function maskPhone(digits: string): string {
  return `${digits.slice(0, 2)}XXXXXX${digits.slice(8)}`;
}
