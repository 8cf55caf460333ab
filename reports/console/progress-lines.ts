// The console view of a run: one line per finished test (with its first failure and evidence), what a startup test
// is waiting for, and a closing summary with the verdict and the command that reproduces the run. Plain text, no
// colours: CI logs keep it. Rendered from log entries as they arrive.
import { milestoneReadiness } from '../../conformance/results/milestone-readiness.js';
import type { DeclaredTest, RunLogEntry } from '../../conformance/results/run-log-entry.js';
import type { RunSummary } from '../../conformance/results/run-summary.js';

const LABEL: Record<string, string> = { pass: 'PASS ', fail: 'FAIL ', skip: 'SKIP ', error: 'ERROR' };

/** A function that turns each log entry into the lines to print (often none). */
export function progressPrinter(): (entry: RunLogEntry) => string[] {
  const tests = new Map<string, DeclaredTest>();
  const failures = new Map<string, { message: string; evidence: number[] }>();
  const warnings = new Map<string, number>();
  let width = 0;
  return (entry) => {
    switch (entry.kind) {
      case 'run.started': {
        const r = entry.run;
        const partners = Object.values(r.partners).map((p) => `${p!.role.toUpperCase()} ${p!.serviceId} (client ${p!.clientId})`);
        const lines = [
          `abdm-sandbox run ${r.runId}: seed ${r.seed}, suite(s) ${r.selection.suites.join(', ') || 'all'}`,
          `  partner(s)  ${partners.join(', ')}`,
          `  sandbox     ${r.sandbox.url} (${r.sandbox.mode}, version ${r.sandbox.version}, X-CM-ID ${r.sandbox.cmId})`,
        ];
        // The runner started this sandbox just now: the partner can only start once it knows where it is.
        if (r.sandbox.mode === 'in-process') lines.push(`  ready       start your partner against ${r.sandbox.url} now; startup tests wait up to ${r.startupTimeoutMs / 1000} s for it`);
        return lines;
      }
      case 'test.declared':
        tests.set(entry.test.id, entry.test);
        width = Math.max(width, entry.test.id.length);
        return [];
      case 'test.message': {
        // Startup tests wait for the partner: say what for, so a silent terminal is not a mystery.
        if (entry.level !== 'info' || tests.get(entry.testId)?.phase !== 'startup') {
          if (entry.level === 'warning') warnings.set(entry.testId, (warnings.get(entry.testId) ?? 0) + 1);
          return [];
        }
        return [`  ....  ${entry.testId.padEnd(width)}  ${entry.message}`];
      }
      case 'test.check':
        if (!entry.passed && entry.severity === 'error' && !failures.has(entry.testId)) failures.set(entry.testId, { message: entry.message, evidence: entry.evidence });
        if (!entry.passed && entry.severity === 'warning') warnings.set(entry.testId, (warnings.get(entry.testId) ?? 0) + 1);
        return [];
      case 'test.finished': {
        const t = tests.get(entry.testId);
        const title = t ? `${t.title}${t.level === 'MUST' ? '' : ` [${t.level}]`}` : '';
        const n = warnings.get(entry.testId) ?? 0;
        const tail = `(${(entry.durationMs / 1000).toFixed(1)} s${n ? `, ${n} warning${n === 1 ? '' : 's'}` : ''})`;
        const lines = [`  ${LABEL[entry.outcome]} ${entry.testId.padEnd(width)}  ${title} ${tail}`];
        const failure = failures.get(entry.testId);
        if (entry.outcome === 'fail' && failure) {
          lines.push(`        ✗ ${failure.message}`);
          if (failure.evidence.length > 0) lines.push(`          evidence: ${failure.evidence.map((id) => `#${id}`).join(', ')}`);
        } else if (entry.reason && entry.outcome !== 'pass') lines.push(`        ${entry.reason}`);
        return lines;
      }
      default:
        return [];
    }
  };
}

/** The closing lines: counts, verdict with reasons, unmatched traffic, readiness per milestone, where the outputs are, how to reproduce. */
export function closingLines(summary: RunSummary, outputs: ReadonlyArray<string>): string[] {
  const c = summary.counts;
  const lines = ['', `${c.total} test(s): ${c.pass} passed, ${c.fail} failed, ${c.skip} skipped, ${c.error} errored${c.expectedFailures ? ` (${c.expectedFailures} failed as expected)` : ''}`];
  for (const reason of summary.verdict.reasons) lines.push(`  ✗ ${reason}`);
  for (const note of summary.verdict.notes) lines.push(`  ! ${note}`);
  if (summary.unmatched.length > 0) {
    lines.push(`${summary.unmatched.length} exchange(s) matched no test:`);
    for (const u of summary.unmatched.slice(0, 10)) lines.push(`  #${u.exchangeId}: ${u.reason}`);
    if (summary.unmatched.length > 10) lines.push(`  ... and ${summary.unmatched.length - 10} more (see results.json)`);
  }
  for (const m of milestoneReadiness(summary.tests)) lines.push(m.headline);
  const verdict = { 0: 'every MUST test passed', 1: 'conformance failure', 3: 'harness error' }[summary.verdict.exitCode];
  lines.push(`verdict: exit ${summary.verdict.exitCode} (${verdict})`);
  if (outputs.length > 0) lines.push(`outputs: ${outputs.join(', ')}`);
  lines.push(`reproduce: ${summary.run.command}`);
  return lines;
}
