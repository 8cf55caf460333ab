import { describe, expect, it } from 'vitest';
import { compileFastStructure, fastStructureSource, PATTERN_SCANNERS, PATTERN_SCANNERS_SOURCE } from './fast-structure.js';
import { definitionClosure, loadPatchedR4Schema } from './r4-schema.js';

const scanners = new Function(`${PATTERN_SCANNERS_SOURCE}\nreturn { sString, sUri, sCode, sId };`)() as Record<string, (s: string) => boolean>;

describe('pattern scans decide exactly as the R4 regular expressions (u flag, as Ajv compiles them)', () => {
  const units = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
  const whitespace = units.filter((u) => /\s/u.test(u));
  const interesting = [...whitespace, 'a', 'Z', '0', '-', '.', '_', '\u0000', '\u001f', '\u007f', '\u0085', '\u00a1', '\u200b', '\ud83d', '\ude00', '\ud83d\ude00'];

  for (const [pattern, name] of Object.entries(PATTERN_SCANNERS)) {
    it(`${name} ≡ /${pattern}/u`, () => {
      const regex = new RegExp(pattern, 'u');
      const scan = scanners[name];
      const samples: string[] = ['', 'x'.repeat(64), 'x'.repeat(65), 'a b', 'a  b', ' a', 'a ', 'a\tb', 'a\u00a0b', 'http://snomed.info/sct', '😀', 'a😀b'];
      for (const u of units) samples.push(u, `a${u}`, `${u}a`, `a${u}b`);
      for (const x of interesting) for (const y of interesting) samples.push(`${x}${y}`, `a${x}${y}b`, `${x}a${y}`);
      const differ = samples.filter((s) => regex.test(s) !== scan(s));
      expect(differ.map((s) => JSON.stringify(s)).slice(0, 10)).toEqual([]);
      // Both verdicts occur: the comparison is not vacuous.
      expect(samples.some((s) => scan(s))).toBe(true);
      expect(samples.some((s) => !scan(s))).toBe(true);
    });
  }

  it('the scans replace those patterns in the generated checks, other patterns stay regular expressions', () => {
    const schema = loadPatchedR4Schema();
    const source = fastStructureSource(definitionClosure(schema.definitions, ['Patient']), ['Patient']);
    for (const name of Object.values(PATTERN_SCANNERS)) expect(source).toContain(`!${name}(`);
    for (const pattern of Object.keys(PATTERN_SCANNERS)) expect(source).not.toContain(JSON.stringify(pattern));
    expect(source).toContain('new RegExp(');
  });
});

describe('generated checks', () => {
  const schema = loadPatchedR4Schema();
  const fast = compileFastStructure(definitionClosure(schema.definitions, ['Patient', 'Observation']), ['Patient', 'Observation'], new Set(['http://snomed.org/sct']));
  const patient = fast.checks.get('Patient') as (r: unknown) => boolean;

  it('collect references while passing, and refuse what the schema refuses', () => {
    const refs: string[] = [];
    const good = { resourceType: 'Patient', birthDate: '2024-02-29', generalPractitioner: [{ reference: 'Practitioner/1' }], managingOrganization: { reference: 'urn:uuid:x' } };
    expect(fast.run(patient, good, refs)).toBe(true);
    expect(refs.sort()).toEqual(['Practitioner/1', 'urn:uuid:x']);
    expect(fast.run(patient, { ...good, birthDate: '2023-02-29' }, [])).toBe(false);
    expect(fast.run(patient, { ...good, gender: 'F' }, [])).toBe(false);
    expect(fast.run(patient, { ...good, nickname: 'x' }, [])).toBe(false);
    expect(fast.run(patient, { ...good, resourceType: 'Person' }, [])).toBe(false);
    expect(fast.run(patient, { ...good, id: 'not an id' }, [])).toBe(false);
  });

  it('answer no for a look-alike SNOMED system, so Ajv\'s walk reports it', () => {
    const coding = (system: string) => ({ resourceType: 'Patient', maritalStatus: { coding: [{ system, code: '1' }] } });
    expect(fast.run(patient, coding('http://snomed.info/sct'), [])).toBe(true);
    expect(fast.run(patient, coding('http://snomed.org/sct'), [])).toBe(false);
  });

  it('have no check for a type they were not generated for, nor for Object.prototype names', () => {
    expect(fast.checks.get('Condition')).toBeUndefined();
    expect(fast.checks.get('constructor')).toBeUndefined();
  });

  it('refuse to generate for a keyword they do not implement, rather than check less', () => {
    expect(() => fastStructureSource({ X: { oneOf: [{ type: 'string' }] } }, ['X'])).toThrow(/unsupported keyword oneOf/);
  });
});
