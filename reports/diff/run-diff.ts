// `report diff`: compares two runs test by test, from their event logs: regressions (passed before, fails or errors
// now), fixes, new and removed tests, other changes, and what makes the two runs hard to compare (seed, tool
// version, test definitions, partner). Pure.
import type { Outcome } from '../../conformance/results/outcome.js';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { summarizeRun, type RunSummary, type TestResult } from '../../conformance/results/run-summary.js';
import { suiteDefinitions } from '../bundle/bundle-manifest.js';
import { timeText } from '../text/time-text.js';

export interface TestChange {
  id: string;
  level: string;
  before?: Outcome;
  after?: Outcome;
  /** The test's summary line in the run it last ran in. */
  summary: string;
}

export interface RunDiff {
  old: RunSide;
  new: RunSide;
  regressions: TestChange[];
  fixes: TestChange[];
  added: TestChange[];
  removed: TestChange[];
  otherChanges: TestChange[];
  unchanged: number;
  /** Why the runs may not be comparable, one line each. */
  notes: string[];
  /** 1 when anything regressed, else 0. */
  exitCode: 0 | 1;
}

interface RunSide {
  runId: string;
  startedAt: string;
  version: string;
  seed: number;
  partners: string;
  exitCode: number;
}

const failed = (o: Outcome) => o === 'fail' || o === 'error';

/** The differences between an old and a new run. */
export function diffRuns(oldLog: ReadonlyArray<RunLogEntry>, newLog: ReadonlyArray<RunLogEntry>): RunDiff {
  const [a, b] = [summarizeRun(oldLog), summarizeRun(newLog)];
  const before = new Map(a.tests.map((t) => [t.id, t]));
  const after = new Map(b.tests.map((t) => [t.id, t]));
  const change = (t: TestResult, was?: TestResult, now?: TestResult): TestChange => ({
    id: t.id,
    level: t.level,
    ...(was ? { before: was.outcome } : {}),
    ...(now ? { after: now.outcome } : {}),
    summary: (now ?? was)!.summary,
  });
  const diff: RunDiff = { old: side(a), new: side(b), regressions: [], fixes: [], added: [], removed: [], otherChanges: [], unchanged: 0, notes: notes(a, b, oldLog, newLog), exitCode: 0 };
  for (const t of b.tests) {
    const was = before.get(t.id);
    if (!was) diff.added.push(change(t, undefined, t));
    else if (was.outcome === t.outcome) diff.unchanged += 1;
    else if (was.outcome === 'pass' && failed(t.outcome)) diff.regressions.push(change(t, was, t));
    else if (failed(was.outcome) && t.outcome === 'pass') diff.fixes.push(change(t, was, t));
    else diff.otherChanges.push(change(t, was, t));
  }
  for (const t of a.tests) if (!after.has(t.id)) diff.removed.push(change(t, t, undefined));
  diff.exitCode = diff.regressions.length > 0 ? 1 : 0;
  return diff;
}

function side(s: RunSummary): RunSide {
  return {
    runId: s.run.runId,
    startedAt: s.startedAt,
    version: s.run.versions.abdmSandbox,
    seed: s.run.seed,
    partners: Object.values(s.run.partners).map((p) => `${p!.role.toUpperCase()} ${p!.serviceId}`).join(', '),
    exitCode: s.verdict.exitCode,
  };
}

function notes(a: RunSummary, b: RunSummary, oldLog: ReadonlyArray<RunLogEntry>, newLog: ReadonlyArray<RunLogEntry>): string[] {
  const out: string[] = [];
  if (a.run.seed !== b.run.seed) out.push(`the seeds differ (${a.run.seed} and ${b.run.seed}): the tests used different synthetic data`);
  if (a.run.versions.abdmSandbox !== b.run.versions.abdmSandbox) out.push(`the tool versions differ (${a.run.versions.abdmSandbox} and ${b.run.versions.abdmSandbox}): tests may grade differently`);
  const digests = new Map(suiteDefinitions(oldLog).map((s) => [s.id, s.definitionsSha256]));
  for (const s of suiteDefinitions(newLog)) {
    const old = digests.get(s.id);
    if (old && old !== s.definitionsSha256) out.push(`the ${s.id} suite's test definitions differ between the runs (tests added, removed or reworded)`);
  }
  const [pa, pb] = [side(a).partners, side(b).partners];
  if (pa !== pb) out.push(`the runs grade different partners (${pa || 'none'} and ${pb || 'none'})`);
  return out;
}

/** The diff as the lines `abdm-sandbox report diff` prints. */
export function runDiffLines(diff: RunDiff): string[] {
  const run = (label: string, r: RunSide) => `  ${label}  run ${r.runId} (${timeText(r.startedAt)}), abdm-sandbox ${r.version}, seed ${r.seed}, ${r.partners || 'no partner'}: exit ${r.exitCode}`;
  const lines = [run('old', diff.old), run('new', diff.new)];
  for (const note of diff.notes) lines.push(`  note: ${note}`);
  const section = (title: string, mark: string, changes: TestChange[], describe: (c: TestChange) => string) => {
    if (changes.length === 0) return;
    lines.push(`${changes.length} ${title}:`);
    for (const c of changes) lines.push(`  ${mark} ${c.id} (${c.level}) ${describe(c)}`);
  };
  const moved = (c: TestChange) => `${c.before} → ${c.after}`;
  section('regression(s)', '✗', diff.regressions, (c) => `${moved(c)}: ${c.summary}`);
  section('fix(es)', '✓', diff.fixes, moved);
  section('new test(s)', '+', diff.added, (c) => `${c.after}${c.after === 'pass' ? '' : `: ${c.summary}`}`);
  section('removed test(s)', '-', diff.removed, (c) => `was ${c.before}`);
  section('other change(s)', '~', diff.otherChanges, (c) => `${moved(c)}: ${c.summary}`);
  lines.push(`${diff.unchanged} test(s) unchanged`);
  lines.push(diff.exitCode === 1 ? `diff: exit 1 (${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'})` : 'diff: exit 0 (no regression)');
  return lines;
}
