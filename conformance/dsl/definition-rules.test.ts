import { describe, expect, it } from 'vitest';
import { SUITES } from '../suites/index.js';
import { definitionProblems } from './definition-rules.js';
import { defineGroup, defineSuite, defineTest, testsOf } from './test-definition.js';

const run = async () => undefined;

describe('suite definitions', () => {
  it('every shipped suite keeps the rules: ids, groups, NHA test cases, spec references, tags', () => {
    expect(definitionProblems(SUITES)).toEqual([]);
    expect(testsOf(SUITES).length).toBeGreaterThan(20);
  });

  it('catches a malformed id, a duplicate id, an unknown or wrong-milestone NHA test case and a vague spec reference', () => {
    const t = (id: string, extra = {}) => defineTest({ id, title: 'A test', description: 'd', milestone: 'M2', level: 'MUST', spec: ['abdm-api.md §5.1'], run, ...extra });
    const suite = defineSuite({
      id: 'hip',
      title: 'x',
      role: 'hip',
      groups: [defineGroup('HIP.X', 'x', [t('HIP.X.1'), t('HIP.X.02', { nhaTestCases: ['HIP_INIT_NOPE', 'HIU_FLOW_101'], spec: ['the spec'] }), t('HIP.X.02', { tags: ['Bad Tag'] })])],
    });
    expect(definitionProblems([suite])).toEqual([
      'HIP.X.1 (hip): id is not <SUITE>.<GROUP>.<nn>',
      'HIP.X.02 (hip): spec reference "the spec" is not like "abdm-api.md §2.2" or "abdm-api.md §12.2 #10"',
      'HIP.X.02 (hip): unknown NHA test case HIP_INIT_NOPE',
      'HIP.X.02 (hip): NHA test case HIU_FLOW_101 is M3, the test is M2',
      'HIP.X.02 (hip): id already used in suite hip',
      'HIP.X.02 (hip): tag "Bad Tag" must be lower-case words joined by hyphens',
    ]);
  });
});
