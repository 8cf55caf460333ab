// Profile share, "scan and share" (spec §5.11): the virtual patient scans a HIP counter's QR code and the gateway
// sends the patient's profile to the HIP, which answers with a token number. A rescan within 30 minutes must
// get the same token; tokens rise per counter per day.
import { errors } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { hipFinding } from '../../protocol/hip-flows/hip-flow-rules.js';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { hash32 } from '../../protocol/random.js';
import { nowIso, type SandboxContext } from '../context.js';
import type { AnswerProcessor } from '../services/callback-answers.js';
import type { StartedStep } from './discovery-flow.js';
import { emitFlowEvent } from './flow-events.js';
import { undeliveredFinding, whenUndeliverable } from './flow-dispatch.js';
import { hipService, virtualPatient } from './flow-parties.js';

export interface ShareProfileInput {
  abhaAddress: string;
  hipId: string;
  /** The counter id of the HIP's QR code (`counter-id`, 1–20 letters or digits). */
  counterId: string;
}

/** A rescan within this window gets the same token (TC SHARE_PATIENT_PROFILE_701). */
export const TOKEN_VALIDITY_MS = 30 * 60_000;
const IST_OFFSET_MS = 330 * 60_000;
const COUNTER_ID = /^[A-Za-z0-9]{1,20}$/;

/** Sends the patient's profile to the HIP's counter; the token arrives as `profile.shared`. */
export function shareProfile(ctx: SandboxContext, input: ShareProfileInput): StartedStep {
  const patient = virtualPatient(ctx, input.abhaAddress);
  const hip = hipService(ctx, input.hipId);
  if (typeof input.counterId !== 'string' || !COUNTER_ID.test(input.counterId)) {
    throw errors.invalidBody(`counterId ${JSON.stringify(input.counterId)} must be 1 to 20 letters or digits, as in the HIP's QR code (…&counter-id=OPD1)`);
  }
  // A plausible spot inside India for the scan, fixed per counter.
  const spot = hash32(hip.serviceId, input.counterId);
  const body = {
    intent: 'PROFILE_SHARE',
    metaData: {
      hipId: hip.serviceId,
      context: input.counterId,
      hprId: null,
      latitude: (10 + (spot % 2000) / 100).toFixed(2),
      longitude: (72 + ((spot >>> 11) % 1500) / 100).toFixed(2),
    },
    profile: {
      patient: {
        // A self-declared ABHA address has no number: the field is then null, as seen live (spec §5.11 [OBS]).
        abhaNumber: patient.abhaNumber ? formatAbhaNumber(patient.abhaNumber) : null,
        abhaAddress: patient.abhaAddress,
        name: patient.name.full,
        gender: patient.gender,
        // Birth parts travel as strings (spec §5.11 [OBS]).
        dayOfBirth: patient.dayOfBirth !== undefined ? String(patient.dayOfBirth) : null,
        monthOfBirth: patient.monthOfBirth !== undefined ? String(patient.monthOfBirth) : null,
        yearOfBirth: String(patient.yearOfBirth),
        address: { line: patient.address.line, district: patient.address.district, state: patient.address.state, pincode: patient.address.pincode },
        phoneNumber: patient.mobile,
      },
    },
  };
  const dispatch = ctx.dispatcher.send({ callbackId: 'hip.patient-share', serviceId: hip.serviceId, body });
  ctx.store.flows.profileShares.insert({ requestId: dispatch.requestId, hipId: hip.serviceId, counterId: input.counterId, abhaAddress: patient.abhaAddress, sharedAt: nowIso(ctx) });
  whenUndeliverable(dispatch, (outcome) => {
    ctx.store.flows.profileShares.answer(dispatch.requestId, 'undeliverable', undefined, nowIso(ctx));
    emitFlowEvent(ctx, 'profile.shared', { requestId: dispatch.requestId, abhaAddress: patient.abhaAddress, hipId: hip.serviceId, counterId: input.counterId, outcome: 'undeliverable' }, {
      correlation: [dispatch.requestId],
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hip.patient-share', hip.serviceId, outcome)],
    });
  });
  return { requestId: dispatch.requestId };
}

interface OnShareBody {
  acknowledgement?: { abhaAddress?: string; status?: string; profile?: { context?: string; tokenNumber?: string; expiry?: string | number } };
  error?: { code: string | number; message: string } | null;
}

/** Midnight IST (as UTC ISO) of the day `ms` falls on: a counter's tokens restart every Indian day. */
function istDayStart(ms: number): string {
  const day = Math.floor((ms + IST_OFFSET_MS) / 86_400_000) * 86_400_000 - IST_OFFSET_MS;
  return new Date(day).toISOString();
}

/** The HIP's on-share: the token number, checked against earlier scans at the same counter. */
export const profileShareAnswers: AnswerProcessor = {
  accept(answer, ctx) {
    const share = ctx.store.flows.profileShares.get(answer.sent.requestId);
    if (!share) return;
    const body = answer.body as OnShareBody;
    const findings: Finding[] = [];
    const ack = body.acknowledgement;
    const token = ack?.profile?.tokenNumber;
    let outcome: 'shared' | 'refused' = 'refused';
    if (!body.error) {
      if (!ack || ack.status !== 'SUCCESS') findings.push(hipFinding('HIP-SHARE-RESULT', `acknowledgement.status is ${JSON.stringify(ack?.status)}; a share the HIP accepts is SUCCESS (or send an error)`, 'body.acknowledgement.status'));
      else outcome = 'shared';
      if (ack && ack.abhaAddress?.toLowerCase() !== share.abhaAddress) {
        findings.push(hipFinding('HIP-SHARE-RESULT', `acknowledgement.abhaAddress is ${JSON.stringify(ack.abhaAddress)}; the profile shared was ${share.abhaAddress}`, 'body.acknowledgement.abhaAddress'));
      }
      if (outcome === 'shared' && !token) findings.push(hipFinding('HIP-SHARE-RESULT', 'acknowledgement.profile.tokenNumber is missing: the patient shows it at the counter', 'body.acknowledgement.profile.tokenNumber'));
      if (outcome === 'shared' && ack?.profile?.context !== share.counterId) {
        findings.push(hipFinding('HIP-SHARE-CONTEXT', `acknowledgement.profile.context is ${JSON.stringify(ack?.profile?.context)}; the patient scanned counter ${share.counterId}`, 'body.acknowledgement.profile.context'));
      }
      if (outcome === 'shared' && token) findings.push(...judgeToken(ctx, share.hipId, share.counterId, share.abhaAddress, share.requestId, share.sharedAt, token));
    }
    ctx.store.flows.profileShares.answer(share.requestId, outcome, token, nowIso(ctx));
    answer.findings.push(...findings);
    emitFlowEvent(
      ctx,
      'profile.shared',
      { requestId: share.requestId, abhaAddress: share.abhaAddress, hipId: share.hipId, counterId: share.counterId, outcome, tokenNumber: token, expiry: ack?.profile?.expiry, error: body.error ?? undefined },
      { correlation: [share.requestId], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
    );
  },
};

function judgeToken(ctx: SandboxContext, hipId: string, counterId: string, abhaAddress: string, requestId: string, sharedAt: string, token: string): Finding[] {
  const sharedMs = Date.parse(sharedAt);
  const since = new Date(Math.min(sharedMs - TOKEN_VALIDITY_MS, Date.parse(istDayStart(sharedMs)))).toISOString();
  const earlier = ctx.store.flows.profileShares.sharedAtCounterSince(hipId, counterId, since).filter((s) => s.requestId !== requestId && s.sharedAt <= sharedAt);
  const rescan = earlier.filter((s) => s.abhaAddress === abhaAddress && sharedMs - Date.parse(s.sharedAt) <= TOKEN_VALIDITY_MS).pop();
  if (rescan) {
    return rescan.tokenNumber === token
      ? []
      : [hipFinding('HIP-SHARE-RESCAN', `the patient scanned counter ${counterId} again within 30 minutes and got token ${token}, not the ${rescan.tokenNumber} issued at ${rescan.sharedAt}`, 'body.acknowledgement.profile.tokenNumber')];
  }
  const today = istDayStart(sharedMs);
  const numbers = earlier.filter((s) => s.sharedAt >= today && s.abhaAddress !== abhaAddress).map((s) => Number(s.tokenNumber)).filter(Number.isFinite);
  const highest = numbers.length > 0 ? Math.max(...numbers) : undefined;
  if (highest !== undefined && Number.isFinite(Number(token)) && Number(token) <= highest) {
    return [hipFinding('HIP-SHARE-SEQUENCE', `token ${token} at counter ${counterId} is not above ${highest}, issued earlier today`, 'body.acknowledgement.profile.tokenNumber')];
  }
  return [];
}
