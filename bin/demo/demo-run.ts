// The one-command demo: the reference rig (a sandbox on a fresh SQLite store, the reference HIP and HIU logged in
// as the demo clients), every suite run against it, and the signed bundle written where a person can open
// report.html. Each part prints a line as it is up, so a first-time user sees where the time goes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { ndjsonFileSink } from '../../conformance/runner/ndjson-file-sink.js';
import { runConformance } from '../../conformance/runner/runner.js';
import { SUITES } from '../../conformance/suites/index.js';
import { progressPrinter } from '../../reports/console/progress-lines.js';
import { EVENT_LOG_FILE, FORMAT_NAMES, publishRun } from '../run-outputs.js';
import { DEMO_RUN, startReferenceRig, type ReferenceRig } from './reference-rig.js';

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

/** Runs the demo; resolves with the run's exit code (0 when every MUST passed). */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { print } = options;
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'abdm-sandbox-demo-'));
  const started = Date.now();
  let rig: ReferenceRig | undefined;
  try {
    rig = await startReferenceRig({ seed: options.seed, population: options.population, dataDir, onReady: (part, description, ms) => print(`✓ ${part}: ${description} (${ms} ms)`) });
    const file = ndjsonFileSink(join(out, EVENT_LOG_FILE));
    const printProgress = progressPrinter();
    try {
      await runConformance({
        link: rig.link,
        suites: SUITES,
        selection: { suites: SUITES.map((s) => s.id), only: [], tags: [] },
        partners: rig.partners,
        seed: options.seed,
        timeoutMs: options.timeoutMs,
        startupTimeoutMs: 30_000,
        concurrency: DEMO_RUN.concurrency,
        command: `abdm-sandbox demo --seed ${options.seed} --out ${options.out}`,
        sinks: [file.sink],
        secrets: rig.secrets,
        onEntry: (entry: RunLogEntry) => {
          for (const line of printProgress(entry)) print(line);
        },
      });
    } finally {
      file.close();
    }
    const { summary } = await publishRun({ dir: out, formats: FORMAT_NAMES, signer: rig.link.reportSigner(), print });
    print(`demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s — open ${join(out, 'report.html')} in a browser`);
    return summary.verdict.exitCode;
  } finally {
    await rig?.close();
    if (!options.keepStore) rmSync(dataDir, { recursive: true, force: true });
  }
}
