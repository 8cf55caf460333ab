// The rules every suite definition must keep, so ids stay stable and references stay checkable: id format and
// uniqueness, group prefixes, known NHA test-case ids, spec references that point at a section.
import { nhaTestCase } from './nha-test-cases.js';
import type { SuiteDefinition } from './test-definition.js';

const TEST_ID = /^[A-Z]+\.[A-Z][A-Z0-9-]*\.\d{2}$/;
const GROUP_ID = /^[A-Z]+\.[A-Z][A-Z0-9-]*$/;
const SPEC_REF = /^(abdm-api|fhir-data-crypto|conformance-anchors)\.md §\d+(\.\d+)*( #\d+)?$/;
const TAG = /^[a-z][a-z0-9-]*$/;
const ACTION = /^[a-z]+\.[a-z][a-z-]*$/;

/** Every broken rule in the suites; an empty list means they are well formed. */
export function definitionProblems(suites: ReadonlyArray<SuiteDefinition>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const suite of suites) {
    const prefix = `${suite.id.toUpperCase()}.`;
    if (suite.groups.length === 0) problems.push(`suite ${suite.id} has no groups`);
    for (const group of suite.groups) {
      if (!GROUP_ID.test(group.id)) problems.push(`group id ${group.id} is not <SUITE>.<GROUP>`);
      if (!group.id.startsWith(prefix)) problems.push(`group ${group.id} of suite ${suite.id} does not start with ${prefix}`);
      if (group.tests.length === 0) problems.push(`group ${group.id} has no tests`);
      for (const test of group.tests) {
        const where = `${test.id} (${suite.id})`;
        if (!TEST_ID.test(test.id)) problems.push(`${where}: id is not <SUITE>.<GROUP>.<nn>`);
        if (!test.id.startsWith(`${group.id}.`)) problems.push(`${where}: not under its group ${group.id}`);
        const other = seen.get(test.id);
        if (other) problems.push(`${where}: id already used in suite ${other}`);
        seen.set(test.id, suite.id);
        if (!test.title.trim() || test.title.endsWith('.')) problems.push(`${where}: title must be a non-empty phrase without a final period`);
        if (!test.description.trim()) problems.push(`${where}: description is empty`);
        if (test.spec.length === 0) problems.push(`${where}: no spec reference`);
        for (const ref of test.spec) if (!SPEC_REF.test(ref)) problems.push(`${where}: spec reference "${ref}" is not like "abdm-api.md §2.2" or "abdm-api.md §12.2 #10"`);
        for (const id of test.nhaTestCases) {
          const tc = nhaTestCase(id);
          if (!tc) problems.push(`${where}: unknown NHA test case ${id}`);
          else if (tc.milestone !== test.milestone) problems.push(`${where}: NHA test case ${id} is ${tc.milestone}, the test is ${test.milestone}`);
        }
        for (const tag of test.tags) if (!TAG.test(tag)) problems.push(`${where}: tag "${tag}" must be lower-case words joined by hyphens`);
        for (const action of test.requires) if (!ACTION.test(action)) problems.push(`${where}: required action "${action}" is not <actor>.<action>`);
      }
    }
  }
  return problems;
}
