import { beforeAll, describe, expect, it } from 'vitest';
import { exampleOpConsultBundle } from '../../protocol/fhir/example-op-bundle.js';
import { createFhirValidator, type FhirValidator } from '../../protocol/fhir/fhir-validator.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { validateBundleText } from './fhir.js';

let validator: FhirValidator;
beforeAll(() => {
  validator = createFhirValidator();
});

describe('abdm-sandbox fhir validate', () => {
  it('exits 0 and says the bundle is valid, naming the inferred hiType', () => {
    const out = validateBundleText(validator, JSON.stringify(exampleOpConsultBundle()), 'op.json', {});
    expect(out).toEqual({ exitCode: EXIT.ok, stdout: 'op.json: valid OPConsultation bundle\n' });
  });

  it('exits 1 and lists each finding with severity, rule id and FHIRPath', () => {
    const b = exampleOpConsultBundle();
    delete b.entry[0].resource.encounter;
    const out = validateBundleText(validator, JSON.stringify(b), 'op.json', { hiType: 'OPConsultation' });
    expect(out.exitCode).toBe(EXIT.failure);
    expect(out.stdout).toBe(
      'op.json: invalid OPConsultation bundle: 1 error, 0 warnings\n' +
        '  error   nrces-comp-04      Bundle.entry[0].resource.encounter: OPConsultRecord requires Composition.encounter (1..1)\n',
    );
  });

  it('warnings alone still exit 0', () => {
    const b = exampleOpConsultBundle();
    delete b.meta.profile;
    const out = validateBundleText(validator, JSON.stringify(b), 'op.json', {});
    expect(out.exitCode).toBe(EXIT.ok);
    expect(out.stdout.split('\n')[0]).toBe('op.json: valid OPConsultation bundle (1 warning)');
  });

  it('--json prints a machine-readable report', () => {
    const out = validateBundleText(validator, '{"resourceType":"Bundle","type":"document"', '-', { json: true });
    expect(out.exitCode).toBe(EXIT.failure);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ file: '-', hiType: null, valid: false, errors: 1, warnings: 0 });
    expect(report.findings[0]).toMatchObject({ ruleId: 'fhir-json', severity: 'error', expression: 'Bundle' });
  });

  it('an unknown --hi-type is a usage error', () => {
    expect(() => validateBundleText(validator, '{}', 'x.json', { hiType: 'OPD' })).toThrow(UsageError);
  });
});
