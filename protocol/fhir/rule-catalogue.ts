// Every rule the FHIR validator can report, as data: a stable id, a severity, the layer that checks it,
// what it requires and where the requirement comes from. docs/fhir-rules.md is rendered from this table.
import type { FhirFinding, FhirSeverity } from './findings.js';

export type FhirRuleLayer = 'structure' | 'required' | 'bundle' | 'nrces';

export interface FhirRule {
  id: string;
  severity: FhirSeverity;
  layer: FhirRuleLayer;
  /** What a conforming bundle does, in one sentence. */
  requirement: string;
  /** The official FHIRPath of an HL7 invariant, when the rule is one. */
  fhirpath?: string;
  /** Where the rule comes from (spec section, profile, invariant). */
  source: string;
}

const rule = (
  id: string,
  severity: FhirSeverity,
  layer: FhirRuleLayer,
  requirement: string,
  source: string,
  fhirpath?: string,
): FhirRule => (fhirpath === undefined ? { id, severity, layer, requirement, source } : { id, severity, layer, requirement, source, fhirpath });

export const FHIR_RULES: ReadonlyArray<FhirRule> = [
  // Layer 1: structure (ajv + HL7's R4 fhir.schema.json, each resource against its own definition).
  rule('fhir-json', 'error', 'structure', 'The input is JSON and a FHIR resource: an object with a `resourceType`.', '§1.6 item 1'),
  rule('fhir-resource-type', 'error', 'structure', 'The top level is a `Bundle`, and every `resourceType` (entries, contained) is an R4 resource type.', '§1.6 item 1; FHIR R4 JSON'),
  rule(
    'fhir-structure',
    'error',
    'structure',
    'Each resource conforms to the HL7 R4 JSON schema: element names, types, primitive formats (dates are real calendar dates), required-binding codes, required complex elements.',
    '§2.2, §2.3 step 1; fhir.schema.json (R4 4.0)',
  ),
  // Layer 2: required elements the schema cannot express.
  rule(
    'fhir-required',
    'error',
    'required',
    'Elements with minimum cardinality 1 in R4 that the JSON schema does not enforce are present: primitives (e.g. `Composition.status`, `date`, `title`), choice elements (`Immunization.occurrence[x]`), `Extension.url`.',
    '§2.2 (what the schema does not check), §2.3 step 2, §1.6 item 3',
  ),
  // Layer 3: Bundle and Composition invariants, references.
  rule('bdl-1', 'error', 'bundle', '`total` only when a search or history.', 'R4 Bundle invariant', "total.empty() or (type = 'searchset') or (type = 'history')"),
  rule('bdl-2', 'error', 'bundle', '`entry.search` only when a search.', 'R4 Bundle invariant', "entry.search.empty() or (type = 'searchset')"),
  rule(
    'bdl-3',
    'error',
    'bundle',
    '`entry.request` mandatory for batch/transaction/history, otherwise prohibited.',
    'R4 Bundle invariant',
    "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
  ),
  rule(
    'bdl-4',
    'error',
    'bundle',
    '`entry.response` mandatory for batch-response/transaction-response/history, otherwise prohibited.',
    'R4 Bundle invariant',
    "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
  ),
  rule('bdl-5', 'error', 'bundle', 'Every entry has a resource, a request or a response.', 'R4 Bundle.entry invariant', 'resource.exists() or request.exists() or response.exists()'),
  rule(
    'bdl-7',
    'error',
    'bundle',
    '`fullUrl` is unique in the bundle (unless `meta.versionId` differs).',
    'R4 Bundle invariant; §1.2, §1.6 item 2',
    "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
  ),
  rule('bdl-8', 'error', 'bundle', '`fullUrl` is not a version-specific reference.', 'R4 Bundle.entry invariant', "fullUrl.contains('/_history/').not()"),
  rule(
    'bdl-9',
    'error',
    'bundle',
    'A document has `identifier.system` and `identifier.value`.',
    'R4 Bundle invariant; DocumentBundle (§1.2); §1.6 item 1',
    "type = 'document' implies (identifier.system.exists() and identifier.value.exists())",
  ),
  rule('bdl-10', 'error', 'bundle', 'A document has a `timestamp`.', 'R4 Bundle invariant; DocumentBundle; §1.6 item 1', "type = 'document' implies (timestamp.hasValue())"),
  rule(
    'bdl-11',
    'error',
    'bundle',
    'The first entry of a document is a Composition.',
    'R4 Bundle invariant; §1.6 item 2',
    "type = 'document' implies entry.first().resource.is(Composition)",
  ),
  rule('bdl-12', 'error', 'bundle', 'The first entry of a message is a MessageHeader.', 'R4 Bundle invariant', "type = 'message' implies entry.first().resource.is(MessageHeader)"),
  rule('cmp-1', 'error', 'bundle', 'A Composition section has text, entries or sub-sections.', 'R4 Composition.section invariant', 'text.exists() or entry.exists() or section.exists()'),
  rule('cmp-2', 'error', 'bundle', 'A Composition section has an `emptyReason` only when it has no entries.', 'R4 Composition.section invariant', 'emptyReason.empty() or entry.empty()'),
  rule('doc-entry-fullurl', 'error', 'bundle', 'Every entry of a document has a `fullUrl` (`urn:uuid:` or a RESTful URL).', '§1.2, §1.6 item 2'),
  rule('doc-entry-resource', 'error', 'bundle', 'Every entry of a document has a `resource`.', '§1.6 item 2'),
  rule(
    'ref-unresolved',
    'error',
    'bundle',
    'Every `reference` resolves inside the bundle: to an entry by `fullUrl` (or by `Type/id`), or to a contained resource (`#id`).',
    '§1.2, §1.6 item 2; FHIR R4 bundle resolution',
  ),
  // Layer 4: NRCeS profiles (§1.2-§1.4) and the conformance checklist (§1.6).
  rule('nrces-bundle-01', 'error', 'nrces', '`Bundle.type` is `document` (DocumentBundle fixes it).', 'DocumentBundle; §1.6 item 1'),
  rule('nrces-bundle-02', 'error', 'nrces', '`Bundle.meta.versionId` is present (DocumentBundle: meta 1.., meta.versionId 1..).', 'DocumentBundle; §1.6 item 1'),
  rule('nrces-bundle-03', 'warning', 'nrces', '`Bundle.meta.profile` names DocumentBundle.', '§1.1, §1.6 item 8'),
  rule('nrces-bundle-04', 'warning', 'nrces', '`Bundle.timestamp` is not earlier than `Composition.date`.', '§1.6 item 9'),
  rule(
    'nrces-comp-01',
    'error',
    'nrces',
    'The Composition type identifies the record: the fixed SNOMED code of the hiType (or `type.text` "Wellness Record" / "Invoice Record"), and matches the hiType being tested.',
    '§1.3 table; §1.6 item 4',
  ),
  rule('nrces-comp-02', 'warning', 'nrces', 'A DiagnosticReportRecord type comes from the `ndhm-diagnostic-report-type` value set (preferred binding).', '§1.3 (DiagnosticReport row)'),
  rule('nrces-comp-03', 'error', 'nrces', '`Composition.subject.reference` is present and resolves to a Patient.', '§1.3 (subject 1.. only Reference(Patient)); §1.6 item 4'),
  rule('nrces-comp-04', 'error', 'nrces', 'OPConsultRecord and DischargeSummaryRecord have `Composition.encounter`.', '§1.3 (encounter 1..); §1.6 item 4'),
  rule('nrces-comp-05', 'error', 'nrces', '`Composition.encounter`, when present, resolves to an Encounter.', '§1.3 (encounter only Reference(Encounter)); §1.6 item 4'),
  rule('nrces-comp-06', 'error', 'nrces', 'Every `Composition.author` has a `reference` (profiles with author.reference 1..).', '§1.3 (author.reference 1..)'),
  rule('nrces-comp-07', 'error', 'nrces', '`Composition.author` resolves to a Practitioner, PractitionerRole, Organization, Patient, RelatedPerson or Device.', '§1.3 (author only Reference(...))'),
  rule('nrces-comp-08', 'error', 'nrces', '`Composition.custodian`, when present, resolves to an Organization.', '§1.3 (custodian only Reference(Organization))'),
  rule('nrces-comp-09', 'warning', 'nrces', '`Composition.meta.profile` names the record profile (OPConsultRecord, PrescriptionRecord, ...).', '§1.1, §1.6 item 8'),
  rule('nrces-sec-01', 'error', 'nrces', 'The Composition has as many sections as the profile allows (exactly one for Prescription, DiagnosticReport, Immunization, HealthDocument, Invoice; at least one otherwise).', '§1.3; §1.6 item 5'),
  rule('nrces-sec-02', 'error', 'nrces', 'A section has as many entries as the profile allows (e.g. 1..2 for DiagnosticReportRecord, at most one Binary in a prescription).', '§1.3; §1.6 item 5'),
  rule('nrces-sec-03', 'error', 'nrces', 'A section entry resolves to a resource type the section allows (and to the type its `entry.type` names).', '§1.3; §1.6 item 5'),
  rule('nrces-sec-04', 'error', 'nrces', '`section.entry.type` is filled, with an allowed value, where the profile slices entries on it (Prescription, DiagnosticReport, Immunization, Invoice).', '§1.3; §1.6 item 5'),
  rule('nrces-sec-05', 'warning', 'nrces', 'OPConsultRecord and DischargeSummaryRecord sections carry a section code the profile knows (open slicing: others are tolerated).', '§1.3 (things to tolerate); §1.6 item 7'),
  rule('nrces-sec-06', 'error', 'nrces', 'A section code fixed by the profile (Prescription 440545006, Immunization 41000179103, HealthDocument 419891008) is not replaced by another code.', '§1.3'),
  rule('nrces-sec-07', 'error', 'nrces', 'A section slice appears at most once (every OP, Discharge and Wellness slice is 0..1).', '§1.3'),
  rule('nrces-sec-08', 'error', 'nrces', 'WellnessRecord section titles are from the allowed list ("Vital Signs", "Body Measurement", ..., "Document Reference").', '§1.3 (Wellness row); §1.6 item 5'),
  rule('nrces-code-display', 'warning', 'nrces', 'A fixed SNOMED code (Composition type, section code) carries the display the profile fixes.', '§1.3 (code and display fixed)'),
  rule('nrces-snomed-system', 'warning', 'nrces', 'SNOMED CT codes use the system `http://snomed.info/sct`, not a look-alike (`https://ndhm.gov.in/sct`, ...).', '§1.3 (things to tolerate); §1.6 item 7'),
  rule('nrces-pat-01', 'error', 'nrces', 'The Patient has at least one identifier, each with a `type` and a `value`.', 'NRCeS Patient (§1.4); §1.6 item 6'),
  rule('nrces-pat-02', 'error', 'nrces', 'A Patient name has `name.text`.', 'NRCeS Patient (§1.4)'),
  rule('nrces-pat-03', 'warning', 'nrces', 'An ABHA identifier holds a 14-digit ABHA number passing the Luhn check, or an ABHA address (`name@sbx`, `name@abdm`).', '§4 (ABHA number, ABHA address); §1.6 item 7'),
  rule('nrces-prac-01', 'error', 'nrces', 'The Practitioner has at least one identifier, each with a `type` and a `value`.', 'NRCeS Practitioner (§1.4); §1.6 item 6'),
  rule('nrces-prac-02', 'error', 'nrces', 'A Practitioner name has `name.text`.', 'NRCeS Practitioner (§1.4)'),
  rule('nrces-prac-03', 'warning', 'nrces', 'An HPR identifier (`https://doctor.ndhm.gov.in`) holds a 14-digit HPR id or an `@hpr.abdm` address.', '§4 (HPR ID); §1.6 item 7'),
  rule('nrces-org-01', 'error', 'nrces', 'The Organization has at least one identifier, each with a `type`, a `system` and a `value`.', 'NRCeS Organization (§1.4); §1.6 item 6'),
  rule('nrces-org-02', 'error', 'nrces', 'The Organization has a `name`.', 'NRCeS Organization (§1.4); §1.6 item 6'),
  rule('nrces-org-03', 'warning', 'nrces', 'An HFR identifier (`https://facility.ndhm.gov.in`) holds `IN` followed by 10 digits.', '§4 (HFR facility ID); §1.6 item 7'),
  rule(
    'nrces-res-01',
    'error',
    'nrces',
    'Clinical resources carry what their NRCeS profile makes required (e.g. MedicationRequest authoredOn/requester/dosageInstruction; DiagnosticReportLab resultsInterpreter/result/conclusion; Invoice identifier/type/date/lineItem.priceComponent/totals; DocumentReference attachment contentType and data).',
    'NRCeS resource profiles (§1.4)',
  ),
  rule('nrces-subject-01', 'warning', 'nrces', "Every `subject`/`patient` reference to a Patient points to the Composition's Patient.", '§1.6 item 9'),
];

const byId = new Map(FHIR_RULES.map((r) => [r.id, r]));

/** The rule with this id; throws on an unknown id so a typo cannot ship a finding without a documented rule. */
export function fhirRule(id: string): FhirRule {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown FHIR rule id ${id}`);
  return found;
}

/** A finding of rule `id` at `expression`; the message is the expression followed by `detail`. */
export function finding(id: string, expression: string, detail: string): FhirFinding {
  return { ruleId: id, severity: fhirRule(id).severity, expression, message: `${expression}: ${detail}` };
}
