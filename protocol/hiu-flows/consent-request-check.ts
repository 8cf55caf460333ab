// What the consent manager checks in a HIU's `consent/v3/request/init` (spec §6.2, §7, §12.3 #1) before it accepts
// it. Every problem is reported at once, as the v3 gateway's array of errors (§6.2): each with the published text
// first (V3-CM's words where the spec quotes them), then exactly what was wrong, and the rule it breaks.
import { HI_TYPES, isHiType, type FhirHiType } from '../fhir/hi-types.js';
import type { Finding } from '../findings.js';
import { parseAbdmTimestamp } from '../health-information/abdm-timestamp.js';
import { checkAbhaAddress } from '../ids/abha-address.js';
import { ACCESS_MODES, FREQUENCY_UNITS, type ConsentCareContext, type ConsentPermission, type ConsentRequester } from '../consent/consent-artefact.js';
import { PURPOSE_REF_URI, PURPOSES, isPurposeCode, type PurposeCode } from '../consent/purposes.js';
import { hiuFinding, type HiuFlowRuleId } from './hiu-flow-rules.js';

/** The code V3-CM gives its validation errors, trailing ": " included, as the spec's example shows it (§6.2, §10.1). */
export const CONSENT_VALIDATION_CODE = 'ABDM-9999: ';

/** V3-CM's words for a purpose text that is not the code's label (§6.2). */
export const INVALID_PURPOSE_TEXT = `Invalid purpose text, it must be in ${Object.values(PURPOSES).join(', ')}`;
export const INVALID_REF_URI = 'Invalid consent purpose refURI';
export const INVALID_DATE = 'Invalid from/to date. Date must be a present/before date';
export const PURPOSE_CODE_NULL = 'Consent purpose code cannot be null';
export const INVALID_SERVICE_ID = 'Invalid Service ID, it must be Alpha numeric and _ or - in middle';

/** Service ids (HIP and HIU ids): letters and digits, with `_` or `-` only in the middle. */
const SERVICE_ID = /^[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/;

/** The `consent` of an init that passed the checks. */
export interface ConsentRequestBody {
  purpose: { text: string; code: PurposeCode; refUri: string };
  patient: { id: string };
  hip?: { id: string; name?: string; type?: string } | null;
  careContexts?: ConsentCareContext[] | null;
  hiu: { id: string; name?: string; type?: string };
  requester: ConsentRequester;
  hiTypes: FhirHiType[];
  permission: ConsentPermission;
}

/** One reason the init is refused: an element of the §6.2 array. */
export interface ConsentRequestProblem {
  ruleId: HiuFlowRuleId;
  code: string;
  message: string;
  /** Where in the body, e.g. `body.consent.purpose.text`. */
  path: string;
}

export interface ConsentRequestCheckContext {
  nowMs: number;
  /** The HIU services of the calling client. */
  callerHiuIds: ReadonlyArray<string>;
  /** The X-HIU-ID header, when the call carried one (already checked to be one of the caller's). */
  routingHiuId?: string;
}

export interface ConsentRequestCheck {
  /** Reasons to refuse the init; empty when it is accepted. */
  problems: ConsentRequestProblem[];
  /** Near misses that do not refuse it. */
  warnings: Finding[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Checks the `consent` of a consent request init; `consent` is whatever the body's `consent` was. */
export function checkConsentRequest(consent: unknown, context: ConsentRequestCheckContext): ConsentRequestCheck {
  const problems: ConsentRequestProblem[] = [];
  const warnings: Finding[] = [];
  const refuse = (ruleId: HiuFlowRuleId, path: string, published: string, detail: string, code = CONSENT_VALIDATION_CODE) =>
    problems.push({ ruleId, code, path: `body.consent${path}`, message: `${published}: ${detail}` });
  if (!isObject(consent)) {
    refuse('HIU-CONSENT-PURPOSE', '', 'Consent cannot be null', 'the body must be {"consent": {purpose, patient, hiu, requester, hiTypes, permission}}');
    return { problems, warnings };
  }

  checkPurpose(consent.purpose, refuse, warnings);
  const patientId = isObject(consent.patient) ? consent.patient.id : undefined;
  const patient = checkAbhaAddress(patientId, { allowConsentCharacters: true });
  if (!patient.ok) refuse('HIU-CONSENT-PATIENT', '.patient.id', 'Invalid patient id', `${patient.reason} (patient.id is ${JSON.stringify(patientId)})`);

  checkHiu(consent.hiu, context, refuse);
  if (consent.hip !== undefined && consent.hip !== null) {
    const hipId = isObject(consent.hip) ? consent.hip.id : undefined;
    if (typeof hipId !== 'string' || !SERVICE_ID.test(hipId)) refuse('HIU-CONSENT-HIP', '.hip.id', INVALID_SERVICE_ID, `hip.id is ${JSON.stringify(hipId)}; leave hip out to ask every HIP of the patient`);
  }
  if (consent.careContexts !== undefined && consent.careContexts !== null) {
    const list = consent.careContexts;
    const bad = !Array.isArray(list) || list.some((c) => !isObject(c) || !nonEmpty(c.patientReference) || !nonEmpty(c.careContextReference));
    if (bad) refuse('HIU-CONSENT-HIP', '.careContexts', 'Invalid care contexts', 'careContexts, when given, must be an array of {patientReference, careContextReference}');
  }
  checkRequester(consent.requester, refuse);
  checkHiTypes(consent.hiTypes, refuse);
  checkPermission(consent.permission, context.nowMs, refuse);
  return { problems, warnings };
}

type Refuse = (ruleId: HiuFlowRuleId, path: string, published: string, detail: string, code?: string) => void;

function checkPurpose(purpose: unknown, refuse: Refuse, warnings: Finding[]): void {
  if (!isObject(purpose)) {
    refuse('HIU-CONSENT-PURPOSE', '.purpose', PURPOSE_CODE_NULL, 'purpose is missing; send {text, code, refUri}');
    return;
  }
  if (purpose.code === undefined || purpose.code === null || purpose.code === '') {
    refuse('HIU-CONSENT-PURPOSE', '.purpose.code', PURPOSE_CODE_NULL, `purpose.code is ${JSON.stringify(purpose.code ?? null)}`);
  } else if (!isPurposeCode(purpose.code)) {
    refuse('HIU-CONSENT-PURPOSE', '.purpose.code', `Invalid purpose code, it must be in ${Object.keys(PURPOSES).join(', ')}`, `purpose.code is ${JSON.stringify(purpose.code)}`);
  } else if (purpose.text !== PURPOSES[purpose.code]) {
    refuse('HIU-CONSENT-PURPOSE', '.purpose.text', INVALID_PURPOSE_TEXT, `the text of ${purpose.code} is exactly "${PURPOSES[purpose.code]}", not ${JSON.stringify(purpose.text ?? null)}`);
  }
  // V3-CM refuses an invalid refUri, but WRAP sends strings such as "wrapper" and works (§7): only a missing one is
  // refused here; anything but the HL7 value set that DIMAGI sends is a warning [UNSURE what the live CM accepts].
  if (!nonEmpty(purpose.refUri)) {
    refuse('HIU-CONSENT-PURPOSE', '.purpose.refUri', INVALID_REF_URI, `purpose.refUri is ${JSON.stringify(purpose.refUri ?? null)}; send "${PURPOSE_REF_URI}"`);
  } else if (purpose.refUri !== PURPOSE_REF_URI) {
    warnings.push(hiuFinding('HIU-CONSENT-REFURI', `purpose.refUri is ${JSON.stringify(purpose.refUri)}; the purpose codes come from ${PURPOSE_REF_URI}`, 'body.consent.purpose.refUri'));
  }
}

function checkHiu(hiu: unknown, context: ConsentRequestCheckContext, refuse: Refuse): void {
  const id = isObject(hiu) ? hiu.id : undefined;
  if (typeof id !== 'string' || !SERVICE_ID.test(id)) {
    refuse('HIU-CONSENT-HIU-ID', '.hiu.id', INVALID_SERVICE_ID, `hiu.id is ${JSON.stringify(id ?? null)}; send your HIU service id`);
    return;
  }
  if (!context.callerHiuIds.includes(id)) {
    const yours = context.callerHiuIds.length > 0 ? context.callerHiuIds.join(', ') : 'none';
    refuse('HIU-CONSENT-HIU-ID', '.hiu.id', 'Invalid HIU ID', `hiu.id ${id} is not a HIU service of the calling client (its HIUs: ${yours})`, 'ABDM-1040');
  } else if (context.routingHiuId !== undefined && context.routingHiuId !== id) {
    refuse('HIU-CONSENT-HIU-ID', '.hiu.id', 'Invalid HIU ID', `hiu.id ${id} is not the X-HIU-ID header ${context.routingHiuId}`, 'ABDM-1040');
  }
}

function checkRequester(requester: unknown, refuse: Refuse): void {
  if (!isObject(requester)) {
    refuse('HIU-CONSENT-REQUESTER', '.requester', 'Requester cannot be null', 'send requester {name, identifier: {type, value, system}}, the doctor asking');
    return;
  }
  if (!nonEmpty(requester.name)) refuse('HIU-CONSENT-REQUESTER', '.requester.name', 'Invalid requester', 'requester.name is missing');
  const identifier = requester.identifier;
  if (!isObject(identifier)) {
    refuse('HIU-CONSENT-REQUESTER', '.requester.identifier', 'Invalid requester', 'requester.identifier {type, value, system} is missing (e.g. {"type":"REGNO","value":"MH1001","system":"https://www.mciindia.org"})');
    return;
  }
  const missing = ['type', 'value', 'system'].filter((k) => !nonEmpty(identifier[k]));
  if (missing.length > 0) refuse('HIU-CONSENT-REQUESTER', '.requester.identifier', 'Invalid requester', `requester.identifier lacks ${missing.join(', ')}`);
}

function checkHiTypes(hiTypes: unknown, refuse: Refuse): void {
  if (!Array.isArray(hiTypes) || hiTypes.length === 0) {
    refuse('HIU-CONSENT-HITYPES', '.hiTypes', 'Invalid HI types', `hiTypes must be a non-empty array of ${HI_TYPES.join(', ')}`);
    return;
  }
  const unknown = hiTypes.filter((t) => !isHiType(t));
  if (unknown.length > 0) refuse('HIU-CONSENT-HITYPES', '.hiTypes', 'Invalid HI types', `${unknown.map((t) => JSON.stringify(t)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not among ${HI_TYPES.join(', ')}`);
  if (new Set(hiTypes).size !== hiTypes.length) refuse('HIU-CONSENT-HITYPES', '.hiTypes', 'Invalid HI types', 'hiTypes names a type twice');
}

function checkPermission(permission: unknown, nowMs: number, refuse: Refuse): void {
  if (!isObject(permission)) {
    refuse('HIU-CONSENT-PERMISSION', '.permission', 'Permission cannot be null', 'send permission {accessMode, dateRange, dataEraseAt, frequency}');
    return;
  }
  if (!(ACCESS_MODES as ReadonlyArray<unknown>).includes(permission.accessMode)) {
    refuse('HIU-CONSENT-PERMISSION', '.permission.accessMode', `Invalid access mode, it must be in ${ACCESS_MODES.join(', ')}`, `permission.accessMode is ${JSON.stringify(permission.accessMode ?? null)}`);
  }
  checkFrequency(permission.frequency, refuse);
  const range = isObject(permission.dateRange) ? permission.dateRange : undefined;
  if (!range) {
    refuse('HIU-CONSENT-DATE-RANGE', '.permission.dateRange', INVALID_DATE, 'permission.dateRange {from, to} is missing');
  } else {
    const from = typeof range.from === 'string' ? parseAbdmTimestamp(range.from) : undefined;
    const to = typeof range.to === 'string' ? parseAbdmTimestamp(range.to) : undefined;
    if (from === undefined) refuse('HIU-CONSENT-DATE-RANGE', '.permission.dateRange.from', INVALID_DATE, `permission.dateRange.from ${JSON.stringify(range.from ?? null)} is not an ISO-8601 date-time`);
    if (to === undefined) refuse('HIU-CONSENT-DATE-RANGE', '.permission.dateRange.to', INVALID_DATE, `permission.dateRange.to ${JSON.stringify(range.to ?? null)} is not an ISO-8601 date-time`);
    if (from !== undefined && from > nowMs) refuse('HIU-CONSENT-DATE-RANGE', '.permission.dateRange.from', INVALID_DATE, `permission.dateRange.from ${String(range.from)} is in the future`);
    if (to !== undefined && to > nowMs) refuse('HIU-CONSENT-DATE-RANGE', '.permission.dateRange.to', INVALID_DATE, `permission.dateRange.to ${String(range.to)} is in the future; ask for data up to now at the latest`);
    if (from !== undefined && to !== undefined && from > to) refuse('HIU-CONSENT-DATE-RANGE', '.permission.dateRange', INVALID_DATE, `permission.dateRange.from ${String(range.from)} is after permission.dateRange.to ${String(range.to)}`);
  }
  const erase = typeof permission.dataEraseAt === 'string' ? parseAbdmTimestamp(permission.dataEraseAt) : undefined;
  if (erase === undefined) refuse('HIU-CONSENT-ERASE-AT', '.permission.dataEraseAt', 'Invalid data erase date', `permission.dataEraseAt ${JSON.stringify(permission.dataEraseAt ?? null)} is not an ISO-8601 date-time`);
  else if (erase <= nowMs) refuse('HIU-CONSENT-ERASE-AT', '.permission.dataEraseAt', 'Invalid data erase date. Date must be a future date', `permission.dataEraseAt ${String(permission.dataEraseAt)} is not in the future`);
}

function checkFrequency(frequency: unknown, refuse: Refuse): void {
  const published = 'Invalid frequency';
  if (!isObject(frequency)) {
    refuse('HIU-CONSENT-PERMISSION', '.permission.frequency', published, 'permission.frequency {unit, value, repeats} is missing (e.g. {"unit":"HOUR","value":1,"repeats":0})');
    return;
  }
  const wrong: string[] = [];
  if (!(FREQUENCY_UNITS as ReadonlyArray<unknown>).includes(frequency.unit)) wrong.push(`unit ${JSON.stringify(frequency.unit ?? null)} is not one of ${FREQUENCY_UNITS.join(', ')}`);
  if (!Number.isInteger(frequency.value) || (frequency.value as number) < 1) wrong.push(`value ${JSON.stringify(frequency.value ?? null)} is not an integer ≥ 1`);
  if (!Number.isInteger(frequency.repeats) || (frequency.repeats as number) < 0) wrong.push(`repeats ${JSON.stringify(frequency.repeats ?? null)} is not an integer ≥ 0`);
  if (wrong.length > 0) refuse('HIU-CONSENT-PERMISSION', '.permission.frequency', published, `permission.frequency ${wrong.join('; ')}`);
}
