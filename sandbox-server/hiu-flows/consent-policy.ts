// How the virtual patient answers a HIU's consent request: approve (possibly narrowing it, possibly revoking it
// later), deny, let it lapse, or wait to be told. Set per patient (every later request of theirs) or for one
// request; by default a patient approves everything, at once.
import { errors } from '../../protocol/errors.js';
import { isHiType, type FhirHiType } from '../../protocol/fhir/hi-types.js';
import { parseAbdmTimestamp } from '../../protocol/health-information/abdm-timestamp.js';
import type { DateRange } from '../../protocol/consent/consent-artefact.js';
import { nowIso, type SandboxContext } from '../context.js';
import { virtualPatient } from '../flows/flow-parties.js';

export const CONSENT_DECISIONS = ['approve', 'deny', 'expire', 'manual'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export interface ConsentPolicy {
  /** `expire`: the request lapses undecided (EXPIRED); `manual`: nothing happens until a decision is posted. */
  decision: ConsentDecision;
  /** Seconds between the request reaching the patient and the decision (default 0: at once). */
  decideAfterSeconds?: number;
  /** approve: share only this part of the requested clinical dates. */
  dateRange?: DateRange;
  /** approve: share only these of the requested hiTypes. */
  hiTypes?: FhirHiType[];
  /** approve: share only what these HIPs hold. */
  hipIds?: string[];
  /** approve: the artefacts expire this many seconds after the grant (an earlier dataEraseAt). expire: the request lapses this long after arriving. */
  expireAfterSeconds?: number;
  /** approve: revoke the consent this many seconds after granting it. */
  revokeAfterSeconds?: number;
  /** deny: the reason the HIU is told. */
  reason?: string;
}

export const DEFAULT_CONSENT_POLICY: ConsentPolicy = { decision: 'approve' };

const FIELDS = ['decision', 'decideAfterSeconds', 'dateRange', 'hiTypes', 'hipIds', 'expireAfterSeconds', 'revokeAfterSeconds', 'reason'];

/** A policy from JSON, or a 400 naming the field that is wrong. */
export function parseConsentPolicy(input: unknown): ConsentPolicy {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw errors.invalidBody('a consent policy is a JSON object, e.g. {"decision":"approve"}');
  const p = input as Record<string, unknown>;
  const unknown = Object.keys(p).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) throw errors.invalidBody(`unknown policy field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the fields are ${FIELDS.join(', ')}`);
  if (!(CONSENT_DECISIONS as ReadonlyArray<unknown>).includes(p.decision)) throw errors.invalidBody(`decision must be one of ${CONSENT_DECISIONS.join(', ')}, not ${JSON.stringify(p.decision ?? null)}`);
  const policy: ConsentPolicy = { decision: p.decision as ConsentDecision };
  for (const key of ['decideAfterSeconds', 'expireAfterSeconds', 'revokeAfterSeconds'] as const) {
    if (p[key] === undefined) continue;
    if (typeof p[key] !== 'number' || !Number.isFinite(p[key]) || (p[key] as number) < 0) throw errors.invalidBody(`${key} must be a number of seconds ≥ 0, not ${JSON.stringify(p[key])}`);
    policy[key] = p[key] as number;
  }
  if (p.dateRange !== undefined) {
    const r = p.dateRange as Partial<DateRange> | null;
    const from = typeof r?.from === 'string' ? parseAbdmTimestamp(r.from) : undefined;
    const to = typeof r?.to === 'string' ? parseAbdmTimestamp(r.to) : undefined;
    if (from === undefined || to === undefined || from > to) throw errors.invalidBody(`dateRange must be {from, to}, ISO-8601 date-times with from ≤ to; got ${JSON.stringify(p.dateRange)}`);
    policy.dateRange = { from: r!.from!, to: r!.to! };
  }
  if (p.hiTypes !== undefined) {
    if (!Array.isArray(p.hiTypes) || p.hiTypes.length === 0 || !p.hiTypes.every(isHiType)) throw errors.invalidBody(`hiTypes must be a non-empty array of hiTypes, not ${JSON.stringify(p.hiTypes)}`);
    policy.hiTypes = p.hiTypes as FhirHiType[];
  }
  if (p.hipIds !== undefined) {
    if (!Array.isArray(p.hipIds) || p.hipIds.length === 0 || !p.hipIds.every((h) => typeof h === 'string' && h !== '')) throw errors.invalidBody(`hipIds must be a non-empty array of HIP ids, not ${JSON.stringify(p.hipIds)}`);
    policy.hipIds = p.hipIds as string[];
  }
  if (p.reason !== undefined) {
    if (typeof p.reason !== 'string' || p.reason.length > 500) throw errors.invalidBody('reason must be a string of at most 500 characters');
    policy.reason = p.reason;
  }
  const onlyFor = (fields: ReadonlyArray<keyof ConsentPolicy>, decisions: ReadonlyArray<ConsentDecision>) => {
    for (const f of fields) if (policy[f] !== undefined && !decisions.includes(policy.decision)) throw errors.invalidBody(`${f} applies to ${decisions.join(' or ')}, not to ${policy.decision}`);
  };
  onlyFor(['dateRange', 'hiTypes', 'hipIds', 'revokeAfterSeconds'], ['approve']);
  onlyFor(['expireAfterSeconds'], ['approve', 'expire']);
  onlyFor(['reason'], ['deny']);
  onlyFor(['decideAfterSeconds'], ['approve', 'deny']);
  return policy;
}

/** The policy that decides the patient's next consent request: theirs if set, else approve. */
export function consentPolicyOf(ctx: SandboxContext, abhaAddress: string): ConsentPolicy {
  const stored = ctx.store.flows.settings.consentPolicy(abhaAddress);
  return stored === undefined ? DEFAULT_CONSENT_POLICY : parseConsentPolicy(stored);
}

/** Sets how a patient answers their later consent requests; returns it as stored. */
export function setPatientConsentPolicy(ctx: SandboxContext, abhaAddress: string, input: unknown): { abhaAddress: string; policy: ConsentPolicy } {
  const patient = virtualPatient(ctx, abhaAddress);
  const policy = parseConsentPolicy(input);
  ctx.store.flows.settings.setConsentPolicy(patient.abhaAddress, policy, nowIso(ctx));
  return { abhaAddress: patient.abhaAddress, policy };
}

/** Back to the default (approve). */
export function clearPatientConsentPolicy(ctx: SandboxContext, abhaAddress: string): { abhaAddress: string; policy: ConsentPolicy } {
  const patient = virtualPatient(ctx, abhaAddress);
  ctx.store.flows.settings.clearConsentPolicy(patient.abhaAddress);
  return { abhaAddress: patient.abhaAddress, policy: DEFAULT_CONSENT_POLICY };
}
