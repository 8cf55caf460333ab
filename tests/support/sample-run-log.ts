// A hand-made event log with every case a report must render: pass, MUST failure with evidence, SHOULD
// failure, skip, harness error, expected failure, unexpected pass, a warning, unmatched traffic, and text that
// needs escaping. Renderers are pure functions of a log, so this is all their tests need.
import { RUN_LOG_VERSION, type DeclaredTest, type RunLogBody, type RunLogEntry } from '../../conformance/results/run-log-entry.js';
import type { Outcome } from '../../conformance/results/outcome.js';
import { partnerCall } from './exchange-factory.js';

const T0 = Date.parse('2026-01-31T10:00:00.000Z');

function declared(id: string, title: string, level: DeclaredTest['level'] = 'MUST'): DeclaredTest {
  const group = id.split('.').slice(0, 2).join('.');
  return { id, title, description: `${title}.`, suite: 'hip', suiteTitle: 'HIP (M2)', group, groupTitle: group, milestone: 'M2', level, nhaTestCases: [], spec: ['abdm-api.md §12.2 #2'], tags: ['sample'], phase: 'main' };
}

export function sampleRunLog(): RunLogEntry[] {
  const bodies: RunLogBody[] = [];
  const forged = partnerCall({ id: 901, direction: 'outbound', operationId: 'hip.discover', url: 'http://bridge.example/api/v3/hip/patient/care-context/discover', correlationIds: ['rid-1'] });
  const acted = partnerCall({ id: 902, correlationIds: ['rid-1'], answers: 901 });
  const stray = partnerCall({ id: 903, operationId: undefined, url: '/api/hiecm/v3/wrong-path', status: 404 });
  bodies.push({
    kind: 'run.started',
    run: {
      logVersion: RUN_LOG_VERSION,
      runId: '20260131T100000Z-seed7',
      seed: 7,
      versions: { abdmSandbox: '0.1.0', node: 'v20.20.0' },
      sandbox: { mode: 'in-process', url: 'http://127.0.0.1:8090', publicUrl: 'http://localhost:8090', version: '0.1.0', seed: 7, population: 1000, cmId: 'sbx' },
      partners: { hip: { role: 'hip', serviceId: 'IN0000000001', clientId: 'SBX_1' } },
      selection: { suites: ['hip'], only: [], tags: [] },
      timeoutMs: 1000,
      startupTimeoutMs: 5000,
      concurrency: 4,
      command: 'abdm-sandbox run --suite hip --hip-id IN0000000001 --seed 7 --out out',
      expectedFailures: [
        { test: 'HIP.S.05', reason: 'known bug #12' },
        { test: 'HIP.S.06', reason: 'fixed last week' },
      ],
    },
  });
  const tests: Array<[DeclaredTest, Outcome, string?]> = [
    [declared('HIP.S.01', 'Passes cleanly'), 'pass'],
    [declared('HIP.S.02', 'Refuses a forged call <JWT> & "acts" never'), 'fail'],
    [declared('HIP.S.03', 'Should do something', 'SHOULD'), 'fail'],
    [declared('HIP.S.04', 'Cannot be observed'), 'skip', 'not observable in a short run'],
    [declared('HIP.S.05', 'Known to fail'), 'fail'],
    [declared('HIP.S.06', 'Fixed already'), 'pass'],
  ];
  for (const [test] of tests) bodies.push({ kind: 'test.declared', test });
  for (const [test] of tests) bodies.push({ kind: 'test.started', testId: test.id });
  bodies.push({ kind: 'test.check', testId: 'HIP.S.01', ruleId: 'r-ok', passed: true, severity: 'error', message: 'fine', evidence: [] });
  bodies.push({ kind: 'test.message', testId: 'HIP.S.01', level: 'warning', ruleId: 'bridge-url-https', message: 'plain http', evidence: [] });
  bodies.push({ kind: 'test.owned', testId: 'HIP.S.02', correlationIds: ['rid-1'] });
  bodies.push({ kind: 'test.check', testId: 'HIP.S.02', ruleId: 'callback-signature-verified', passed: false, severity: 'error', message: 'Accepted a forged <token> & answered it', evidence: [901, 902] });
  bodies.push({ kind: 'test.check', testId: 'HIP.S.03', ruleId: 'r-should', passed: false, severity: 'error', message: 'did not', evidence: [] });
  bodies.push({ kind: 'test.check', testId: 'HIP.S.05', ruleId: 'r-known', passed: false, severity: 'error', message: 'still broken', evidence: [] });
  bodies.push({ kind: 'test.check', testId: 'HIP.S.06', ruleId: 'r-fixed', passed: true, severity: 'error', message: 'works now', evidence: [] });
  for (const [test, outcome, reason] of tests) bodies.push({ kind: 'test.finished', testId: test.id, outcome, durationMs: 120, ...(reason ? { reason } : {}) });
  bodies.push({ kind: 'exchange', exchange: forged }, { kind: 'exchange', exchange: acted }, { kind: 'exchange', exchange: stray });
  bodies.push({ kind: 'run.finished', durationMs: 2500 });
  return bodies.map((b, i) => ({ ...b, seq: i + 1, at: new Date(T0 + i * 10).toISOString() }) as RunLogEntry);
}

/** The same log with one test ending in a harness error. */
export function sampleRunLogWithError(): RunLogEntry[] {
  return sampleRunLog().map((e) => (e.kind === 'test.finished' && e.testId === 'HIP.S.01' ? { ...e, outcome: 'error', reason: 'the test threw: boom' } : e));
}
