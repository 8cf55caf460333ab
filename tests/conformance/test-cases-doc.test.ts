// docs/test-cases.md is generated from the suites; this keeps the committed file in step with them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCaseMarkdown } from '../../conformance/catalogue/test-case-catalogue.js';
import { testsOf } from '../../conformance/dsl/test-definition.js';
import { SUITES } from '../../conformance/suites/index.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/test-cases.md'), 'utf8');

describe('docs/test-cases.md', () => {
  it('is what the suites generate (regenerate: npx tsx bin/abdm-sandbox.ts run --list markdown > docs/test-cases.md)', () => {
    expect(doc).toBe(testCaseMarkdown(SUITES));
  });

  it('lists every test id with its level, and every NHA test case of §5.13 and §6.8', () => {
    for (const t of testsOf(SUITES)) expect(doc).toMatch(new RegExp(`\\| ${t.id.replace(/\./g, '\\.')} \\| .* \\| ${t.level} \\|`));
    expect(doc).toContain('| HIP_INIT_GRANT_CONSENT | M2 |');
    expect(doc).toContain('| HIU_FLOW_301 | M3 |');
  });
});
