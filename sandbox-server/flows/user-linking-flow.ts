// User-initiated linking (spec §5.2, §5.3): the virtual patient picks discovered care contexts (link init),
// then confirms with the OTP the HIP sent (link confirm). The HIP's on-init and on-confirm are checked, and what
// it linked is stored against the patient.
import { AbdmError, errors } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { parseAbdmTimestamp } from '../../protocol/health-information/abdm-timestamp.js';
import { hipFinding, type HipFlowRuleId } from '../../protocol/hip-flows/hip-flow-rules.js';
import { countProblems, type HiTypeEntry } from '../../protocol/linking/hi-type-entries.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { AnswerProcessor } from '../services/callback-answers.js';
import type { ConfirmExpectation, LinkRequestRecord } from '../store/link-request-repository.js';
import { refuseAnswer } from './answer-refusal.js';
import type { DiscoveredEntry, StartedStep } from './discovery-flow.js';
import { emitFlowEvent } from './flow-events.js';
import { undeliveredFinding, whenUndeliverable } from './flow-dispatch.js';
import { virtualPatient } from './flow-parties.js';

/** The OTP the sandbox's patient types by default: there is no SMS in the sandbox, and WRAP's sample HIP uses it. */
export const SANDBOX_OTP = '123456';

export interface LinkInitInput {
  abhaAddress: string;
  /** The transactionId of a discovery that matched. */
  transactionId: string;
  /** Care context reference numbers to link; default every one discovered. */
  careContexts?: string[];
}

export interface LinkConfirmInput {
  abhaAddress: string;
  /** link.referenceNumber from the HIP's on-init. */
  linkRefNumber: string;
  /** The OTP the patient types; default SANDBOX_OTP. */
  otp?: string;
  /** The patient knowingly types a wrong OTP: the HIP must refuse. */
  wrongOtp?: boolean;
}

/** Sends link init for care contexts a discovery found; the HIP's answer arrives as `link.initiated`. */
export function initLink(ctx: SandboxContext, input: LinkInitInput): Required<StartedStep> {
  const patient = virtualPatient(ctx, input.abhaAddress);
  const discovery = typeof input.transactionId === 'string' ? ctx.store.flows.discoveries.byTransactionId(input.transactionId) : undefined;
  if (!discovery || discovery.abhaAddress !== patient.abhaAddress) {
    throw errors.noDataFound(`no discovery with transactionId ${JSON.stringify(input.transactionId)} for ${patient.abhaAddress}; start one with POST /sandbox/patients/${patient.abhaAddress}/discover`);
  }
  if (discovery.status !== 'matched') throw errors.invalidBody(`discovery ${discovery.transactionId} is ${discovery.status}; only a discovery that matched can be linked`);
  const discovered = ((discovery.result as { patient?: DiscoveredEntry[] }).patient ?? []) as DiscoveredEntry[];
  const entries = pickEntries(discovered, input.careContexts);
  const body = { transactionId: discovery.transactionId, abhaAddress: patient.abhaAddress, patient: entries };
  const dispatch = ctx.dispatcher.send({ callbackId: 'hip.link-init', serviceId: discovery.hipId, body });
  const { requestId } = dispatch;
  ctx.store.flows.linkRequests.insert({ requestId, transactionId: discovery.transactionId, abhaAddress: patient.abhaAddress, hipId: discovery.hipId, entries, createdAt: nowIso(ctx) });
  const about = { requestId, transactionId: discovery.transactionId, abhaAddress: patient.abhaAddress, hipId: discovery.hipId };
  emitFlowEvent(ctx, 'link.requested', { ...about, careContexts: entries.flatMap((e) => e.careContexts.map((c) => c.referenceNumber)) }, { correlation: [requestId, discovery.transactionId] });
  whenUndeliverable(dispatch, (outcome) => {
    ctx.store.flows.linkRequests.setStatus(requestId, 'undeliverable', nowIso(ctx));
    emitFlowEvent(ctx, 'link.initiated', { ...about, outcome: 'undeliverable' }, {
      correlation: [requestId, discovery.transactionId],
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hip.link-init', discovery.hipId, outcome)],
    });
  });
  return { requestId, transactionId: discovery.transactionId };
}

/** The init body's entries: the discovered entries narrowed to the picked references, counts recomputed. */
function pickEntries(discovered: DiscoveredEntry[], picked: string[] | undefined): HiTypeEntry[] {
  const all = new Set(discovered.flatMap((e) => e.careContexts.map((c) => c.referenceNumber)));
  if (picked !== undefined) {
    if (!Array.isArray(picked) || picked.length === 0 || picked.some((r) => typeof r !== 'string')) throw errors.invalidBody('careContexts must be a non-empty array of care context reference numbers');
    const unknown = picked.filter((r) => !all.has(r));
    if (unknown.length > 0) throw errors.invalidBody(`careContexts ${unknown.join(', ')} were not discovered (discovered: ${[...all].join(', ')})`);
  }
  const wanted = new Set(picked ?? all);
  return discovered
    .map((e) => {
      const careContexts = e.careContexts.filter((c) => wanted.has(c.referenceNumber)).map((c) => ({ referenceNumber: c.referenceNumber }));
      return { referenceNumber: e.referenceNumber, careContexts, hiType: e.hiType ?? '', count: careContexts.length };
    })
    .filter((e) => e.careContexts.length > 0);
}

/** Sends link confirm with the patient's OTP; the HIP's answer arrives as `link.confirmed`. */
export function confirmLink(ctx: SandboxContext, input: LinkConfirmInput): StartedStep {
  const patient = virtualPatient(ctx, input.abhaAddress);
  if (typeof input.linkRefNumber !== 'string' || input.linkRefNumber === '') throw errors.invalidBody('linkRefNumber is required: the link.referenceNumber of the HIP\'s on-init');
  const otp = input.otp ?? SANDBOX_OTP;
  if (typeof otp !== 'string' || otp === '') throw errors.invalidBody('otp must be a non-empty string');
  const link = ctx.store.flows.linkRequests.byLinkRef(patient.abhaAddress, input.linkRefNumber);
  if (!link) throw errors.noDataFound(`no link reference ${input.linkRefNumber} was issued to ${patient.abhaAddress}`);
  const expectation = expectationFor(ctx, link, input.wrongOtp === true);
  const body = { confirmation: { linkRefNumber: input.linkRefNumber, token: otp } };
  const dispatch = ctx.dispatcher.send({ callbackId: 'hip.link-confirm', serviceId: link.hipId, body });
  ctx.store.flows.linkRequests.confirming(link.requestId, dispatch.requestId, expectation, nowIso(ctx));
  whenUndeliverable(dispatch, (outcome) => {
    emitFlowEvent(ctx, 'link.confirmed', { requestId: dispatch.requestId, linkRefNumber: input.linkRefNumber, transactionId: link.transactionId, abhaAddress: link.abhaAddress, hipId: link.hipId, outcome: 'undeliverable' }, {
      correlation: [dispatch.requestId, link.transactionId, input.linkRefNumber],
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hip.link-confirm', link.hipId, outcome)],
    });
  });
  return { requestId: dispatch.requestId, transactionId: link.transactionId };
}

/** What the HIP must do with this confirmation: refuse a wrong OTP, an expired reference or one already used. */
function expectationFor(ctx: SandboxContext, link: LinkRequestRecord, wrongOtp: boolean): ConfirmExpectation {
  const reasons: ConfirmExpectation['reasons'] = [];
  if (wrongOtp) reasons.push('wrong-otp');
  const expiry = link.communicationExpiry ? parseAbdmTimestamp(link.communicationExpiry) : undefined;
  if (expiry !== undefined && ctx.clock.now() > expiry) reasons.push('expired');
  if (link.status === 'linked') reasons.push('replay');
  return { expect: reasons.length > 0 ? 'refused' : 'linked', reasons };
}

interface OnInitBody {
  transactionId?: string;
  link?: { referenceNumber: string; authenticationType: string; meta?: { communicationMedium?: string; communicationHint?: string; communicationExpiry?: string } };
  error?: { code: string | number; message: string } | null;
}

/** The HIP's on-init: the link reference and OTP expiry, or why it will not link. */
export const linkInitAnswers: AnswerProcessor = {
  accept(answer, ctx) {
    const link = ctx.store.flows.linkRequests.byRequestId(answer.sent.requestId);
    if (!link) return;
    const body = answer.body as OnInitBody;
    const findings: Finding[] = [];
    if (body.transactionId !== link.transactionId) {
      findings.push(hipFinding('HIP-LINK-INIT-TRANSACTION', `on-init carries transactionId ${JSON.stringify(body.transactionId)}; the link request had ${link.transactionId}`, 'body.transactionId'));
    }
    let outcome: 'awaiting-confirmation' | 'refused' = 'refused';
    if (!body.error) {
      if (!body.link) findings.push(hipFinding('HIP-LINK-INIT-RESULT', 'on-init has neither link nor error', 'body.link'));
      else {
        outcome = 'awaiting-confirmation';
        const expiry = body.link.meta?.communicationExpiry;
        const expiryMs = expiry === undefined ? undefined : parseAbdmTimestamp(expiry);
        if (expiryMs === undefined) findings.push(hipFinding('HIP-LINK-INIT-EXPIRY', 'link.meta.communicationExpiry is missing; say until when the OTP is valid', 'body.link.meta.communicationExpiry'));
        else if (expiryMs <= ctx.clock.now()) findings.push(hipFinding('HIP-LINK-INIT-EXPIRY', `link.meta.communicationExpiry ${expiry} is not in the future`, 'body.link.meta.communicationExpiry'));
      }
    }
    const at = nowIso(ctx);
    ctx.store.flows.linkRequests.initAnswered(link.requestId, body.link?.referenceNumber, body.link?.meta?.communicationExpiry, outcome === 'refused' ? 'init-refused' : 'awaiting-confirmation', at);
    answer.findings.push(...findings);
    emitFlowEvent(
      ctx,
      'link.initiated',
      {
        requestId: link.requestId,
        transactionId: link.transactionId,
        abhaAddress: link.abhaAddress,
        hipId: link.hipId,
        outcome,
        linkRefNumber: body.link?.referenceNumber,
        authenticationType: body.link?.authenticationType,
        communicationExpiry: body.link?.meta?.communicationExpiry,
        error: body.error ?? undefined,
      },
      { correlation: [link.requestId, link.transactionId, body.link?.referenceNumber], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
    );
  },
};

interface OnConfirmBody {
  patient?: DiscoveredEntry[];
  error?: { code: string | number; message: string } | null;
}

const REFUSAL_RULES: Record<ConfirmExpectation['reasons'][number], [HipFlowRuleId, string]> = {
  'wrong-otp': ['HIP-LINK-CONFIRM-WRONG-OTP', 'the patient typed a wrong OTP'],
  expired: ['HIP-LINK-CONFIRM-EXPIRED', 'the link reference was past its communicationExpiry'],
  replay: ['HIP-LINK-CONFIRM-REPLAY', 'the link reference had already been confirmed'],
};

/** The HIP's on-confirm: a wrong count is refused (ABDM-1037); the care contexts linked are stored. */
export const linkConfirmAnswers: AnswerProcessor = {
  check(answer, ctx) {
    const body = answer.body as OnConfirmBody;
    if (!Array.isArray(body.patient)) return;
    const problems = countProblems(body.patient);
    if (problems.length === 0) return;
    const findings = problems.map((p) => hipFinding('HIP-LINK-CONFIRM-COUNT', p.message, p.path));
    refuseAnswer(ctx, answer, new AbdmError('ABDM-1037', 400, `Counter and Care context count mismatch: ${problems.map((p) => p.message).join('; ')}`), findings);
  },

  accept(answer, ctx) {
    const link = ctx.store.flows.linkRequests.byConfirmRequestId(answer.sent.requestId);
    if (!link || !link.confirmExpectation) return;
    const body = answer.body as OnConfirmBody;
    const expectation = link.confirmExpectation;
    const findings: Finding[] = [];
    const linked: Array<{ referenceNumber: string; display?: string; hiType?: string; patientReference: string }> = [];
    const refused = Boolean(body.error);
    const at = nowIso(ctx);
    if (refused) {
      if (expectation.expect === 'linked') {
        findings.push(hipFinding('HIP-LINK-CONFIRM-REFUSED', `the HIP refused the confirmation (${body.error!.code}: ${body.error!.message}) although the OTP was the one the patient received and the reference was in time`, 'body.error'));
      }
      if (link.status !== 'linked') ctx.store.flows.linkRequests.setStatus(link.requestId, 'confirm-refused', at);
    } else {
      const entries = Array.isArray(body.patient) ? body.patient : [];
      const requested = new Set(link.entries.flatMap((e) => e.careContexts.map((c) => c.referenceNumber)));
      if (entries.every((e) => e.careContexts.length === 0)) findings.push(hipFinding('HIP-LINK-CONFIRM-RESULT', 'on-confirm has no error and links no care context', 'body.patient'));
      entries.forEach((entry, i) =>
        entry.careContexts.forEach((c, j) => {
          if (!requested.has(c.referenceNumber)) {
            findings.push(hipFinding('HIP-LINK-CONFIRM-SCOPE', `body.patient[${i}].careContexts[${j}] ${c.referenceNumber} was not in the link request (${[...requested].join(', ')})`, `body.patient[${i}].careContexts[${j}]`));
            return;
          }
          linked.push({ referenceNumber: c.referenceNumber, display: c.display, hiType: entry.hiType, patientReference: entry.referenceNumber });
        }),
      );
      for (const reason of expectation.reasons) {
        const [rule, why] = REFUSAL_RULES[reason];
        findings.push(hipFinding(rule, `the HIP linked although ${why}; it must answer on-confirm with an error`, 'body.patient'));
      }
      for (const c of linked) {
        ctx.store.flows.links.link({ hipId: link.hipId, abhaAddress: link.abhaAddress, careContextReference: c.referenceNumber, patientReference: c.patientReference, hiType: c.hiType, display: c.display, linkedBy: 'patient', linkedAt: at });
      }
      ctx.store.flows.linkRequests.setStatus(link.requestId, 'linked', at);
    }
    answer.findings.push(...findings);
    emitFlowEvent(
      ctx,
      'link.confirmed',
      {
        requestId: answer.sent.requestId,
        linkRefNumber: link.linkRef,
        transactionId: link.transactionId,
        abhaAddress: link.abhaAddress,
        hipId: link.hipId,
        outcome: refused ? 'refused' : 'linked',
        expected: expectation.expect,
        careContexts: linked,
        error: body.error ?? undefined,
      },
      { correlation: [answer.sent.requestId, link.transactionId, link.linkRef], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
    );
  },
};
