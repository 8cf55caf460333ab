// `abdm-sandbox demo`: the README's first command. Starts everything, grades the reference partners with every
// suite and writes the signed report bundle; see bin/demo/demo-run.ts.
import type { Command } from 'commander';
import { runDemo } from '../demo/demo-run.js';
import { DEMO_RUN } from '../demo/reference-rig.js';
import { EXIT } from '../exit-codes.js';
import { integerOption } from '../options.js';

interface DemoFlags {
  out: string;
  seed: number;
  population: number;
  timeoutMs: number;
  keepStore: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Start the sandbox, the reference HIP, HIU and ABHA client, run every suite against them and write a signed report')
    .option('--out <dir>', 'where to write report.html, results.json, junit.xml, the event log and the signed manifest', './abdm-report')
    .option('--seed <seed>', 'root seed of the world and the run', integerOption('--seed', 0, 2 ** 32 - 1), 1)
    // 100,000 keeps the reference HIP's start (it walks the population for its own patients) under a second.
    .option('--population <n>', 'ABHA accounts in the synthetic world', integerOption('--population', 1, 1_000_000_000), 100_000)
    .option('--timeout-ms <ms>', 'how long one wait for a partner lasts', integerOption('--timeout-ms', 100, 3_600_000), DEMO_RUN.timeoutMs)
    .option('--keep-store', "keep the sandbox's SQLite store (in a temporary directory) after the demo", false)
    .action(async (flags: DemoFlags) => {
      try {
        process.exitCode = await runDemo({ ...flags, print: (line) => console.log(line) });
      } catch (err) {
        console.error(`abdm-sandbox demo: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        process.exitCode = EXIT.harnessError;
      }
    });
}
