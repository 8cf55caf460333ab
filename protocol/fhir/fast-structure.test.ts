import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { alphanumericClass, withoutCaptures, compileFastStructure, FAST_STRUCTURE_VERSION, fastStructureSource } from './fast-structure.js';
import { definitionClosure, loadPatchedR4Schema } from './r4-schema.js';

describe('generated checks', () => {
  const schema = loadPatchedR4Schema();
  const fast = compileFastStructure(definitionClosure(schema.definitions, ['Patient', 'Observation']), ['Patient', 'Observation'], new Set(['http://snomed.org/sct']));
  const patient = fast.checks.get('Patient') as (r: unknown) => boolean;

  it('collect references while passing, and refuse what the schema refuses', () => {
    const refs: string[] = [];
    const good = { resourceType: 'Patient', birthDate: '2024-02-29', generalPractitioner: [{ reference: 'Practitioner/1' }], managingOrganization: { reference: 'urn:uuid:x' } };
    expect(fast.run(patient, good, refs)).toBe(2);
    expect(refs.sort()).toEqual(['Practitioner/1', 'urn:uuid:x']);
    expect(fast.run(patient, { ...good, birthDate: '2023-02-29' }, [])).toBe(-1);
    expect(fast.run(patient, { ...good, gender: 'F' }, [])).toBe(-1);
    expect(fast.run(patient, { ...good, nickname: 'x' }, [])).toBe(-1);
    expect(fast.run(patient, { ...good, resourceType: 'Person' }, [])).toBe(-1);
    expect(fast.run(patient, { ...good, id: 'not an id' }, [])).toBe(-1);
  });

  it('leave the string pattern of a reference to the caller, who is told how to test it', () => {
    const refs: string[] = [];
    expect(fast.run(patient, { resourceType: 'Patient', managingOrganization: { reference: '' } }, refs)).toBe(1);
    expect(refs[0]).toBe('');
    expect(fast.referenceIsString('')).toBe(false);
    expect(fast.referenceIsString('Organization/1\u000b')).toBe(false);
    expect(fast.referenceIsString('urn:uuid:x y')).toBe(true);
    expect(fast.run(patient, { resourceType: 'Patient', managingOrganization: { reference: 7 } }, [])).toBe(-1);
  });

  it('answer no for a look-alike SNOMED system, so Ajv\'s walk reports it', () => {
    const coding = (system: string) => ({ resourceType: 'Patient', maritalStatus: { coding: [{ system, code: '1' }] } });
    expect(fast.run(patient, coding('http://snomed.info/sct'), [])).toBe(0);
    expect(fast.run(patient, coding('http://snomed.org/sct'), [])).toBe(-1);
  });

  it('check an id as R4 does: 1 to 64 of letters, digits, - and .', () => {
    const withId = (id: string) => fast.run(patient, { resourceType: 'Patient', id }, []);
    expect(withId('a'.repeat(64))).toBe(0);
    expect(withId('A-1.b')).toBe(0);
    for (const bad of ['', 'a'.repeat(65), 'a b', 'a_b', 'é', 'a\u{1F600}']) expect(withId(bad)).toBe(-1);
  });

  it('rewrite only a class of letters, digits and punctuation, and keep what it takes', () => {
    const rewritten = alphanumericClass('^[A-Za-z0-9\\-\\.]{1,64}$');
    expect(rewritten).toEqual({ pattern: '^[\\w\\-\\.]+$', max: 64 });
    for (const other of ['^[^\\s]{1,5}$', '^\\S{1,5}$', '^[A-Z]{2,5}$', '^[A-Za-z0-9]{1,5}', '^[A-Za-z]{1,5}$', '^[A-Za-z0-9_]{1,5}$', '^[A-Z]+$']) expect(alphanumericClass(other)).toBeUndefined();
    // Every single character, and strings around the length limit, are judged as by R4's own pattern.
    const r4 = /^[A-Za-z0-9\-\.]{1,64}$/u;
    const fast = new RegExp(rewritten!.pattern, 'u');
    const judge = (s: string) => s.length <= 64 && fast.test(s) && s.indexOf('_') === -1;
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      expect(judge(s)).toBe(r4.test(s));
      expect(judge(`a${s}b`)).toBe(r4.test(`a${s}b`));
    }
    for (const s of ['', 'a'.repeat(64), 'a'.repeat(65), '\u{1F600}', 'a_b']) expect(judge(s)).toBe(r4.test(s));
  });

  it('drop capturing groups, and only them, from the patterns they test', () => {
    expect(withoutCaptures('^([0-9]{4})(-(0[1-9]|1[0-2]))?$')).toBe('^(?:[0-9]{4})(?:-(?:0[1-9]|1[0-2]))?$');
    expect(withoutCaptures('^[(]\\(x\\)(?:y)(?=z)$')).toBe('^[(]\\(x\\)(?:y)(?=z)$');
    expect(() => withoutCaptures('^(a)\\1$')).toThrow(/back-reference/);
    // R4's dateTime pattern, rewritten, still takes and refuses the same values.
    const dateTime = '^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$';
    const [before, after] = [new RegExp(dateTime, 'u'), new RegExp(withoutCaptures(dateTime), 'u')];
    for (const v of ['2024', '2024-02', '2024-02-29', '2024-02-29T10:00:00+05:30', '2024-02-29T10:00:00.123Z', '0000', '2024-13', '2024-02-29T10:00', '2024-02-29T24:00:00Z', '']) {
      expect(after.test(v)).toBe(before.test(v));
    }
  });

  it('have no check for a type they were not generated for, nor for Object.prototype names', () => {
    expect(fast.checks.get('Condition')).toBeUndefined();
    expect(fast.checks.get('constructor')).toBeUndefined();
  });

  it('refuse to generate for a keyword they do not implement, rather than check less', () => {
    expect(() => fastStructureSource({ X: { oneOf: [{ type: 'string' }] } }, ['X'])).toThrow(/unsupported keyword oneOf/);
  });
});

describe('generated code version', () => {
  it('the digest of the output for Patient is the one recorded for FAST_STRUCTURE_VERSION (else bump it: caches key on it)', () => {
    const schema = loadPatchedR4Schema();
    const digest = createHash('sha256').update(fastStructureSource(definitionClosure(schema.definitions, ['Patient']), ['Patient'])).digest('hex').slice(0, 16);
    // When the generator's output changes: bump FAST_STRUCTURE_VERSION, then record both here.
    expect(`${FAST_STRUCTURE_VERSION} ${digest}`).toBe('6 57fca516a3444fcf');
  });
});
