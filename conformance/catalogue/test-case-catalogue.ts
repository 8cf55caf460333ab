// The catalogue of conformance tests as markdown (docs/test-cases.md) and as a plain listing: ids, titles,
// levels, NHA test-case ids and spec references, straight from the suite definitions, plus which NHA test
// cases are covered yet. Pure.
import { NHA_TEST_CASES } from '../dsl/nha-test-cases.js';
import { testsOf, type SuiteDefinition, type TestDefinition } from '../dsl/test-definition.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/test-cases.md for these suites. */
export function testCaseMarkdown(suites: ReadonlyArray<SuiteDefinition>): string {
  const lines = [
    '# Conformance test cases',
    '',
    '<!-- Generated from the suites by `abdm-sandbox run --list markdown`; tests/conformance/test-cases-doc.test.ts keeps it in step. Do not edit by hand. -->',
    '',
    'Every test of the conformance suites: its stable id (what `--only` and expected-failure files use), what it checks, its',
    'requirement level, the NHA functional test cases it covers (spec §4.7, §5.13, §6.8) and where the rule is written. Only a',
    'failed **MUST** test fails a run; SHOULD and MAY failures are reported as notes. How tests run and are graded is in',
    '[conformance.md](conformance.md).',
    '',
  ];
  for (const suite of suites) {
    const count = suite.groups.reduce((n, g) => n + g.tests.length, 0);
    lines.push(`## ${suite.title} (\`--suite ${suite.id}\`, ${count} tests)`, '');
    for (const group of suite.groups) {
      lines.push(`### ${group.id}: ${group.title}`, '', '| Id | Test | Level | Phase | NHA test cases | Spec |', '|---|---|---|---|---|---|');
      for (const t of group.tests) {
        const nha = t.nhaTestCases.length > 0 ? t.nhaTestCases.join(', ') : 'prerequisite of all';
        lines.push(`| ${t.id} | **${cell(t.title)}**. ${cell(t.description)} | ${t.level} | ${t.phase} | ${nha} | ${cell(t.spec.join('; '))} |`);
      }
      lines.push('');
    }
  }
  lines.push('## NHA test-case coverage', '', '| NHA test case | Milestone | What NHA checks | Covered by |', '|---|---|---|---|');
  const all = testsOf(suites);
  for (const tc of NHA_TEST_CASES) {
    const by = all.filter((t) => t.nhaTestCases.includes(tc.id)).map((t) => t.id);
    lines.push(`| ${tc.id} | ${tc.milestone} | ${cell(tc.title)} | ${by.length > 0 ? by.join(', ') : tc.milestone === 'M1' ? 'no test: the journey is not simulated' : 'no test yet: graded by a reviewer on the partner\'s app, or not simulated'} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** One line per test: id, level, milestone, title. */
export function testCaseListing(tests: ReadonlyArray<TestDefinition>): string {
  const width = Math.max(0, ...tests.map((t) => t.id.length));
  return `${tests.map((t) => `${t.id.padEnd(width)}  ${t.level.padEnd(6)}  ${t.milestone}  ${t.title}`).join('\n')}\n`;
}
