// The one-command demo: a sandbox on a fresh SQLite store, the reference HIP and HIU logged in to it as the demo
// clients, every suite run against them, and the signed bundle written where a person can open report.html.
// Each step prints a line as it finishes, so a first-time user sees where the time goes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { ndjsonFileSink } from '../../conformance/runner/ndjson-file-sink.js';
import { runConformance } from '../../conformance/runner/runner.js';
import { flowActions } from '../../conformance/sandbox-link/flow-actions.js';
import { InProcessSandboxLink } from '../../conformance/sandbox-link/in-process-link.js';
import { hipOperatorActions } from '../../conformance/sandbox-link/operator-actions.js';
import { SUITES } from '../../conformance/suites/index.js';
import { DEMO_HIP, DEMO_HIU } from '../../fixtures/partners/demo-credentials.js';
import { startReferenceHip, type ReferenceHip } from '../../fixtures/partners/hip/reference-hip.js';
import { startReferenceHiu, type ReferenceHiu } from '../../fixtures/partners/hiu/reference-hiu.js';
import { progressPrinter } from '../../reports/console/progress-lines.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox-server/http/server.js';
import { EVENT_LOG_FILE, FORMAT_NAMES, publishRun } from '../run-outputs.js';

export interface DemoOptions {
  /** Where the signed bundle goes (default ./abdm-report). */
  out: string;
  seed: number;
  population: number;
  timeoutMs: number;
  /** Keep the sandbox's store (in a temporary directory) instead of deleting it at the end. */
  keepStore: boolean;
  print: (line: string) => void;
}

/**
 * One facility per 1,400 people, so the demo HIP has about seventy patients: enough for every HIP test to have its
 * own, while the HIP's walk of the population for them stays short (the full-size default is one per 50).
 */
export function demoFacilityCount(population: number): number {
  return Math.max(1, Math.round(population / 1_400));
}

/** Runs the demo; resolves with the run's exit code (0 when every MUST passed). */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { print } = options;
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'abdm-sandbox-demo-'));
  const started = Date.now();
  const step = async <T>(what: string, work: () => Promise<T>, done: (value: T) => string): Promise<T> => {
    const t0 = Date.now();
    const value = await work();
    print(`✓ ${what}: ${done(value)} (${Date.now() - t0} ms)`);
    return value;
  };

  let running: RunningSandbox | undefined;
  let hip: ReferenceHip | undefined;
  let hiu: ReferenceHiu | undefined;
  try {
    running = await step(
      'sandbox',
      () => serveSandbox({ port: 0, host: '127.0.0.1', dataDir, seed: options.seed, population: options.population, facilityCount: demoFacilityCount(options.population), callbackRetryDelaysMs: [500, 1_000] }),
      (r) => `${r.url}, seed ${options.seed}, ${options.population.toLocaleString('en-IN')} ABHA accounts, ${demoFacilityCount(options.population).toLocaleString('en-IN')} facilities, store ${dataDir}`,
    );
    const gatewayUrl = running.url;
    hip = await step(
      'reference HIP',
      async () => {
        const started = await startReferenceHip({ gatewayUrl, clientId: DEMO_HIP.clientId, clientSecret: DEMO_HIP.clientSecret, operatorApi: true });
        // A hospital's patient index is built before its first patient walks in: the HIP walks the synthetic
        // population for its own patients now, not inside the first discovery's time budget.
        await started.records.withMobile('');
        return started;
      },
      (h) => `${h.hipId} (${h.hipName}) at ${h.url}, its patients indexed`,
    );
    hiu = await step('reference HIU', () => startReferenceHiu({ gatewayUrl, clientId: DEMO_HIU.clientId, clientSecret: DEMO_HIU.clientSecret, operatorApi: true }), (h) => `${h.hiuId} (${h.hiuName}) at ${h.url}`);

    const sandbox = running.sandbox;
    const actions = new Map([...flowActions(sandbox), ...hipOperatorActions(`${hip.url}/operator`)]);
    const link = new InProcessSandboxLink({ sandbox, url: gatewayUrl, actions });
    const file = ndjsonFileSink(join(out, EVENT_LOG_FILE));
    const printProgress = progressPrinter();
    try {
      await runConformance({
        link,
        suites: SUITES,
        selection: { suites: SUITES.map((s) => s.id), only: [], tags: [] },
        partners: { hip: { serviceId: hip.hipId, clientId: DEMO_HIP.clientId }, hiu: { serviceId: hiu.hiuId, clientId: DEMO_HIU.clientId } },
        seed: options.seed,
        timeoutMs: options.timeoutMs,
        startupTimeoutMs: 30_000,
        concurrency: 4,
        command: `abdm-sandbox demo --seed ${options.seed} --out ${options.out}`,
        sinks: [file.sink],
        secrets: [DEMO_HIP.clientSecret, DEMO_HIU.clientSecret],
        onEntry: (entry: RunLogEntry) => {
          for (const line of printProgress(entry)) print(line);
        },
      });
    } finally {
      file.close();
    }
    const { summary } = await publishRun({ dir: out, formats: FORMAT_NAMES, signer: link.reportSigner(), print });
    print(`demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${join(out, 'report.html')} in a browser`);
    return summary.verdict.exitCode;
  } finally {
    await hiu?.close();
    await hip?.close();
    await running?.close();
    if (!options.keepStore) rmSync(dataDir, { recursive: true, force: true });
  }
}
