// User-initiated discovery (spec §5.1): the virtual patient asks a HIP to find their records; the HIP's
// on-discover is checked (one entry per hiType, counts, only unlinked care contexts, an error when no match)
// and stored for the link step.
import { AbdmError, errors } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { hipFinding } from '../../protocol/hip-flows/hip-flow-rules.js';
import { countProblems } from '../../protocol/linking/hi-type-entries.js';
import { abhaIdentityByAddress, type AbhaIdentity } from '../abha/account-lookup.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { AnswerProcessor } from '../services/callback-answers.js';
import { refuseAnswer } from './answer-refusal.js';
import { emitFlowEvent } from './flow-events.js';
import { undeliveredFinding, whenUndeliverable } from './flow-dispatch.js';
import { hipService, verifiedIdentifiers, virtualPatient, type FlowPatient } from './flow-parties.js';

export interface DiscoverInput {
  abhaAddress: string;
  hipId: string;
  /** Identifiers the patient types in, e.g. `[{type: "MR", value: "MRN0001"}]`. */
  unverifiedIdentifiers?: Array<{ type: string; value: string }>;
  /** How the PHR app presents the patient, when not everything the account has (to test a HIP's matching rules). */
  presented?: PresentedPatient;
}

/**
 * What the discover request says about the patient, where it differs from the ABHA account: another ABHA address
 * of the same account (one the HIP has never seen), only some verified identifiers, the year of birth the HIP
 * may have recorded (spec §5.1 allows ±2), or the name as the patient gave it.
 */
export interface PresentedPatient {
  /** patient.id: an ABHA address of this account unknown to the HIP; it must not be another account's. */
  id?: string;
  /** Which verified identifiers to send (default both). */
  verifiedIdentifiers?: Array<'MOBILE' | 'ABHA_NUMBER'>;
  name?: string;
  yearOfBirth?: number;
}

export interface StartedStep {
  /** The REQUEST-ID the HIP receives and must echo in response.requestId. */
  requestId: string;
  transactionId?: string;
}

/** A discovered patient entry as the HIP sent it (one per hiType). */
export interface DiscoveredEntry {
  referenceNumber: string;
  display?: string;
  careContexts: Array<{ referenceNumber: string; display?: string }>;
  hiType?: string;
  count?: number;
}

interface OnDiscoverBody {
  transactionId?: string;
  patient?: DiscoveredEntry[];
  matchedBy?: string[];
  error?: { code: string | number; message: string } | null;
}

/** Sends the discover request for the patient to the HIP; the outcome arrives as `discovery.completed`. */
export function startDiscovery(ctx: SandboxContext, input: DiscoverInput): Required<StartedStep> {
  const patient = virtualPatient(ctx, input.abhaAddress);
  const hip = hipService(ctx, input.hipId);
  const shown = presentation(ctx, patient, input.presented);
  const transactionId = ctx.ids.uuid();
  const body = {
    transactionId,
    patient: {
      id: shown.id,
      verifiedIdentifiers: shown.verifiedIdentifiers,
      unverifiedIdentifiers: input.unverifiedIdentifiers ?? [],
      name: shown.name,
      gender: patient.gender,
      yearOfBirth: shown.yearOfBirth,
    },
  };
  const dispatch = ctx.dispatcher.send({ callbackId: 'hip.discover', serviceId: hip.serviceId, body });
  const { requestId } = dispatch;
  ctx.store.flows.discoveries.insert({ transactionId, requestId, abhaAddress: patient.abhaAddress, hipId: hip.serviceId, createdAt: nowIso(ctx) });
  const about = { transactionId, requestId, abhaAddress: patient.abhaAddress, hipId: hip.serviceId };
  emitFlowEvent(ctx, 'discovery.requested', about, { correlation: [requestId, transactionId] });
  whenUndeliverable(dispatch, (outcome) => {
    ctx.store.flows.discoveries.complete(transactionId, 'undeliverable', undefined, nowIso(ctx));
    emitFlowEvent(ctx, 'discovery.completed', { ...about, outcome: 'undeliverable' }, {
      correlation: [requestId, transactionId],
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hip.discover', hip.serviceId, outcome)],
    });
  });
  return { requestId, transactionId };
}

/** The discover request's view of the patient: the account's own data, with what the caller chose to present instead. */
function presentation(ctx: SandboxContext, patient: FlowPatient, presented: PresentedPatient | undefined) {
  const p = presented ?? {};
  if (p.id !== undefined) {
    if (typeof p.id !== 'string' || !/^[a-z0-9._-]+@sbx$/i.test(p.id)) throw errors.invalidBody(`presented.id ${JSON.stringify(p.id)} is not an ABHA address (name@sbx)`);
    const owner = abhaIdentityByAddress(ctx, p.id);
    if (owner && !sameAccount(owner, patient)) throw errors.invalidBody(`presented.id ${p.id} is another account's ABHA address`);
  }
  const kinds = p.verifiedIdentifiers ?? ['MOBILE', 'ABHA_NUMBER'];
  if (!Array.isArray(kinds) || kinds.some((k) => k !== 'MOBILE' && k !== 'ABHA_NUMBER')) throw errors.invalidBody('presented.verifiedIdentifiers lists MOBILE and/or ABHA_NUMBER');
  if (p.yearOfBirth !== undefined && !Number.isInteger(p.yearOfBirth)) throw errors.invalidBody('presented.yearOfBirth must be a year');
  if (p.name !== undefined && (typeof p.name !== 'string' || p.name.trim() === '')) throw errors.invalidBody('presented.name must be a non-empty string');
  return {
    id: p.id ?? patient.abhaAddress,
    verifiedIdentifiers: verifiedIdentifiers(patient).filter((v) => (kinds as string[]).includes(v.type)),
    name: p.name ?? patient.name.full,
    yearOfBirth: p.yearOfBirth ?? patient.yearOfBirth,
  };
}

/** Whether an ABHA address found in ABHA belongs to the patient's own account. */
function sameAccount(owner: AbhaIdentity, patient: FlowPatient): boolean {
  return owner.kind === 'account' ? owner.account.abhaNumber === patient.abhaNumber : owner.address.abhaAddress.toLowerCase() === patient.abhaAddress;
}

/** The HIP's on-discover: a wrong count is refused (ABDM-1037); everything else is judged and stored. */
export const discoveryAnswers: AnswerProcessor = {
  check(answer, ctx) {
    const body = answer.body as OnDiscoverBody;
    if (!Array.isArray(body.patient)) return;
    const problems = countProblems(body.patient);
    if (problems.length === 0) return;
    const findings = problems.map((p) => hipFinding('HIP-DISCOVER-COUNT', p.message, p.path));
    refuseAnswer(ctx, answer, new AbdmError('ABDM-1037', 400, `Counter and Care context count mismatch: ${problems.map((p) => p.message).join('; ')}`), findings, [body.transactionId ?? '']);
  },

  accept(answer, ctx) {
    const discovery = ctx.store.flows.discoveries.byRequestId(answer.sent.requestId);
    if (!discovery) return; // a discover fired by hand (POST /sandbox/callbacks): nothing to judge it against
    const body = answer.body as OnDiscoverBody;
    const findings: Finding[] = [];
    if (body.transactionId !== discovery.transactionId) {
      findings.push(hipFinding('HIP-DISCOVER-TRANSACTION', `on-discover carries transactionId ${JSON.stringify(body.transactionId)}; the discover request had ${discovery.transactionId}`, 'body.transactionId'));
    }
    const entries = Array.isArray(body.patient) ? body.patient : [];
    const matched = !body.error && entries.length > 0;
    if (!body.error) findings.push(...judgeMatch(ctx, discovery.abhaAddress, discovery.hipId, entries, body.matchedBy));
    const result = { patient: entries, matchedBy: body.matchedBy ?? [], error: body.error ?? undefined };
    ctx.store.flows.discoveries.complete(discovery.transactionId, matched ? 'matched' : 'not-found', result, nowIso(ctx));
    answer.findings.push(...findings);
    emitFlowEvent(
      ctx,
      'discovery.completed',
      { transactionId: discovery.transactionId, requestId: discovery.requestId, abhaAddress: discovery.abhaAddress, hipId: discovery.hipId, outcome: matched ? 'matched' : 'not-found', ...result },
      { correlation: [discovery.requestId, discovery.transactionId], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
    );
  },
};

function judgeMatch(ctx: SandboxContext, abhaAddress: string, hipId: string, entries: DiscoveredEntry[], matchedBy: string[] | undefined): Finding[] {
  const findings: Finding[] = [];
  if (entries.length === 0) {
    findings.push(hipFinding('HIP-DISCOVER-RESULT', 'on-discover has neither a patient nor an error; when nothing matches, answer with an error such as ABDM-1010 "Patient not found"', 'body.patient'));
    return findings;
  }
  const linked = new Set(ctx.store.flows.links.forPatient(abhaAddress, hipId).map((l) => l.careContextReference));
  entries.forEach((entry, i) => {
    const at = `body.patient[${i}]`;
    if (!entry.hiType) findings.push(hipFinding('HIP-DISCOVER-HITYPE', `${at} has no hiType; v3 sends one patient entry per hiType`, `${at}.hiType`));
    if (entry.careContexts.length === 0) findings.push(hipFinding('HIP-DISCOVER-RESULT', `${at} lists no care contexts; leave the entry out, or answer with an error when nothing matches`, `${at}.careContexts`));
    entry.careContexts.forEach((c, j) => {
      if (linked.has(c.referenceNumber)) {
        findings.push(hipFinding('HIP-DISCOVER-LINKED', `${at}.careContexts[${j}] ${c.referenceNumber} is already linked to ${abhaAddress}; discovery returns only unlinked care contexts`, `${at}.careContexts[${j}].referenceNumber`));
      }
    });
  });
  if (!matchedBy || matchedBy.length === 0) findings.push(hipFinding('HIP-DISCOVER-MATCHED-BY', 'matchedBy is empty; say which identifiers matched (e.g. ["MOBILE"])', 'body.matchedBy'));
  return findings;
}
