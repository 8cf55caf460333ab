// junit.xml for CI: one <testsuite> per conformance suite, one <testcase> per test. Failures carry their message
// and an evidence summary (the journal exchanges, one line each). An expected failure is <skipped> with the
// failure kept in <system-out> (pytest's xfail convention); a listed test that passed is a failure. Pure.
import { exchangeLine } from '../../conformance/checks/exchange-line.js';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { summarizeRun, type RunSummary, type TestResult } from '../../conformance/results/run-summary.js';

/** junit.xml for a run's event log. */
export function renderJunitXml(log: ReadonlyArray<RunLogEntry>): string {
  const s = summarizeRun(log);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = s.tests;
  lines.push(
    `<testsuites name="abdm-sandbox conformance" tests="${all.length}" failures="${all.filter(isFailure).length}" errors="${all.filter((t) => t.outcome === 'error').length}" skipped="${all.filter(isSkipped).length}" time="${seconds(s.durationMs)}" timestamp="${attr(s.startedAt)}">`,
  );
  for (const suite of s.suites) {
    const tests = all.filter((t) => t.suite === suite.id);
    lines.push(
      `  <testsuite name="${attr(suite.id)}" tests="${tests.length}" failures="${tests.filter(isFailure).length}" errors="${tests.filter((t) => t.outcome === 'error').length}" skipped="${tests.filter(isSkipped).length}" time="${seconds(tests.reduce((sum, t) => sum + (t.durationMs ?? 0), 0))}" timestamp="${attr(s.startedAt)}">`,
    );
    lines.push('    <properties>');
    for (const [name, value] of properties(s)) lines.push(`      <property name="${attr(name)}" value="${attr(value)}"/>`);
    lines.push('    </properties>');
    for (const t of tests) lines.push(...testcase(t, s));
    lines.push('  </testsuite>');
  }
  if (s.harnessError) lines.push(`  <!-- harness error: ${comment(s.harnessError)} -->`);
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

const isFailure = (t: TestResult) => (t.outcome === 'fail' && t.expectation !== 'expected-failure') || t.expectation === 'unexpected-pass';
const isSkipped = (t: TestResult) => t.outcome === 'skip' || t.expectation === 'expected-failure';

function properties(s: RunSummary): Array<[string, string]> {
  const props: Array<[string, string]> = [
    ['run.id', s.run.runId],
    ['seed', String(s.run.seed)],
    ['command', s.run.command],
    ['abdm-sandbox.version', s.run.versions.abdmSandbox],
    ['sandbox', `${s.run.sandbox.url} (${s.run.sandbox.mode}, ${s.run.sandbox.version})`],
    ['verdict', `exit ${s.verdict.exitCode} (${s.verdict.outcome})`],
  ];
  for (const [role, p] of Object.entries(s.run.partners)) props.push([`partner.${role}`, `${p!.serviceId} (client ${p!.clientId})`]);
  return props;
}

function testcase(t: TestResult, s: RunSummary): string[] {
  const name = `${t.id} ${t.title} [${t.level}]`;
  const open = `    <testcase name="${attr(name)}" classname="${attr(`${t.suite}.${t.group}`)}" time="${seconds(t.durationMs)}">`;
  const out = [open];
  const details = detailText(t, s);
  if (t.expectation === 'unexpected-pass') {
    out.push(`      <failure type="unexpected-pass" message="${attr(`passed, but listed as an expected failure (${t.expectedFailure?.reason}); remove it from the expected-failures file`)}"/>`);
  } else if (t.expectation === 'expected-failure') {
    out.push(`      <skipped message="${attr(`expected failure: ${t.expectedFailure?.reason}`)}"/>`);
  } else if (t.outcome === 'fail') {
    out.push(`      <failure type="${t.level}" message="${attr(t.summary)}">${text(details)}</failure>`);
  } else if (t.outcome === 'error') {
    out.push(`      <error type="harness-error" message="${attr(t.summary)}">${text(details)}</error>`);
  } else if (t.outcome === 'skip') {
    out.push(`      <skipped message="${attr(t.summary)}"/>`);
  }
  if (t.outcome !== 'fail' || t.expectation === 'expected-failure') out.push(`      <system-out>${text(details)}</system-out>`);
  out.push('    </testcase>');
  return out;
}

/** Checks and messages, then the evidence: one line per exchange. */
function detailText(t: TestResult, s: RunSummary): string {
  const lines = [`${t.id} (${t.level}, ${t.milestone}) ${t.title}`, `spec: ${t.spec.join('; ')}${t.nhaTestCases.length ? `; NHA: ${t.nhaTestCases.join(', ')}` : ''}`];
  for (const c of t.checks) lines.push(`${c.passed ? 'PASS' : c.severity === 'error' ? 'FAIL' : c.severity.toUpperCase()} ${c.ruleId}: ${c.message}`);
  for (const m of t.messages) if (m.level !== 'info') lines.push(`${m.level.toUpperCase()}${m.ruleId ? ` ${m.ruleId}` : ''}: ${m.message}`);
  const byId = new Map(s.exchanges.map((e) => [e.id, e]));
  if (t.evidence.length > 0) {
    lines.push('evidence (journal exchanges):');
    for (const id of t.evidence) {
      const e = byId.get(id);
      lines.push(`  ${e ? exchangeLine(e) : `#${id} (not in this run's log)`}`);
    }
  }
  return lines.join('\n');
}

function seconds(ms: number | undefined): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

// XML 1.0 allows tab, newline, carriage return and no other control characters.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(value: string): string {
  return value.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function comment(value: string): string {
  return text(value).replace(/--/g, '- -');
}
