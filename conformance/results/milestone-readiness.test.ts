import { describe, expect, it } from 'vitest';
import { milestoneReadiness, nhaCoverage } from './milestone-readiness.js';
import type { TestResult } from './run-summary.js';

let n = 0;
function result(outcome: TestResult['outcome'], overrides: Partial<TestResult> = {}): TestResult {
  n += 1;
  return {
    id: `HIP.X.${String(n).padStart(2, '0')}`, title: 't', description: 'd', suite: 'hip', suiteTitle: 'HIP', group: 'HIP.X', groupTitle: 'X',
    milestone: 'M2', level: 'MUST', nhaTestCases: [], spec: [], tags: [], phase: 'main',
    outcome, summary: '', checks: [], messages: [], evidence: [], ownedIds: [], exchanges: [],
    ...overrides,
  };
}

describe('milestoneReadiness', () => {
  it('is ready when every MUST test of the milestone passed, whatever the SHOULD tests did', () => {
    const [m2] = milestoneReadiness([result('pass'), result('pass'), result('fail', { level: 'SHOULD' })]);
    expect(m2.readiness).toBe('ready');
    expect(m2.headline).toBe('M2: ready for functional testing — all 2 MUST tests pass');
  });

  it('is not ready on a MUST failure, counting expected failures too (they gate CI, not certification)', () => {
    const [m2] = milestoneReadiness([result('pass'), result('fail'), result('fail', { expectation: 'expected-failure' }), result('error')]);
    expect(m2.readiness).toBe('not-ready');
    expect(m2.headline).toBe('M2: not ready — 2 MUST failures (1 listed as expected), 1 MUST test could not be graded');
  });

  it('is incomplete when MUST tests were skipped, and says how many', () => {
    const [m2] = milestoneReadiness([result('pass'), result('skip')]);
    expect(m2.readiness).toBe('incomplete');
    expect(m2.headline).toBe('M2: incomplete — 1 of 2 MUST tests pass, 1 not graded in this run');
  });

  it('grades each milestone on its own tests', () => {
    const verdicts = milestoneReadiness([result('pass'), result('fail', { milestone: 'M3' })]);
    expect(verdicts.map((v) => [v.milestone, v.readiness])).toEqual([['M2', 'ready'], ['M3', 'not-ready']]);
  });
});

describe('nhaCoverage', () => {
  it("lists the NHA test cases of the run's milestones with the tests covering them and their status", () => {
    const rows = nhaCoverage([result('pass', { nhaTestCases: ['USER_INIT_LINK_602'] }), result('fail', { nhaTestCases: ['USER_INIT_LINK_603'] }), result('skip', { nhaTestCases: ['USER_INIT_LINK_603'] })]);
    expect(rows.every((r) => r.milestone === 'M2')).toBe(true);
    expect(rows.find((r) => r.id === 'USER_INIT_LINK_602')?.status).toBe('pass');
    expect(rows.find((r) => r.id === 'USER_INIT_LINK_603')?.status).toBe('fail');
    expect(rows.find((r) => r.id === 'HIP_INIT_GRANT_CONSENT')?.status).toBe('not-covered');
    expect(milestoneReadiness([result('pass', { nhaTestCases: ['USER_INIT_LINK_602'] })])[0].nhaCovered).toBe(1);
  });
});
