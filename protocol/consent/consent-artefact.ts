// The consent artefact (`consentDetail`, spec §7, v3) and the terms a patient grants: built once here so the
// consent manager the sandbox plays toward HIPs (M2) and toward HIUs (M3) send the same thing.
import { HI_TYPES, isHiType, type FhirHiType } from '../fhir/hi-types.js';
import { parseAbdmTimestamp } from '../health-information/abdm-timestamp.js';
import { isPurposeCode, purposeOf, PURPOSES, type ConsentPurpose, type PurposeCode } from './purposes.js';

export type ConsentStatus = 'REQUESTED' | 'GRANTED' | 'DENIED' | 'REVOKED' | 'EXPIRED';
export const ACCESS_MODES = ['VIEW', 'STORE', 'QUERY', 'STREAM'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];
export const FREQUENCY_UNITS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type FrequencyUnit = (typeof FREQUENCY_UNITS)[number];

export interface DateRange {
  from: string;
  to: string;
}

export interface ConsentCareContext {
  patientReference: string;
  careContextReference: string;
}

export interface ConsentParty {
  id: string;
  name: string;
  type: 'HIP' | 'HIU';
}

export interface ConsentRequester {
  name: string;
  identifier: { type: string; value: string; system: string };
}

export interface ConsentPermission {
  accessMode: AccessMode;
  /** The clinical dates of the data the consent covers. */
  dateRange: DateRange;
  /** When the consent expires and the data must be erased. */
  dataEraseAt: string;
  frequency: { unit: FrequencyUnit; value: number; repeats: number };
}

export interface ConsentDetail {
  schemaVersion: 'v3';
  consentId: string;
  createdAt: string;
  patient: { id: string };
  careContexts: ConsentCareContext[];
  purpose: ConsentPurpose;
  hip: ConsentParty;
  hiu: ConsentParty;
  consentManager: { id: string };
  requester: ConsentRequester;
  hiTypes: FhirHiType[];
  permission: ConsentPermission;
}

/** What the patient grants: the part of an artefact a person chooses. */
export interface ConsentTerms {
  careContexts: ConsentCareContext[];
  hiTypes: FhirHiType[];
  purpose: PurposeCode;
  dateRange: DateRange;
  dataEraseAt: string;
  accessMode?: AccessMode;
  frequency?: ConsentPermission['frequency'];
}

export interface BuildConsentDetailInput {
  consentId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  patientId: string;
  hip: Omit<ConsentParty, 'type'>;
  hiu: Omit<ConsentParty, 'type'>;
  requester: ConsentRequester;
  /** The consent manager id (`sbx` in the sandbox). */
  cmId: string;
  terms: ConsentTerms;
}

/** The artefact for granted terms; dates are written as ISO-8601 UTC with milliseconds. */
export function buildConsentDetail(input: BuildConsentDetailInput): ConsentDetail {
  const { terms } = input;
  return {
    schemaVersion: 'v3',
    consentId: input.consentId,
    createdAt: new Date(input.createdAt).toISOString(),
    patient: { id: input.patientId },
    careContexts: terms.careContexts.map((c) => ({ patientReference: c.patientReference, careContextReference: c.careContextReference })),
    purpose: purposeOf(terms.purpose),
    hip: { ...input.hip, type: 'HIP' },
    hiu: { ...input.hiu, type: 'HIU' },
    consentManager: { id: input.cmId },
    requester: input.requester,
    hiTypes: [...terms.hiTypes],
    permission: {
      accessMode: terms.accessMode ?? 'VIEW',
      dateRange: { from: isoOf(terms.dateRange.from), to: isoOf(terms.dateRange.to) },
      dataEraseAt: isoOf(terms.dataEraseAt),
      frequency: terms.frequency ?? { unit: 'HOUR', value: 1, repeats: 0 },
    },
  };
}

function isoOf(value: string): string {
  const ms = parseAbdmTimestamp(value);
  return ms === undefined ? value : new Date(ms).toISOString();
}

/**
 * Everything wrong with terms a patient wants to grant at `nowMs` (spec §7 "semantics to enforce"): an empty list
 * when they can be granted. Messages name the field, e.g. `dateRange.to 2030-01-01T00:00:00.000Z is in the future`.
 */
export function consentTermsProblems(terms: Partial<Record<keyof ConsentTerms, unknown>>, nowMs: number): string[] {
  const problems: string[] = [];
  if (!isPurposeCode(terms.purpose)) problems.push(`purpose must be one of ${Object.keys(PURPOSES).join(', ')}, not ${JSON.stringify(terms.purpose)}`);
  if (!Array.isArray(terms.hiTypes) || terms.hiTypes.length === 0) problems.push(`hiTypes must be a non-empty array of ${HI_TYPES.join(', ')}`);
  else {
    for (const t of terms.hiTypes) if (!isHiType(t)) problems.push(`hiTypes: ${JSON.stringify(t)} is not one of ${HI_TYPES.join(', ')}`);
    if (new Set(terms.hiTypes).size !== terms.hiTypes.length) problems.push('hiTypes lists a type twice');
  }
  if (!Array.isArray(terms.careContexts) || terms.careContexts.length === 0) problems.push('careContexts must be a non-empty array of {patientReference, careContextReference}');
  else {
    terms.careContexts.forEach((c: unknown, i) => {
      const cc = c as Partial<ConsentCareContext> | null;
      if (!cc || typeof cc.patientReference !== 'string' || cc.patientReference === '' || typeof cc.careContextReference !== 'string' || cc.careContextReference === '') {
        problems.push(`careContexts[${i}] must have a patientReference and a careContextReference`);
      }
    });
  }
  const range = terms.dateRange as Partial<DateRange> | undefined;
  const from = typeof range?.from === 'string' ? parseAbdmTimestamp(range.from) : undefined;
  const to = typeof range?.to === 'string' ? parseAbdmTimestamp(range.to) : undefined;
  if (from === undefined) problems.push(`dateRange.from must be an ISO-8601 date-time, not ${JSON.stringify(range?.from)}`);
  if (to === undefined) problems.push(`dateRange.to must be an ISO-8601 date-time, not ${JSON.stringify(range?.to)}`);
  if (from !== undefined && to !== undefined && from > to) problems.push(`dateRange.from ${range!.from} is after dateRange.to ${range!.to}`);
  // V3-CM: "Date must be a present/before date".
  if (to !== undefined && to > nowMs) problems.push(`dateRange.to ${range!.to} is in the future; the data range must end now or earlier`);
  const erase = typeof terms.dataEraseAt === 'string' ? parseAbdmTimestamp(terms.dataEraseAt) : undefined;
  if (erase === undefined) problems.push(`dataEraseAt must be an ISO-8601 date-time, not ${JSON.stringify(terms.dataEraseAt)}`);
  else if (erase <= nowMs) problems.push(`dataEraseAt ${String(terms.dataEraseAt)} is not in the future`);
  if (terms.accessMode !== undefined && !(ACCESS_MODES as ReadonlyArray<unknown>).includes(terms.accessMode)) {
    problems.push(`accessMode must be one of ${ACCESS_MODES.join(', ')}`);
  }
  return problems;
}

/** The body of `consent/request/hip/notify` (spec §5.8, v3): the artefact travels with every status. */
export function hipConsentNotification(status: 'GRANTED' | 'REVOKED' | 'EXPIRED', detail: ConsentDetail, signature: string) {
  // For REVOKED and EXPIRED the spec is [UNSURE] whether consentDetail is sent; it is, so a HIP can always find
  // the artefact by either notification.consentId or consentDetail.consentId.
  return { notification: { status, consentId: detail.consentId, consentDetail: detail, signature, grantAcknowledgement: false } };
}
