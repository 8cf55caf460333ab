import { describe, expect, it } from 'vitest';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { sampleRunLog } from '../../tests/support/sample-run-log.js';
import { diffRuns, runDiffLines } from './run-diff.js';

/** The sample log with some tests' outcomes changed and some tests dropped. */
function variant(outcomes: Record<string, 'pass' | 'fail' | 'skip' | 'error'>, dropped: string[] = []): RunLogEntry[] {
  return sampleRunLog()
    .filter((e) => !('testId' in e && dropped.includes(e.testId)) && !(e.kind === 'test.declared' && dropped.includes(e.test.id)))
    .map((e) => (e.kind === 'test.finished' && outcomes[e.testId] ? { ...e, outcome: outcomes[e.testId] } : e));
}

describe('diffRuns', () => {
  it('a passing test that now errors is a regression; one that is now skipped is another change, not a regression', () => {
    const diff = diffRuns(sampleRunLog(), variant({ 'HIP.S.01': 'error', 'HIP.S.06': 'skip' }));
    expect(diff.regressions.map((c) => `${c.id} ${c.before}→${c.after}`)).toEqual(['HIP.S.01 pass→error']);
    expect(diff.otherChanges.map((c) => `${c.id} ${c.before}→${c.after}`)).toEqual(['HIP.S.06 pass→skip']);
    expect(diff.exitCode).toBe(1);
  });

  it('lists removed tests and exits 0 when nothing regressed', () => {
    const diff = diffRuns(sampleRunLog(), variant({}, ['HIP.S.04']));
    expect(diff.removed.map((c) => c.id)).toEqual(['HIP.S.04']);
    expect(diff.unchanged).toBe(5);
    expect(diff.exitCode).toBe(0);
    expect(runDiffLines(diff)).toContain('  - HIP.S.04 (MUST) was skip');
    expect(runDiffLines(diff).at(-1)).toBe('diff: exit 0 (no regression)');
  });

  it('notes what makes two runs hard to compare: seed, tool version, partner', () => {
    const other = sampleRunLog().map((e) => (e.kind === 'run.started' ? { ...e, run: { ...e.run, seed: 8, versions: { ...e.run.versions, abdmSandbox: '0.2.0' }, partners: { hip: { role: 'hip' as const, serviceId: 'OTHER', clientId: 'C' } } } } : e));
    const notes = diffRuns(sampleRunLog(), other).notes;
    expect(notes).toEqual([
      'the seeds differ (7 and 8): the tests used different synthetic data',
      'the tool versions differ (0.1.0 and 0.2.0): tests may grade differently',
      'the runs grade different partners (HIP IN0000000001 and HIP OTHER)',
    ]);
  });
});
