// A large, deterministic event log for the report benchmark: a HIP run of 40 tests with `exchanges` journal exchanges
// shaped like real gateway traffic (discover calls to the bridge and on-discover answers, ten headers each), some
// failures citing evidence, findings on one exchange in a hundred, and some unmatched traffic.
import { RUN_LOG_VERSION, type DeclaredTest, type RunLogBody, type RunLogEntry } from '../conformance/results/run-log-entry.js';
import { Rng } from '../protocol/random.js';
import type { Exchange } from '../sandbox-server/journal/exchange.js';

const T0 = Date.parse('2026-01-31T10:00:00.000Z');
const TESTS = 40;

/** The log of a run with `exchanges` journal exchanges. */
export function syntheticRunLog(exchanges: number, seed = 1): RunLogEntry[] {
  const rng = new Rng(seed);
  const bodies: RunLogBody[] = [];
  bodies.push({
    kind: 'run.started',
    run: {
      logVersion: RUN_LOG_VERSION,
      runId: '20260131T100000Z-seed1',
      seed: 1,
      versions: { abdmSandbox: '0.1.0', node: process.version },
      sandbox: { mode: 'in-process', url: 'http://127.0.0.1:8090', publicUrl: 'http://localhost:8090', version: '0.1.0', seed: 1, population: 1_000_000, cmId: 'sbx' },
      partners: { hip: { role: 'hip', serviceId: 'BENCH_HIP', clientId: 'BENCH_CLIENT' } },
      selection: { suites: ['hip'], only: [], tags: [] },
      timeoutMs: 10_000,
      startupTimeoutMs: 60_000,
      concurrency: 4,
      command: 'abdm-sandbox run --suite hip --hip-id BENCH_HIP --out out',
      expectedFailures: [],
    },
  });
  const tests: DeclaredTest[] = Array.from({ length: TESTS }, (_, i) => {
    const group = `HIP.G${Math.floor(i / 10)}`;
    return {
      id: `${group}.${String((i % 10) + 1).padStart(2, '0')}`, title: `Synthetic test ${i + 1} of the benchmark`, description: 'Drives the partner and grades its answers.',
      suite: 'hip', suiteTitle: 'HIP (M2)', group, groupTitle: `Group ${Math.floor(i / 10)}`, milestone: 'M2', level: i % 7 === 6 ? 'SHOULD' : 'MUST',
      nhaTestCases: i % 5 === 0 ? ['USER_INIT_LINK_602'] : [], spec: ['abdm-api.md §5.1'], tags: ['bench'], phase: 'main',
    };
  });
  for (const test of tests) bodies.push({ kind: 'test.declared', test });
  for (const test of tests) bodies.push({ kind: 'test.started', testId: test.id });
  for (const test of tests) bodies.push({ kind: 'test.owned', testId: test.id, correlationIds: [`txn-${test.id}`] });

  const journal: Exchange[] = [];
  for (let i = 0; i < exchanges; i++) {
    const test = tests[i % TESTS];
    const unmatched = i % 200 === 199;
    const outbound = i % 2 === 0;
    const requestId = rng.uuid();
    const correlation = unmatched ? [requestId] : [requestId, `txn-${test.id}`];
    const startedAt = new Date(T0 + i * 5).toISOString();
    const body = outbound
      ? { requestId, timestamp: startedAt, transactionId: `txn-${test.id}`, patient: { id: `patient${rng.int(1_000_000)}@sbx`, name: 'Asha Verma', gender: 'F', yearOfBirth: 1980 + rng.int(30), verifiedIdentifiers: [{ type: 'MOBILE', value: '9812345678' }, { type: 'ABHA_NUMBER', value: '91-1234-5678-9012' }] } }
      : { transactionId: `txn-${test.id}`, patient: { referenceNumber: `PT-${rng.int(99999)}`, display: 'Asha Verma', careContexts: [{ referenceNumber: `CC-${rng.int(99999)}`, display: 'OPD visit' }], hiType: 'OPConsultation', count: 1 }, matchedBy: ['MOBILE'], response: { requestId: rng.uuid() } };
    journal.push({
      id: i + 1,
      direction: outbound ? 'outbound' : 'inbound',
      operationId: outbound ? 'hip.discover' : 'uil.on-discover',
      method: 'POST',
      url: outbound ? 'https://bench-hip.example.in/api/v3/hip/patient/care-context/discover' : '/api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover',
      clientId: 'BENCH_CLIENT',
      serviceId: 'BENCH_HIP',
      requestId,
      requestHeaders: {
        'content-type': 'application/json', 'request-id': requestId, timestamp: startedAt, 'x-cm-id': 'sbx', 'x-hip-id': 'BENCH_HIP',
        authorization: 'Bearer [redacted sha256:1a2b3c4d]', host: 'localhost:8090', 'user-agent': 'bench-hip/1.0', accept: 'application/json', 'content-length': '512',
      },
      requestBody: JSON.stringify(body),
      status: 202,
      responseHeaders: { 'content-type': 'application/json', date: 'Sat, 31 Jan 2026 10:00:00 GMT' },
      startedAt,
      durationMs: 2 + rng.int(40),
      correlationIds: correlation,
      findings: i % 100 === 50 ? [{ ruleId: 'schema-required', severity: 'error', message: 'body.patient must have required property hiType', path: 'body.patient' }] : [],
    });
  }

  for (const [i, test] of tests.entries()) {
    const fails = i % 8 === 3;
    if (i % 13 === 12) {
      bodies.push({ kind: 'test.finished', testId: test.id, outcome: 'skip', reason: 'not observable in this run', durationMs: 10 });
      continue;
    }
    // A failing test cites twenty of its exchanges; a passing one cites one.
    const cited = journal.filter((e) => e.correlationIds.includes(`txn-${test.id}`)).slice(0, fails ? 20 : 1).map((e) => e.id);
    bodies.push({ kind: 'test.check', testId: test.id, ruleId: 'answer-shape', passed: !fails, severity: 'error', message: fails ? 'on-discover carried no care contexts for a patient with records' : 'on-discover as expected', evidence: cited });
    bodies.push({ kind: 'test.finished', testId: test.id, outcome: fails ? 'fail' : 'pass', durationMs: 1_000 + i * 10 });
  }
  for (const exchange of journal) bodies.push({ kind: 'exchange', exchange });
  bodies.push({ kind: 'run.finished', durationMs: exchanges * 5 });
  return bodies.map((b, i) => ({ ...b, seq: i + 1, at: new Date(T0 + i).toISOString() }) as RunLogEntry);
}
