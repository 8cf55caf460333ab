// Layer 2 of the validator: R4 elements with minimum cardinality 1 that fhir.schema.json cannot require,
// because a primitive may appear as `x` or `_x` and a choice as any `x[Type]` (spec §2.2). Hand-listed from
// the R4 StructureDefinitions for the resource types ABDM records use, plus Narrative for every resource.
import { collectMissing, compilePresence, elementPath, type ElementPath, type PresenceCheck } from './element-presence.js';
import type { FhirFinding } from './findings.js';
import { finding } from './rule-catalogue.js';

/** Resource type → element paths that R4 makes 1..1 (or 1..*) and the schema leaves optional. */
export const R4_REQUIRED_ELEMENTS: Readonly<Record<string, ReadonlyArray<string>>> = {
  Bundle: ['type', 'link.relation', 'link.url', 'entry.request.method', 'entry.request.url', 'entry.response.status'],
  Composition: ['status', 'date', 'title', 'attester.mode', 'relatesTo.code', 'relatesTo.target[x]'],
  Patient: ['link.type'],
  PractitionerRole: ['notAvailable.description'],
  Encounter: ['status', 'statusHistory.status'],
  Observation: ['status'],
  Condition: [],
  AllergyIntolerance: [],
  FamilyMemberHistory: ['status'],
  MedicationRequest: ['status', 'intent', 'medication[x]'],
  MedicationStatement: ['status', 'medication[x]'],
  Medication: ['ingredient.item[x]'],
  ServiceRequest: ['status', 'intent'],
  Procedure: ['status'],
  Appointment: ['status', 'participant.status'],
  DocumentReference: ['status', 'relatesTo.code'],
  DiagnosticReport: ['status'],
  ImagingStudy: ['status', 'series.uid', 'series.instance.uid'],
  Media: ['status'],
  Immunization: ['status', 'occurrence[x]'],
  ImmunizationRecommendation: ['date', 'recommendation.dateCriterion.value'],
  CarePlan: ['status', 'intent'],
  Invoice: ['status', 'lineItem.chargeItem[x]', 'lineItem.priceComponent.type'],
  ChargeItem: ['status'],
  Binary: ['contentType'],
};

/** Narrative.status and div are 1..1 whenever a resource has `text`. */
const NARRATIVE: ReadonlyArray<string> = ['text.status'];

interface TypeRequirements {
  paths: ReadonlyArray<ElementPath>;
  /** True when no path has a missing element: the common, clean case, answered without walking the paths. */
  complete: PresenceCheck;
}

const requirements = (paths: ReadonlyArray<ElementPath>): TypeRequirements => ({ paths, complete: compilePresence(paths) });
const compiled = new Map<string, TypeRequirements>();
for (const [type, paths] of Object.entries(R4_REQUIRED_ELEMENTS)) {
  compiled.set(type, requirements([...paths, ...(type === 'Bundle' || type === 'Binary' ? [] : NARRATIVE)].map(elementPath)));
}
const narrativeOnly = requirements(NARRATIVE.map(elementPath));
// Reused scratch list: validation is synchronous, so one buffer serves every call.
const missing: string[] = [];

/** Checks one resource's required elements at `path`, appending `fhir-required` findings. */
export function checkRequiredElements(resource: Record<string, unknown>, type: string, path: string, out: FhirFinding[]): void {
  const { paths, complete } = compiled.get(type) ?? narrativeOnly;
  if (complete(resource)) return;
  for (const p of paths) {
    if (missing.length !== 0) missing.length = 0;
    collectMissing(resource, p, path, missing);
    for (const expression of missing) out.push(finding('fhir-required', expression, `${type}.${p.text} is required (R4 minimum cardinality 1)`));
  }
}
