import { beforeAll, describe, expect, it } from 'vitest';
import { exampleOpConsultBundle } from './example-op-bundle.js';
import { createFhirValidator, type FhirValidator } from './fhir-validator.js';
import type { FhirFinding } from './findings.js';

let validator: FhirValidator;
beforeAll(() => {
  validator = createFhirValidator();
});

const ids = (findings: FhirFinding[]) => findings.map((f) => f.ruleId).sort();
const entryOf = (bundle: Record<string, any>, type: string) => bundle.entry.find((e: any) => e.resource.resourceType === type);

describe('FHIR validator on a hand-made OPConsultRecord bundle', () => {
  it('finds nothing wrong with the example, and infers its hiType from the Composition type', () => {
    const result = validator.check(exampleOpConsultBundle());
    expect(result.findings).toEqual([]);
    expect(result.hiType).toBe('OPConsultation');
  });

  it('reports the R4 schema it uses', () => {
    expect(validator.schemaInfo.id).toBe('http://hl7.org/fhir/json-schema/4.0');
  });

  it('wrong bundle type: only nrces-bundle-01', () => {
    const b = exampleOpConsultBundle();
    b.type = 'collection';
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['nrces-bundle-01']);
    expect(findings[0].expression).toBe('Bundle.type');
  });

  it('Composition not first: only bdl-11, naming entry 0', () => {
    const b = exampleOpConsultBundle();
    b.entry.push(b.entry.shift());
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['bdl-11']);
    expect(findings[0].expression).toBe('Bundle.entry[0].resource');
    expect(findings[0].message).toMatch(/^Bundle\.entry\[0\]\.resource: .*not a Patient/);
  });

  it('wrong type code for the hiType being tested: only nrces-comp-01', () => {
    const b = exampleOpConsultBundle();
    b.entry[0].resource.type.coding[0] = { system: 'http://snomed.info/sct', code: '440545006', display: 'Prescription record' };
    const findings = validator.validate(b, { hiType: 'OPConsultation' });
    expect(ids(findings)).toEqual(['nrces-comp-01']);
    expect(findings[0].expression).toBe('Bundle.entry[0].resource.type');
    expect(findings[0].message).toContain('371530004');
  });

  it('a type code that names no record type: nrces-comp-01 without a hiType', () => {
    const b = exampleOpConsultBundle();
    b.entry[0].resource.type.coding[0].code = '11488-4';
    delete b.entry[0].resource.meta.profile;
    expect(ids(validator.validate(b))).toEqual(['nrces-comp-01']);
  });

  it('a valid record sent as another hiType: only nrces-comp-01, saying which it is', () => {
    const findings = validator.validate(exampleOpConsultBundle(), { hiType: 'DischargeSummary' });
    expect(ids(findings)).toEqual(['nrces-comp-01']);
    expect(findings.find((f) => f.ruleId === 'nrces-comp-01')?.message).toContain('it names OPConsultation');
  });

  it('missing encounter in an OP consultation: only nrces-comp-04', () => {
    const b = exampleOpConsultBundle();
    delete b.entry[0].resource.encounter;
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['nrces-comp-04']);
    expect(findings[0].expression).toBe('Bundle.entry[0].resource.encounter');
  });

  it('encounter pointing at a non-Encounter: nrces-comp-05', () => {
    const b = exampleOpConsultBundle();
    b.entry[0].resource.encounter = { reference: b.entry[5].fullUrl };
    expect(ids(validator.validate(b))).toEqual(['nrces-comp-05']);
  });

  it('dangling reference: only ref-unresolved, at the exact reference element', () => {
    const b = exampleOpConsultBundle();
    b.entry[6].resource.requester = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['ref-unresolved']);
    expect(findings[0].expression).toBe('Bundle.entry[6].resource.requester.reference');
  });

  it('dangling section entry: ref-unresolved only (the profile layer does not pile on)', () => {
    const b = exampleOpConsultBundle();
    b.entry[0].resource.section[0].entry[0].reference = 'Condition/missing';
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['ref-unresolved']);
    expect(findings[0].expression).toBe('Bundle.entry[0].resource.section[0].entry[0].reference');
  });

  it('bad dates: fhir-structure at the element, for a wrong shape and for a day that does not exist', () => {
    const b = exampleOpConsultBundle();
    entryOf(b, 'Patient').resource.birthDate = '21/04/1988';
    entryOf(b, 'Condition').resource.onsetDateTime = '2025-02-30';
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['fhir-structure', 'fhir-structure']);
    expect(findings.map((f) => f.expression).sort()).toEqual(['Bundle.entry[1].resource.birthDate', 'Bundle.entry[5].resource.onsetDateTime']);
    expect(findings.find((f) => f.expression.endsWith('birthDate'))?.message).toContain('not a valid FHIR date');
    expect(findings.find((f) => f.expression.endsWith('onsetDateTime'))?.message).toContain('not a real calendar date');
  });

  it('timestamp without a timezone: fhir-structure (instant)', () => {
    const b = exampleOpConsultBundle();
    b.timestamp = '2025-03-12T10:30:00';
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['fhir-structure']);
    expect(findings[0].expression).toBe('Bundle.timestamp');
  });

  it('missing Patient identifier: only nrces-pat-01', () => {
    const b = exampleOpConsultBundle();
    delete entryOf(b, 'Patient').resource.identifier;
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['nrces-pat-01']);
    expect(findings[0].expression).toBe('Bundle.entry[1].resource.identifier');
  });

  it('identifier without a type: nrces-pat-01 at identifier[0].type', () => {
    const b = exampleOpConsultBundle();
    delete entryOf(b, 'Patient').resource.identifier[0].type;
    const findings = validator.validate(b);
    expect(findings.map((f) => [f.ruleId, f.expression])).toEqual([['nrces-pat-01', 'Bundle.entry[1].resource.identifier[0].type']]);
  });

  it('wrong section entry type: only nrces-sec-03', () => {
    const b = exampleOpConsultBundle();
    // Chief complaints takes Conditions; point it at the MedicationRequest.
    b.entry[0].resource.section[0].entry[0].reference = b.entry[6].fullUrl;
    const findings = validator.validate(b);
    expect(ids(findings)).toEqual(['nrces-sec-03']);
    expect(findings[0].expression).toBe('Bundle.entry[0].resource.section[0].entry[0].reference');
  });

  it('missing Composition.status and title: fhir-required each (the schema cannot see them)', () => {
    const b = exampleOpConsultBundle();
    delete b.entry[0].resource.status;
    delete b.entry[0].resource.title;
    const findings = validator.validate(b);
    expect(findings.map((f) => [f.ruleId, f.expression])).toEqual([
      ['fhir-required', 'Bundle.entry[0].resource.status'],
      ['fhir-required', 'Bundle.entry[0].resource.title'],
    ]);
  });

  it('a primitive given only as _status with an extension counts as present', () => {
    const b = exampleOpConsultBundle();
    delete b.entry[0].resource.status;
    b.entry[0].resource._status = { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] };
    expect(validator.validate(b)).toEqual([]);
  });

  it('an unknown element and a wrong code: one fhir-structure finding each', () => {
    const b = exampleOpConsultBundle();
    entryOf(b, 'Patient').resource.gender = 'M';
    entryOf(b, 'Patient').resource.abhaNumber = '91-6865-3273-1326';
    const findings = validator.validate(b);
    expect(findings.map((f) => [f.ruleId, f.expression]).sort()).toEqual([
      ['fhir-structure', 'Bundle.entry[1].resource.abhaNumber'],
      ['fhir-structure', 'Bundle.entry[1].resource.gender'],
    ]);
  });

  it('an entry whose resourceType is not R4: fhir-resource-type', () => {
    const b = exampleOpConsultBundle();
    b.entry.push({ fullUrl: 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e99', resource: { resourceType: 'AbhaCard' } });
    expect(validator.validate(b).map((f) => [f.ruleId, f.expression])).toEqual([['fhir-resource-type', 'Bundle.entry[7].resource.resourceType']]);
  });

  it('a resource type outside the NRCeS set (Location) is still checked against R4', () => {
    const b = exampleOpConsultBundle();
    b.entry.push({ fullUrl: 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e98', resource: { resourceType: 'Location', status: 'open' } });
    expect(validator.validate(b).map((f) => [f.ruleId, f.expression])).toEqual([['fhir-structure', 'Bundle.entry[7].resource.status']]);
  });

  it('duplicate fullUrl: bdl-7 on the second one', () => {
    const b = exampleOpConsultBundle();
    b.entry[6].fullUrl = b.entry[5].fullUrl;
    const findings = validator.validate(b).filter((f) => f.ruleId === 'bdl-7');
    expect(findings.map((f) => f.expression)).toEqual(['Bundle.entry[6].fullUrl']);
  });

  it('missing identifier and timestamp on a document: bdl-9 and bdl-10', () => {
    const b = exampleOpConsultBundle();
    delete b.identifier.value;
    delete b.timestamp;
    expect(validator.validate(b).map((f) => [f.ruleId, f.expression])).toEqual([
      ['bdl-9', 'Bundle.identifier.value'],
      ['bdl-10', 'Bundle.timestamp'],
    ]);
  });

  it('a section with nothing in it: cmp-1', () => {
    const b = exampleOpConsultBundle();
    b.entry[0].resource.section.push({ title: 'Follow up', code: { coding: [{ system: 'http://snomed.info/sct', code: '390906007', display: 'Follow-up encounter' }] } });
    expect(ids(validator.validate(b))).toEqual(['cmp-1']);
  });

  it('an extension without url: fhir-required at the extension, anywhere in a resource', () => {
    const b = exampleOpConsultBundle();
    entryOf(b, 'Patient').resource.name[0].extension = [{ valueString: 'Sharma' }];
    expect(validator.validate(b).map((f) => [f.ruleId, f.expression])).toEqual([['fhir-required', 'Bundle.entry[1].resource.name[0].extension[0].url']]);
  });

  it('a look-alike SNOMED system deep in a clinical resource is found too', () => {
    const b = exampleOpConsultBundle();
    entryOf(b, 'Condition').resource.code.coding[0].system = 'https://affinitydomain.in/sct';
    expect(validator.validate(b).map((f) => [f.ruleId, f.expression])).toEqual([['nrces-snomed-system', 'Bundle.entry[5].resource.code.coding[0].system']]);
  });

  it('old look-alike SNOMED system: a warning only, and the type still counts', () => {
    const b = exampleOpConsultBundle();
    b.entry[0].resource.type.coding[0].system = 'https://ndhm.gov.in/sct';
    const result = validator.check(b);
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.expression])).toEqual([['nrces-snomed-system', 'warning', 'Bundle.entry[0].resource.type.coding[0].system']]);
    expect(result.errors).toBe(0);
    expect(result.hiType).toBe('OPConsultation');
  });

  it('identifier formats are warnings: a Luhn-failing ABHA number, an HFR id in the IG example style', () => {
    const b = exampleOpConsultBundle();
    entryOf(b, 'Patient').resource.identifier[0].value = '91-6865-3273-1327';
    entryOf(b, 'Organization').resource.identifier[0].value = '4567823';
    const findings = validator.validate(b);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['nrces-pat-03', 'warning'],
      ['nrces-org-03', 'warning'],
    ]);
  });

  it('missing profile claims are warnings (nrces-bundle-03, nrces-comp-09)', () => {
    const b = exampleOpConsultBundle();
    delete b.meta.profile;
    delete b.entry[0].resource.meta.profile;
    expect(validator.validate(b).map((f) => [f.ruleId, f.severity])).toEqual([
      ['nrces-bundle-03', 'warning'],
      ['nrces-comp-09', 'warning'],
    ]);
  });

  it('relative Type/id references and #contained references resolve', () => {
    const b = exampleOpConsultBundle();
    const med = b.entry[6].resource;
    med.requester = { reference: `Practitioner/${entryOf(b, 'Practitioner').resource.id}` };
    med.contained = [{ resourceType: 'Medication', id: 'pcm', code: { text: 'Paracetamol 500 mg' }, identifier: [{ type: { text: 'HSN' }, value: '30049099' }] }];
    delete med.medicationCodeableConcept;
    med.medicationReference = { reference: '#pcm' };
    expect(validator.validate(b)).toEqual([]);
    med.medicationReference = { reference: '#nope' };
    expect(validator.validate(b).map((f) => [f.ruleId, f.expression])).toEqual([['ref-unresolved', 'Bundle.entry[6].resource.medicationReference.reference']]);
  });

  it('a subject pointing at another Patient is flagged (nrces-subject-01)', () => {
    const b = exampleOpConsultBundle();
    const other = structuredClone(entryOf(b, 'Patient'));
    other.fullUrl = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e97';
    other.resource.id = '1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e97';
    b.entry.push(other);
    entryOf(b, 'Condition').resource.subject = { reference: other.fullUrl };
    expect(validator.validate(b).map((f) => [f.ruleId, f.expression])).toEqual([['nrces-subject-01', 'Bundle.entry[5].resource.subject.reference']]);
  });

  it('not a bundle at all', () => {
    expect(ids(validator.validate('hello'))).toEqual(['fhir-json']);
    expect(ids(validator.validate([]))).toEqual(['fhir-json']);
    expect(validator.validate({ resourceType: 'Patient' }).map((f) => [f.ruleId, f.expression])).toEqual([['fhir-resource-type', 'Bundle.resourceType']]);
  });

  it('every finding names its FHIRPath at the start of its message', () => {
    const b = exampleOpConsultBundle();
    b.type = 'collection';
    delete b.entry[0].resource.encounter;
    entryOf(b, 'Patient').resource.gender = 'M';
    for (const f of validator.validate(b)) expect(f.message.startsWith(`${f.expression}: `)).toBe(true);
  });
});
