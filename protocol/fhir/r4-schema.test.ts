import { describe, expect, it } from 'vitest';
import { definitionClosure, loadPatchedR4Schema, patchR4Schema, R4_SCHEMA_ID } from './r4-schema.js';

describe('R4 fhir.schema.json from the pinned npm package', () => {
  const schema = loadPatchedR4Schema();

  it('is HL7 FHIR R4 with the 146 R4 resource types', () => {
    expect(schema.id).toBe(R4_SCHEMA_ID);
    expect(schema.resourceTypes.size).toBe(146);
    expect(schema.resourceTypes.has('Media')).toBe(true);
    expect(schema.packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has the §2.2 patches: shallow ResourceList, calendar check on every date-like pattern', () => {
    expect(schema.definitions.ResourceList).toEqual({ type: 'object', required: ['resourceType'] });
    expect(schema.definitions.dateTime['x-fhir-calendar-date']).toBe(true);
    const condition = schema.definitions.Condition.properties as Record<string, Record<string, unknown>>;
    expect(condition.onsetDateTime['x-fhir-calendar-date']).toBe(true);
    expect(schema.primitiveByPattern.get(schema.definitions.instant.pattern as string)).toBe('instant');
  });

  it('refuses a schema that is not R4', () => {
    expect(() => patchR4Schema({ $id: 'http://hl7.org/fhir/json-schema/4.3', definitions: {} }, '0')).toThrow(/not the FHIR R4 schema/);
  });

  it('the closure of Patient holds its datatypes but not other resources', () => {
    const closure = definitionClosure(schema.definitions, ['Patient']);
    expect(Object.keys(closure)).toContain('HumanName');
    expect(Object.keys(closure)).not.toContain('Observation');
  });
});
