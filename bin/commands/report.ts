// `abdm-sandbox report verify DIR`: checks a signed run bundle byte for byte and says who signed what and when (exit 0),
// or names every changed, missing or added file (exit 1). `abdm-sandbox report diff OLD NEW`: regressions, fixes and
// new tests between two runs (exit 1 on a regression). Bad usage exits 2.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseRunLog, type RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { verifyBundle } from '../../reports/bundle/bundle-verification.js';
import { verificationLines } from '../../reports/bundle/verification-lines.js';
import { diffRuns, runDiffLines } from '../../reports/diff/run-diff.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { pinnedKeyId } from '../pinned-key.js';
import { EVENT_LOG_FILE } from '../run-outputs.js';

export function registerReportCommand(program: Command): void {
  const report = program.command('report').description('Check and compare the signed output bundles of conformance runs');
  report
    .command('verify <dir>')
    .description('Check that a run bundle is intact and signed (exit 0), or name every file changed since (exit 1)')
    .option('--key <key>', "the key it must be signed with: the sandbox's URL, a file saved from its /sandbox/signing-key, a PEM public key, or the key id")
    .action(async (dir: string, opts: { key?: string }) => {
      process.exitCode = await verifyCommand(dir, opts);
    });
  report
    .command('diff <old> <new>')
    .description('Compare two runs test by test: regressions, fixes, new and removed tests (exit 1 on a regression)')
    .option('--json', 'print the differences as JSON')
    .action(async (oldDir: string, newDir: string, opts: { json?: boolean }) => {
      process.exitCode = await diffCommand(oldDir, newDir, opts);
    });
}

async function verifyCommand(dir: string, opts: { key?: string }): Promise<number> {
  try {
    if (!existsSync(dir)) throw new UsageError(`${dir} does not exist`);
    const pinned = opts.key ? await pinnedKeyId(opts.key) : undefined;
    const result = await verifyBundle(dir, { now: Date.now(), ...(pinned ? { pinnedKeyId: pinned } : {}) });
    for (const line of verificationLines(dir, result)) console.log(line);
    return result.ok ? EXIT.ok : EXIT.failure;
  } catch (err) {
    console.error(`abdm-sandbox report verify: ${(err as Error).message}`);
    return EXIT.usage;
  }
}

async function diffCommand(oldDir: string, newDir: string, opts: { json?: boolean }): Promise<number> {
  let logs: [RunLogEntry[], RunLogEntry[]];
  try {
    logs = [readLog(oldDir), readLog(newDir)];
  } catch (err) {
    console.error(`abdm-sandbox report diff: ${(err as Error).message}`);
    return EXIT.usage;
  }
  const diff = diffRuns(...logs);
  // A diff of a tampered bundle compares what someone wrote, not what was run: say so, but still compare.
  for (const [label, dir] of [['old', oldDir], ['new', newDir]] as const) {
    const check = await verifyBundle(dir, { now: Date.now() });
    if (!check.intact) diff.notes.push(`the ${label} bundle ${dir} is not as signed (${check.problems.filter((p) => p.kind === 'changed').map((p) => `${p.file}: ${p.problem}`).join('; ')})`);
  }
  if (opts.json) console.log(JSON.stringify(diff, null, 2));
  else {
    console.log(`abdm-sandbox report diff ${oldDir} ${newDir}`);
    for (const line of runDiffLines(diff)) console.log(line);
  }
  return diff.exitCode;
}

function readLog(dir: string): RunLogEntry[] {
  const file = join(dir, EVENT_LOG_FILE);
  if (!existsSync(file)) throw new Error(`${dir} holds no ${EVENT_LOG_FILE}: give the --out directory of a run`);
  try {
    return parseRunLog(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}
