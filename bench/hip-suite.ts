// Benchmark: the whole HIP suite (M2) against the reference HIP, in process, as `abdm-sandbox run --suite hip`
// runs it with its own sandbox: wall time of the run and peak memory (target: HIP and HIU suites together within
// 10 s). Also a way to watch the suite run: BENCH_HIP_ONLY=HIP.DATA.02,... and BENCH_HIP_VERBOSE=1 print more.
//   npx tsx bench/hip-suite.ts
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runConformance } from '../conformance/runner/runner.js';
import { flowActions } from '../conformance/sandbox-link/flow-actions.js';
import { InProcessSandboxLink } from '../conformance/sandbox-link/in-process-link.js';
import { hipOperatorActions } from '../conformance/sandbox-link/operator-actions.js';
import { hipCast } from '../conformance/suites/hip/hip-patients.js';
import { castServes } from '../conformance/suites/hip/patient-casting.js';
import { testsOf } from '../conformance/dsl/test-definition.js';
import { SUITES } from '../conformance/suites/index.js';
import { startReferenceHip } from '../fixtures/partners/hip/reference-hip.js';
import type { World } from '../fixtures/world/types.js';
import { serveSandbox } from '../sandbox-server/http/server.js';
import { printTable, verdict, writeResult } from './bench-support.js';

const TARGET_MS = 10_000;
const POPULATION = Number(process.env.BENCH_HIP_POPULATION ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_HIP_CONCURRENCY ?? 4);
const TIMEOUT_MS = 4_000;

/** The first HIP facility of the world where every test of the suite finds what it needs. */
async function fullyServedFacility(world: World, testIds: string[]): Promise<string> {
  for (let i = 0; i < world.options.facilityCount; i++) {
    const facility = world.facility(i);
    if (!facility.isHip) continue;
    const cast = await hipCast(world, facility.id);
    if (cast && testIds.every((id) => castServes(cast, id))) return facility.id;
  }
  throw new Error('no facility of the world serves every HIP test');
}

export async function runHipSuiteBenchmark(): Promise<object> {
  const only = process.env.BENCH_HIP_ONLY ? process.env.BENCH_HIP_ONLY.split(',') : [];
  const booted = performance.now();
  const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, seed: 1, population: POPULATION, facilityCount: 400, professionalCount: 800, callbackTimeoutMs: 2_000, callbackRetryDelaysMs: [50, 100] });
  const { world, partners } = running.sandbox.ctx;
  const hipId = await fullyServedFacility(world, testsOf(SUITES.filter((s) => s.id === 'hip')).map((t) => t.id));
  await partners.register({ role: 'hip', serviceId: hipId, clientId: 'BENCH_HIP', clientSecret: 'bench-hip-secret' });
  const hip = await startReferenceHip({ gatewayUrl: running.url, clientId: 'BENCH_HIP', clientSecret: 'bench-hip-secret', hipId, world, operatorApi: true });
  const bootMs = performance.now() - booted;
  try {
    const link = new InProcessSandboxLink({ sandbox: running.sandbox, url: running.url, actions: new Map([...flowActions(running.sandbox), ...hipOperatorActions(`${hip.url}/operator`)]) });
    const started = performance.now();
    const r = await runConformance({ link, suites: SUITES, selection: { suites: ['hip'], only, tags: [] }, partners: { hip: { serviceId: hipId } }, seed: 1, timeoutMs: TIMEOUT_MS, startupTimeoutMs: 15_000, concurrency: CONCURRENCY });
    const runMs = performance.now() - started;
    const slowest = [...r.summary.tests].sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0)).slice(0, 3);
    if (process.env.BENCH_HIP_VERBOSE) {
      for (const t of r.summary.tests) {
        console.log(`  ${t.outcome.padEnd(5)} ${t.id.padEnd(18)} ${String(t.durationMs ?? '').padStart(5)} ms  ${t.summary ?? ''}`);
        for (const c of t.checks.filter((c) => !c.passed)) console.log(`        ✗ ${c.ruleId} ${c.message.slice(0, 300)}`);
      }
    }
    const counts = Object.fromEntries(['pass', 'fail', 'skip', 'error'].map((o) => [o, r.summary.tests.filter((t) => t.outcome === o).length]));
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const pass = r.summary.verdict.exitCode === 0 && runMs <= TARGET_MS;
    printTable(`The HIP suite against the reference HIP (${r.summary.tests.length} tests, concurrency ${CONCURRENCY}, population ${POPULATION.toLocaleString('en')})`, [
      ['run wall time', `${(runMs / 1000).toFixed(2)} s`, verdict(runMs <= TARGET_MS)],
      ['sandbox + HIP boot', `${(bootMs / 1000).toFixed(2)} s`],
      ['outcomes', `${counts.pass} pass, ${counts.fail} fail, ${counts.skip} skip, ${counts.error} error; verdict exit ${r.summary.verdict.exitCode}`, verdict(r.summary.verdict.exitCode === 0)],
      ['slowest tests', slowest.map((t) => `${t.id} ${t.durationMs} ms`).join(', ')],
      ['peak RSS', `${peakRssMb.toFixed(0)} MB`],
      ['machine', `${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}`],
    ]);
    const file = writeResult('hip-suite', {
      measured: 'runConformance of the whole HIP suite against the reference HIP: sandbox and HIP in one process, in-memory store, the in-process link; boot (sandbox, world, choosing the facility) not included in the run time',
      tests: r.summary.tests.length,
      outcomes: counts,
      exitCode: r.summary.verdict.exitCode,
      runMs: Math.round(runMs),
      bootMs: Math.round(bootMs),
      targetMs: TARGET_MS,
      peakRssMb: Math.round(peakRssMb),
      concurrency: CONCURRENCY,
      timeoutMs: TIMEOUT_MS,
      population: POPULATION,
      slowest: slowest.map((t) => ({ id: t.id, ms: t.durationMs })),
      cpus: availableParallelism(),
      loadAverage1m: Number(loadavg()[0].toFixed(2)),
      pass,
    });
    console.log(`  written to ${file}`);
    return { runMs, peakRssMb, pass };
  } finally {
    await hip.close();
    await running.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runHipSuiteBenchmark();
}
