import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FHIR_RULES, fhirRule, finding } from './rule-catalogue.js';
import { renderFhirRulesMarkdown } from './rules-markdown.js';

const here = import.meta.dirname;
const root = resolve(here, '../..');

describe('FHIR rule catalogue', () => {
  it('docs/fhir-rules.md is the rendering of the catalogue (regenerate with `abdm-sandbox fhir rules`)', () => {
    expect(readFileSync(join(root, 'docs/fhir-rules.md'), 'utf8')).toBe(renderFhirRulesMarkdown());
  });

  it('rule ids are unique', () => {
    const ids = FHIR_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every documented rule is checked somewhere, and every rule id the code reports is documented', () => {
    const sources = readdirSync(here)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'rule-catalogue.ts' && f !== 'rules-markdown.ts')
      .map((f) => readFileSync(join(here, f), 'utf8'))
      .join('\n');
    const used = new Set([...sources.matchAll(/(?:finding\(|ruleId: |rows\()\s*'([a-z0-9-]+)'/g)].map((m) => m[1]));
    expect([...used].filter((id) => !FHIR_RULES.some((r) => r.id === id))).toEqual([]);
    expect(FHIR_RULES.map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('a finding carries the severity of its rule and starts its message with the expression', () => {
    expect(finding('nrces-pat-03', 'Bundle.entry[1].resource.identifier[0].value', 'bad')).toEqual({
      ruleId: 'nrces-pat-03',
      severity: 'warning',
      expression: 'Bundle.entry[1].resource.identifier[0].value',
      message: 'Bundle.entry[1].resource.identifier[0].value: bad',
    });
    expect(() => fhirRule('nrces-nope')).toThrow(/unknown FHIR rule id/);
  });
});
