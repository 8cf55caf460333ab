// Readiness per milestone (M2 HIP, M3 HIU) and coverage of NHA's functional test cases, folded from a run's
// results: what a reviewer reads first ("M2: not ready — 3 MUST failures"). Pure. A MUST test listed as an expected
// failure still counts as a failure here: the expected-failures file gates CI, not certification.
import { NHA_TEST_CASES } from '../dsl/nha-test-cases.js';
import type { Milestone } from '../dsl/test-definition.js';
import { awaitsAttestation, type Outcome } from './outcome.js';
import type { TestResult } from './run-summary.js';

export type Readiness = 'ready' | 'not-ready' | 'incomplete';

export interface MilestoneReadiness {
  milestone: Milestone;
  readiness: Readiness;
  /** One line, e.g. "M2: ready for functional testing — all 41 MUST tests pass". */
  headline: string;
  /** Counts over the milestone's MUST tests. */
  must: Record<Outcome, number> & { total: number; expectedFailures: number };
  /** Counts over all its tests. */
  all: Record<Outcome, number> & { total: number };
  /** NHA test cases of the milestone with at least one test in this run, and how many the milestone has. */
  nhaCovered: number;
  nhaTotal: number;
}

export type CoverageStatus = 'pass' | 'fail' | 'incomplete' | 'not-covered';

export interface NhaCoverageRow {
  id: string;
  milestone: Milestone;
  title: string;
  tests: Array<{ id: string; outcome: Outcome; level: string }>;
  /** fail: a test of it failed or errored; incomplete: none failed, some were not graded; pass: all passed. */
  status: CoverageStatus;
}

function counts(tests: ReadonlyArray<TestResult>): Record<Outcome, number> & { total: number } {
  const n = (o: Outcome) => tests.filter((t) => t.outcome === o).length;
  return { total: tests.length, pass: n('pass'), fail: n('fail'), skip: n('skip'), error: n('error') };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Readiness of every milestone that has tests in the run, in milestone order. */
export function milestoneReadiness(tests: ReadonlyArray<TestResult>): MilestoneReadiness[] {
  const milestones = [...new Set(tests.map((t) => t.milestone))].sort();
  const coverage = nhaCoverage(tests);
  return milestones.map((milestone) => {
    const of = tests.filter((t) => t.milestone === milestone);
    const mustTests = of.filter((t) => t.level === 'MUST');
    const must = { ...counts(mustTests), expectedFailures: mustTests.filter((t) => t.expectation === 'expected-failure').length };
    const nha = coverage.filter((row) => row.milestone === milestone);
    const base = { milestone, must, all: counts(of), nhaCovered: nha.filter((row) => row.status !== 'not-covered').length, nhaTotal: nha.length };
    if (must.fail + must.error > 0) {
      const parts = [];
      if (must.fail > 0) parts.push(`${plural(must.fail, 'MUST failure')}${must.expectedFailures ? ` (${must.expectedFailures} listed as expected)` : ''}`);
      if (must.error > 0) parts.push(`${must.error} MUST test${must.error === 1 ? '' : 's'} could not be graded`);
      return { ...base, readiness: 'not-ready', headline: `${milestone}: not ready — ${parts.join(', ')}` };
    }
    if (must.total === 0) return { ...base, readiness: 'incomplete', headline: `${milestone}: not graded — no MUST test ran` };
    if (must.skip > 0) {
      const attest = mustTests.filter(awaitsAttestation).length;
      const attestText = attest > 0 ? `, ${attest} to be attested by a reviewer` : '';
      const notGraded = must.skip - attest > 0 ? `, ${must.skip - attest} not graded in this run` : '';
      return { ...base, readiness: 'incomplete', headline: `${milestone}: incomplete — ${must.pass} of ${plural(must.total, 'MUST test')} pass${notGraded}${attestText}` };
    }
    return { ...base, readiness: 'ready', headline: `${milestone}: ready for functional testing — all ${plural(must.total, 'MUST test')} pass` };
  });
}

/** Every NHA test case of the run's milestones, with the tests of this run that cover it. */
export function nhaCoverage(tests: ReadonlyArray<TestResult>): NhaCoverageRow[] {
  const milestones = new Set<string>(tests.map((t) => t.milestone));
  return NHA_TEST_CASES.filter((tc) => milestones.has(tc.milestone)).map((tc) => {
    const by = tests.filter((t) => t.nhaTestCases.includes(tc.id)).map((t) => ({ id: t.id, outcome: t.outcome, level: t.level }));
    const status: CoverageStatus =
      by.length === 0 ? 'not-covered' : by.some((t) => t.outcome === 'fail' || t.outcome === 'error') ? 'fail' : by.every((t) => t.outcome === 'pass') ? 'pass' : 'incomplete';
    return { id: tc.id, milestone: tc.milestone, title: tc.title, tests: by, status };
  });
}
