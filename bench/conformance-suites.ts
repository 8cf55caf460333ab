// Benchmark of the conformance runner (issue #6): the full HIP and HIU suites against the reference partners, in
// one process with the sandbox, as `abdm-sandbox demo` runs them. Wall time of the run (target ≤ 10 s; the rig's
// start-up is reported apart) and the process's peak memory. Run alone: `npx tsx bench/conformance-suites.ts`;
// prints a table and writes bench/results/conformance-suites.json.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runConformance } from '../conformance/runner/runner.js';
import { SUITES } from '../conformance/suites/index.js';
import { DEMO_RUN, startReferenceRig } from '../bin/demo/reference-rig.js';
import { printTable, verdict, writeResult } from './bench-support.js';

const TARGET_MS = 10_000;
const ROUNDS = 2;
const POPULATION = 100_000;
const SUITE_IDS = SUITES.filter((s) => s.role === 'hip' || s.role === 'hiu').map((s) => s.id);

interface Round {
  rigStartMs: number;
  runMs: number;
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
}

async function oneRound(): Promise<Round> {
  const t0 = performance.now();
  const rig = await startReferenceRig({ seed: 1, population: POPULATION });
  const rigStartMs = performance.now() - t0;
  try {
    const t1 = performance.now();
    const { summary } = await runConformance({
      link: rig.link,
      suites: SUITES,
      selection: { suites: SUITE_IDS, only: [], tags: [] },
      partners: { hip: rig.partners.hip, hiu: rig.partners.hiu },
      seed: 1,
      timeoutMs: DEMO_RUN.timeoutMs,
      startupTimeoutMs: 30_000,
      concurrency: DEMO_RUN.concurrency,
      secrets: rig.secrets,
    });
    const runMs = performance.now() - t1;
    const count = (outcome: string) => summary.tests.filter((t) => t.outcome === outcome).length;
    return { rigStartMs, runMs, tests: summary.tests.length, passed: count('pass'), failed: count('fail') + count('error'), skipped: count('skip'), exitCode: summary.verdict.exitCode };
  } finally {
    await rig.close();
  }
}

export async function runConformanceSuitesBenchmark(): Promise<object> {
  const load = loadavg()[0];
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await oneRound());
  const best = Math.min(...rounds.map((r) => r.runMs));
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / (1024 * 1024);
  const allPassed = rounds.every((r) => r.exitCode === 0 && r.failed === 0);
  const pass = best <= TARGET_MS && allPassed;
  printTable(`HIP + HIU suites (${SUITE_IDS.join(', ')}) against the reference partners, ${POPULATION.toLocaleString('en-US')} ABHA accounts (load ${load.toFixed(1)})`, [
    ...rounds.map((r, i): [string, string, string?] => [`round ${i + 1}: run (rig start-up)`, `${(r.runMs / 1000).toFixed(2)} s (${(r.rigStartMs / 1000).toFixed(2)} s)`, `${r.tests} tests: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`]),
    ['best run', `${(best / 1000).toFixed(2)} s`, `≤ ${TARGET_MS / 1000} s ${verdict(best <= TARGET_MS)}`],
    ['every MUST passed in every round', allPassed ? 'yes' : 'no', verdict(allPassed)],
    ['peak memory of the process (RSS: sandbox, partners, runner)', `${peakRssMb.toFixed(0)} MB`],
  ]);
  const result = { suites: SUITE_IDS, population: POPULATION, loadAverage: load, targetMs: TARGET_MS, rounds, bestRunMs: best, peakRssMb, pass };
  console.log(`written ${writeResult('conformance-suites', result)}`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runConformanceSuitesBenchmark();
}
