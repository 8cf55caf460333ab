// What the NRCeS resource profiles (IG v6.5.0, spec §1.4) make required beyond R4, as rows of
// (rule id, resource type, element path[, profile]). A row applies to every resource of that type in the
// bundle; a row with a profile applies only to resources whose meta.profile names it.
import { nrcesProfile } from './systems.js';

export interface ResourceRequirement {
  ruleId: string;
  resourceType: string;
  /** Element path below the resource; the leaf is required in every instance of its parent. */
  path: string;
  /** NRCeS profile id the row is limited to (DiagnosticReportLab vs DiagnosticReportImaging). */
  profile?: string;
}

const rows = (ruleId: string, resourceType: string, paths: ReadonlyArray<string>, profile?: string): ResourceRequirement[] =>
  paths.map((path) => (profile === undefined ? { ruleId, resourceType, path } : { ruleId, resourceType, path, profile }));

export const RESOURCE_REQUIREMENTS: ReadonlyArray<ResourceRequirement> = [
  // §1.6 item 6 and the Patient, Practitioner, Organization profiles.
  ...rows('nrces-pat-01', 'Patient', ['identifier', 'identifier.type', 'identifier.value']),
  ...rows('nrces-pat-02', 'Patient', ['name.text']),
  ...rows('nrces-prac-01', 'Practitioner', ['identifier', 'identifier.type', 'identifier.value']),
  ...rows('nrces-prac-02', 'Practitioner', ['name.text']),
  ...rows('nrces-org-01', 'Organization', ['identifier', 'identifier.type', 'identifier.system', 'identifier.value']),
  ...rows('nrces-org-02', 'Organization', ['name']),
  // Clinical and billing resources.
  ...rows('nrces-res-01', 'Condition', ['code']),
  ...rows('nrces-res-01', 'AllergyIntolerance', ['code']),
  ...rows('nrces-res-01', 'Procedure', ['code']),
  ...rows('nrces-res-01', 'FamilyMemberHistory', ['condition']),
  ...rows('nrces-res-01', 'MedicationRequest', ['authoredOn', 'requester', 'dosageInstruction']),
  ...rows('nrces-res-01', 'Medication', ['code', 'identifier.type', 'identifier.value']),
  ...rows('nrces-res-01', 'ServiceRequest', ['requester']),
  ...rows('nrces-res-01', 'Appointment', ['start']),
  ...rows('nrces-res-01', 'DocumentReference', ['content.attachment.contentType', 'content.attachment.data']),
  ...rows('nrces-res-01', 'Media', ['content.contentType', 'content.data']),
  ...rows('nrces-res-01', 'Binary', ['data']),
  ...rows('nrces-res-01', 'Specimen', ['receivedTime', 'collection.collected[x]']),
  ...rows('nrces-res-01', 'ChargeItem', ['quantity', 'product[x]']),
  ...rows('nrces-res-01', 'Invoice', [
    'identifier',
    'identifier.value',
    'type',
    'subject',
    'date',
    'lineItem',
    'lineItem.priceComponent',
    'lineItem.priceComponent.code',
    'lineItem.priceComponent.amount',
    'totalNet',
    'totalGross',
  ]),
  ...rows('nrces-res-01', 'DiagnosticReport', ['resultsInterpreter', 'result', 'conclusion', 'presentedForm.contentType', 'presentedForm.data'], 'DiagnosticReportLab'),
  ...rows('nrces-res-01', 'DiagnosticReport', ['resultsInterpreter', 'media', 'conclusion', 'presentedForm.contentType', 'presentedForm.data'], 'DiagnosticReportImaging'),
];

/** The canonical URL of a requirement's profile, when it has one. */
export function requirementProfileUrl(r: ResourceRequirement): string | undefined {
  return r.profile === undefined ? undefined : nrcesProfile(r.profile);
}
