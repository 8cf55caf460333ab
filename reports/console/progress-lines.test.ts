import { describe, expect, it } from 'vitest';
import { summarizeRun } from '../../conformance/results/run-summary.js';
import { sampleRunLog } from '../../tests/support/sample-run-log.js';
import { closingLines, progressPrinter } from './progress-lines.js';

describe('console progress', () => {
  it('prints one line per finished test, with the first failure and its evidence', () => {
    const print = progressPrinter();
    const lines = sampleRunLog().flatMap(print);
    expect(lines[0]).toBe('abdm-sandbox run 20260131T100000Z-seed7: seed 7, suite(s) hip');
    expect(lines).toContain('  PASS  HIP.S.01  Passes cleanly (0.1 s, 1 warning)');
    const fail = lines.indexOf('  FAIL  HIP.S.02  Refuses a forged call <JWT> & "acts" never (0.1 s)');
    expect(lines.slice(fail + 1, fail + 3)).toEqual(['        ✗ Accepted a forged <token> & answered it', '          evidence: #901, #902']);
    expect(lines).toContain('  FAIL  HIP.S.03  Should do something [SHOULD] (0.1 s)');
    expect(lines).toContain('        not observable in a short run');
  });

  it('closes with counts, the reasons, unmatched traffic, readiness per milestone, the exit code and the command to reproduce', () => {
    const lines = closingLines(summarizeRun(sampleRunLog()), ['out/results.json']);
    expect(lines).toContain('6 test(s): 2 passed, 3 failed, 1 skipped, 0 errored (1 failed as expected)');
    expect(lines).toContain('  ✗ HIP.S.02 (MUST) failed: Accepted a forged <token> & answered it');
    expect(lines).toContain('  #903: no ABDM operation at POST /api/hiecm/v3/wrong-path (the gateway answered 404); check the path');
    expect(lines).toContain('M2: not ready — 2 MUST failures (1 listed as expected)');
    expect(lines).toContain('verdict: exit 1 (conformance failure)');
    expect(lines[lines.length - 1]).toBe('reproduce: abdm-sandbox run --suite hip --hip-id IN0000000001 --seed 7 --out out');
  });
});
