// Tells which of the eight record types a Composition is, from its type (fixed SNOMED code, the
// diagnostic-report value set, or the exact text of Wellness/Invoice) and, failing that, its meta.profile.
import type { Json } from './bundle-index.js';
import { HI_TYPES, type FhirHiType } from './hi-types.js';
import { DIAGNOSTIC_REPORT_TYPES, RECORD_PROFILES, type FixedCode } from './record-profiles.js';
import { NON_CANONICAL_SNOMED_SYSTEMS, SYSTEM } from './systems.js';

const SNOMED_SYSTEMS = new Set([SYSTEM.snomed, ...NON_CANONICAL_SNOMED_SYSTEMS]);
const DIAGNOSTIC_CODES = new Set(DIAGNOSTIC_REPORT_TYPES.map((c) => c.code));
const BY_FIXED_CODE = new Map<string, FhirHiType>();
const BY_PROFILE_URL = new Map<string, FhirHiType>();
for (const hiType of HI_TYPES) {
  const p = RECORD_PROFILES[hiType];
  if (p.typeCoding) BY_FIXED_CODE.set(p.typeCoding.code, hiType);
  BY_PROFILE_URL.set(p.profileUrl, hiType);
}

/** A SNOMED coding (canonical or look-alike system) of a CodeableConcept, with its index. */
export interface FoundCoding {
  index: number;
  code: string;
  display?: string;
}

/** The SNOMED codings of a CodeableConcept-shaped value. */
export function snomedCodings(concept: unknown): FoundCoding[] {
  const out: FoundCoding[] = [];
  if (concept === null || typeof concept !== 'object') return out;
  const codings = (concept as Json).coding;
  if (!Array.isArray(codings)) return out;
  codings.forEach((c, index) => {
    if (c === null || typeof c !== 'object') return;
    const { system, code, display } = c as Json;
    if (typeof system === 'string' && SNOMED_SYSTEMS.has(system) && typeof code === 'string') {
      out.push(typeof display === 'string' ? { index, code, display } : { index, code });
    }
  });
  return out;
}

/** The record type `Composition.type` names, or undefined. */
export function hiTypeFromType(type: unknown): FhirHiType | undefined {
  for (const c of snomedCodings(type)) {
    const fixed = BY_FIXED_CODE.get(c.code);
    if (fixed) return fixed;
    if (DIAGNOSTIC_CODES.has(c.code)) return 'DiagnosticReport';
  }
  const text = type !== null && typeof type === 'object' ? (type as Json).text : undefined;
  if (text === RECORD_PROFILES.WellnessRecord.typeText) return 'WellnessRecord';
  if (text === RECORD_PROFILES.Invoice.typeText) return 'Invoice';
  return undefined;
}

/** The record type the Composition's meta.profile claims, or undefined. */
export function hiTypeFromProfile(composition: Json): FhirHiType | undefined {
  const meta = composition.meta;
  const profiles = meta !== null && typeof meta === 'object' ? (meta as Json).profile : undefined;
  if (!Array.isArray(profiles)) return undefined;
  for (const p of profiles) {
    const hit = typeof p === 'string' ? BY_PROFILE_URL.get(p) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

export interface TypeMatch {
  matches: boolean;
  /** The coding that matched a fixed code whose display differs from the profile's. */
  displayMismatch?: { index: number; found?: string; expected: FixedCode };
  /** DiagnosticReport: a SNOMED code outside the preferred value set. */
  outsideValueSet?: FoundCoding;
}

/** Whether `type` is what the record profile of `hiType` fixes. */
export function matchRecordType(hiType: FhirHiType, type: unknown): TypeMatch {
  const profile = RECORD_PROFILES[hiType];
  if (profile.typeCoding) {
    const fixed = profile.typeCoding;
    const hit = snomedCodings(type).find((c) => c.code === fixed.code);
    if (!hit) return { matches: false };
    return hit.display === fixed.display ? { matches: true } : { matches: true, displayMismatch: { index: hit.index, found: hit.display, expected: fixed } };
  }
  if (profile.typeValueSet) {
    const codings = snomedCodings(type);
    if (codings.length === 0) return { matches: false };
    // A code that is another record's fixed code is that record, not a diagnostic report.
    if (codings.every((c) => BY_FIXED_CODE.has(c.code))) return { matches: false };
    const known = codings.find((c) => DIAGNOSTIC_CODES.has(c.code));
    return known ? { matches: true } : { matches: true, outsideValueSet: codings[0] };
  }
  const text = type !== null && typeof type === 'object' ? (type as Json).text : undefined;
  return { matches: text === profile.typeText };
}

/** How a record type's Composition.type must read, for messages. */
export function describeRecordType(hiType: FhirHiType): string {
  const p = RECORD_PROFILES[hiType];
  if (p.typeCoding) return `SNOMED ${p.typeCoding.code} "${p.typeCoding.display}"`;
  if (p.typeValueSet) return 'a SNOMED code from ndhm-diagnostic-report-type (e.g. 721981007 "Diagnostic studies report")';
  return `type.text "${p.typeText}"`;
}
