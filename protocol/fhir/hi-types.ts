// The eight ABDM health-information types a FHIR document bundle can carry (gateway `hiType`).
// Kept in protocol/ so the validator does not depend on the synthetic world; the world's `HiType` is the same union.

/** Every hiType, in the order ABDM's packaging guide lists them (Invoice last: v3 only). */
export const HI_TYPES = [
  'OPConsultation',
  'Prescription',
  'DischargeSummary',
  'DiagnosticReport',
  'ImmunizationRecord',
  'HealthDocumentRecord',
  'WellnessRecord',
  'Invoice',
] as const;

export type FhirHiType = (typeof HI_TYPES)[number];

/** True when `value` is one of the eight hiTypes (case-sensitive, as the gateway compares them). */
export function isHiType(value: unknown): value is FhirHiType {
  return typeof value === 'string' && (HI_TYPES as ReadonlyArray<string>).includes(value);
}
