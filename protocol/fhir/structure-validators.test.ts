import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStructureValidators } from './structure-validators.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'abdm-fhir-cache-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('precompiled structure validators', () => {
  const first = tempDir();
  const compiled = loadStructureValidators({ cacheDir: first });
  const [file] = readdirSync(first);

  it('compile once and leave a standalone module in the cache directory', () => {
    expect(compiled.source).toBe('compiled');
    expect(file).toMatch(/^fhir-r4-structure-[0-9a-f]{16}\.cjs$/);
    expect(readFileSync(join(first, file), 'utf8')).toContain('__abdmMeta');
  });

  it('a later start-up loads the file instead of compiling, and judges the same way', () => {
    const second = tempDir();
    copyFileSync(join(first, file), join(second, file));
    const loaded = loadStructureValidators({ cacheDir: second });
    expect(loaded.source).toBe('cache');
    const good = { resourceType: 'Patient', gender: 'female', birthDate: '2024-02-29' };
    const bad = { resourceType: 'Patient', gender: 'F', birthDate: '2023-02-29' };
    for (const v of [compiled, loaded]) {
      const patient = v.validatorFor('Patient');
      expect(patient?.(good)).toBe(true);
      expect(patient?.(bad)).toBe(false);
      expect(patient?.errors?.map((e) => `${e.instancePath} ${e.keyword}`).sort()).toEqual(['/birthDate x-fhir-calendar-date', '/gender enum']);
    }
    expect(loaded.primitiveFor('^[ \\r\\n\\t\\S]+$')).toBe('string');
  });

  it('a cache file for another schema or Ajv version is ignored and replaced, and older files are removed', () => {
    const third = tempDir();
    writeFileSync(join(third, file), 'module.exports.__abdmMeta = { key: "stale" };');
    writeFileSync(join(third, 'fhir-r4-structure-0000000000000000.cjs'), '// from an older schema');
    const v = loadStructureValidators({ cacheDir: third });
    expect(v.source).toBe('compiled');
    expect(readFileSync(join(third, file), 'utf8')).not.toContain('"stale"');
    expect(readdirSync(third)).toEqual([file]);
  });

  it('called without a walk (as a plain Ajv validator), compiled or loaded, they just validate', () => {
    const patient = { resourceType: 'Patient', maritalStatus: { coding: [{ system: 'http://snomed.org/sct', code: 'M' }] }, managingOrganization: { reference: 'Organization/1' } };
    const second = tempDir();
    copyFileSync(join(first, file), join(second, file));
    for (const v of [compiled, loadStructureValidators({ cacheDir: second })]) expect(v.validatorFor('Patient')?.(patient)).toBe(true);
  });

  it('types outside the precompiled set are compiled from the full schema on first use', () => {
    const location = compiled.validatorFor('Location');
    expect(location?.({ resourceType: 'Location', status: 'active' })).toBe(true);
    expect(compiled.validatorFor('NotAResource')).toBeUndefined();
  });
});
