// The HTML report's view model: everything the page shows, computed from a run's summary, so the templates only lay
// it out. Failures come first. An exchange is shown in full once, at its first place on the page, and linked from
// every later one; a run of thousands shows the ones that matter most in full and lists the rest a line each, so the
// page stays quick to open. Pure; partner data stays plain text (the templates escape it).
import { milestoneReadiness, nhaCoverage, type MilestoneReadiness, type NhaCoverageRow } from '../../conformance/results/milestone-readiness.js';
import { exchangeLine } from '../../conformance/checks/exchange-line.js';
import type { RunSummary, TestResult } from '../../conformance/results/run-summary.js';
import { awaitsAttestation } from '../../conformance/results/outcome.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import type { BundleManifest } from '../bundle/bundle-manifest.js';
import { exchangeAnchor, exchangeDetail, exchangeRow, type ExchangeDetail, type ExchangeLink, type ExchangeRow } from './exchange-view.js';
import { durationText, timeText } from '../text/time-text.js';

/** Rows a test's timeline shows before the rest fold away under "N more". */
const TIMELINE_SHOWN = 40;

/**
 * At most this many exchanges are shown in full (headers and bodies): evidence first, then unmatched traffic, then
 * the rest in page order. Real runs stay well under it; a run of 10,000 exchanges still opens in a second or two.
 */
export const FULL_EXCHANGE_BUDGET = 1_000;

export interface OutcomeBadge {
  /** CSS class suffix: an outcome (pass, fail, skip, error, xfail, xpass) or a severity (sev-error, sev-warning, sev-info). */
  kind: string;
  label: string;
}

export interface CheckView {
  ruleId: string;
  badge: OutcomeBadge;
  message: string;
  evidence: ExchangeLink[];
}

export interface TimelineEntry extends ExchangeRow {
  /** The exchange in full, at its first place on the page. */
  detail?: ExchangeDetail;
  /** Elsewhere: the test it is shown in full under. Neither: not in the page in full (over the budget). */
  shownUnder?: string;
}

/** A timeline item: an exchange, or a run of exchanges not shown in full, one plain line each. */
export type TimelineItem = TimelineEntry | { plainRows: string };

export interface TestView {
  id: string;
  anchor: string;
  title: string;
  description: string;
  level: string;
  milestone: string;
  group: string;
  nhaTestCases: string;
  spec: string[];
  tags: string;
  badge: OutcomeBadge;
  summary: string;
  duration: string;
  expectedFailureReason?: string;
  open: boolean;
  checks: CheckView[];
  messages: CheckView[];
  timeline: TimelineItem[];
  moreTimeline: TimelineItem[];
}

export interface TestSection {
  id: string;
  title: string;
  note: string;
  tests: TestView[];
}

export interface UnmatchedView {
  reason: string;
  entry: TimelineEntry;
}

export interface CoverageView {
  ids: string[];
  milestone: string;
  title: string;
  kind: NhaCoverageRow['status'];
  statusText: string;
  testLinks: Array<{ id: string; anchor: string; outcome: string }>;
}

export interface ReportView {
  title: string;
  run: {
    id: string;
    seed: number;
    started: string;
    finished: string;
    duration: string;
    toolVersion: string;
    node: string;
    command: string;
    sandbox: string;
    world: string;
    suiteTitles: string;
    /** Each suite with its test count and the digest of its test definitions (as in manifest.json). */
    suites: string;
    selection: string;
    timeouts: string;
  };
  partners: Array<{ role: string; serviceId: string; clientId: string }>;
  expectedFailures: Array<{ test: string; reason: string }>;
  harnessError?: string;
  verdict: { kind: string; headline: string; reasons: string[]; notes: string[] };
  counts: Array<{ kind: string; label: string; value: number }>;
  milestones: Array<MilestoneReadiness & { kind: string; detail: string }>;
  /** NHA test cases; neighbours with the same title, tests and status share a row. */
  coverage: CoverageView[];
  overview: Array<{ id: string; anchor: string; title: string; level: string; milestone: string; badge: OutcomeBadge; duration: string; summary: string }>;
  sections: TestSection[];
  unmatched: UnmatchedView[];
  exchangeCount: number;
  /** Set when some exchanges are listed but not shown in full. */
  exchangesNote?: string;
}

/** The HTML element id of a test. */
export const testAnchor = (id: string): string => `t-${id}`;

/** What a test's badge says: its outcome, or how the expected-failures file judged it. */
export function outcomeBadge(t: Pick<TestResult, 'outcome' | 'expectation'>): OutcomeBadge {
  if (t.expectation === 'expected-failure') return { kind: 'xfail', label: 'FAIL (expected)' };
  if (t.expectation === 'unexpected-pass') return { kind: 'xpass', label: 'PASS (unexpected)' };
  return { kind: t.outcome, label: t.outcome.toUpperCase() };
}

const isProblem = (t: TestResult) => t.outcome === 'error' || t.expectation === 'unexpected-pass' || (t.outcome === 'fail' && t.expectation !== 'expected-failure');
/** MUST failures and harness errors before SHOULD/MAY failures. */
const problemRank = (t: TestResult) => (t.outcome === 'error' || t.expectation === 'unexpected-pass' || t.level === 'MUST' ? 0 : 1);

const VERDICT_HEADLINE: Record<number, string> = {
  0: 'Every MUST test passed',
  1: 'Conformance failure',
  3: 'Harness error: the run could not grade everything',
};

/** The report's view of a run summary; `definitions` name the suites and the digest of their test definitions. */
export function reportView(s: RunSummary, definitions: BundleManifest['suites']): ReportView {
  const problems = s.tests.filter(isProblem).sort((a, b) => problemRank(a) - problemRank(b));
  const groups: Array<[string, string, string, TestResult[], boolean]> = [
    ['problems', 'Failures and errors', 'MUST failures and harness errors first, then SHOULD and MAY failures.', problems, true],
    ['expected', 'Expected failures', 'Failing, and listed in the expected-failures file with a reason: they do not fail the run.', s.tests.filter((t) => t.expectation === 'expected-failure'), false],
    ['attest', 'To be attested by a reviewer', 'What only a person can judge on the partner\'s app (consent text, labels, screens): not graded by the runner; a reviewer checks each and attests it.', s.tests.filter(awaitsAttestation), false],
    ['skipped', 'Not graded', 'Skipped, with the reason: what this run could not observe.', s.tests.filter((t) => t.outcome === 'skip' && !awaitsAttestation(t)), false],
    ['passed', 'Passed', '', s.tests.filter((t) => t.outcome === 'pass' && t.expectation !== 'unexpected-pass'), false],
  ];
  const shown = groups.filter(([, , , tests]) => tests.length > 0);
  const runStartMs = Date.parse(s.startedAt);
  const exchanges = new Map<number, Exchange>(s.exchanges.map((e) => [e.id, e]));
  const inFull = exchangesInFull(shown.flatMap(([, , , tests]) => tests), s.unmatched.map((u) => u.exchangeId), exchanges);
  // Journal ids follow the order calls were recorded, not started: a timeline goes by start time.
  const startMs = (id: number) => Date.parse(exchanges.get(id)!.startedAt);
  /** Exchange id → the test it is shown in full under (the first one on the page). */
  const home = new Map<number, string>();
  const entry = (id: number, cited: boolean, under: string): TimelineEntry | undefined => {
    const e = exchanges.get(id);
    if (!e) return undefined;
    const row = exchangeRow(e, runStartMs, cited);
    if (!inFull.has(id)) return row;
    const shownUnder = home.get(id);
    if (shownUnder !== undefined) return { ...row, shownUnder };
    home.set(id, under);
    return { ...row, detail: exchangeDetail(e, s.decrypted?.[id]) };
  };
  /** Exchanges not shown in full, next to each other, become one block of plain lines. */
  const plainLine = (row: TimelineEntry) => `${row.offset}  ${exchangeLine(exchanges.get(row.id)!)}  ${row.latency}${row.findings ? `  (${row.findings} finding(s))` : ''}${row.cited ? '  [evidence]' : ''}`;
  const items = (entries: ReadonlyArray<TimelineEntry>): TimelineItem[] => {
    const out: TimelineItem[] = [];
    for (const e of entries) {
      const last = out[out.length - 1];
      const plain = e.detail === undefined && e.shownUnder === undefined;
      if (!plain) out.push(e);
      else if (last && 'plainRows' in last) last.plainRows += `\n${plainLine(e)}`;
      else out.push({ plainRows: plainLine(e) });
    }
    return out;
  };
  const testView = (t: TestResult, open: boolean): TestView => {
    const cited = new Set(t.evidence);
    const timeline = items(
      t.exchanges
        .filter((id) => exchanges.has(id))
        .sort((a, b) => startMs(a) - startMs(b) || a - b)
        .map((id) => entry(id, cited.has(id), t.id)!),
    );
    return {
      id: t.id,
      anchor: testAnchor(t.id),
      title: t.title,
      description: t.description,
      level: t.level,
      milestone: t.milestone,
      group: `${t.group}: ${t.groupTitle}`,
      nhaTestCases: t.nhaTestCases.length > 0 ? t.nhaTestCases.join(', ') : 'prerequisite of all',
      spec: t.spec,
      tags: t.tags.join(', '),
      badge: outcomeBadge(t),
      summary: t.summary,
      duration: durationText(t.durationMs),
      ...(t.expectedFailure ? { expectedFailureReason: t.expectedFailure.reason } : {}),
      open,
      checks: t.checks.map((c) => ({
        ruleId: c.ruleId,
        badge: c.passed ? { kind: 'pass', label: 'PASS' } : c.severity === 'error' ? { kind: 'fail', label: 'FAIL' } : { kind: `sev-${c.severity}`, label: c.severity.toUpperCase() },
        message: c.message,
        evidence: links(c.evidence),
      })),
      messages: t.messages.map((m) => ({ ruleId: m.ruleId ?? '', badge: { kind: `sev-${m.level}`, label: m.level.toUpperCase() }, message: m.message, evidence: links(m.evidence) })),
      timeline: timeline.slice(0, TIMELINE_SHOWN),
      moreTimeline: timeline.slice(TIMELINE_SHOWN),
    };
  };

  const sections = shown.map(([id, title, note, tests, open]) => ({ id, title, note, tests: tests.map((t) => testView(t, open)) }));
  const unmatched = s.unmatched
    .map((u) => ({ reason: u.reason, entry: entry(u.exchangeId, false, 'unmatched traffic') }))
    .filter((u): u is UnmatchedView => u.entry !== undefined);

  const run = s.run;
  const partners = Object.values(run.partners).map((p) => ({ role: p!.role.toUpperCase(), serviceId: p!.serviceId, clientId: p!.clientId }));
  const c = s.counts;
  return {
    title: `Conformance report: ${partners.map((p) => `${p.role} ${p.serviceId}`).join(', ') || 'no partner'}`,
    run: {
      id: run.runId,
      seed: run.seed,
      started: timeText(s.startedAt),
      finished: s.finishedAt ? timeText(s.finishedAt) : 'did not finish',
      duration: durationText(s.durationMs),
      toolVersion: run.versions.abdmSandbox,
      node: run.versions.node,
      command: run.command,
      sandbox: `${run.sandbox.url} (${run.sandbox.mode}, version ${run.sandbox.version}, X-CM-ID ${run.sandbox.cmId}; partners use ${run.sandbox.publicUrl})`,
      world: `seed ${run.sandbox.seed}, ${run.sandbox.population.toLocaleString('en-IN')} ABHA accounts`,
      suiteTitles: s.suites.map((suite) => suite.title).join(', '),
      suites: definitions.map((d) => `${d.title} (${d.tests} tests, definitions sha256 ${d.definitionsSha256.slice(0, 12)}…)`).join('; '),
      selection: [run.selection.only.length ? `--only ${run.selection.only.join(',')}` : '', run.selection.tags.length ? `--tags ${run.selection.tags.join(',')}` : ''].filter(Boolean).join(' ') || 'every test of the suites',
      timeouts: `waits ${durationText(run.timeoutMs)}, startup ${durationText(run.startupTimeoutMs)}, ${run.concurrency} tests at once`,
    },
    partners,
    expectedFailures: run.expectedFailures,
    ...(s.harnessError ? { harnessError: s.harnessError } : {}),
    verdict: { kind: s.verdict.outcome, headline: `Exit ${s.verdict.exitCode}: ${VERDICT_HEADLINE[s.verdict.exitCode]}`, reasons: s.verdict.reasons, notes: s.verdict.notes },
    counts: [
      { kind: 'total', label: 'tests', value: c.total },
      { kind: 'pass', label: 'passed', value: c.pass },
      { kind: 'fail', label: 'failed', value: c.fail },
      { kind: 'skip', label: 'not graded', value: c.skip },
      { kind: 'error', label: 'harness errors', value: c.error },
      ...(c.expectedFailures ? [{ kind: 'xfail', label: 'failed as expected', value: c.expectedFailures }] : []),
    ],
    milestones: milestoneReadiness(s.tests).map((m) => ({
      ...m,
      kind: m.readiness,
      detail: `${m.all.pass} passed, ${m.all.fail} failed, ${m.all.skip} not graded, ${m.all.error} harness errors of ${m.all.total} tests; covers ${m.nhaCovered} of ${m.nhaTotal} NHA test cases`,
    })),
    coverage: coverageRows(nhaCoverage(s.tests)),
    overview: [...sections.flatMap((section) => section.tests)].map((t) => ({ id: t.id, anchor: t.anchor, title: t.title, level: t.level, milestone: t.milestone, badge: t.badge, duration: t.duration, summary: t.summary })),
    sections,
    unmatched,
    exchangeCount: s.exchanges.length,
    ...(inFull.size < exchanges.size
      ? { exchangesNote: `This run has ${exchanges.size.toLocaleString('en-US')} exchanges: the ${inFull.size.toLocaleString('en-US')} that matter most are shown in full (the evidence tests cite, then traffic no test matched, then the rest in page order); the others are listed a line each, and are in full in events.ndjson.` }
      : {}),
  };
}

/** Which exchanges the page shows in full, within FULL_EXCHANGE_BUDGET: evidence, then unmatched, then page order. */
function exchangesInFull(testsInPageOrder: ReadonlyArray<TestResult>, unmatched: ReadonlyArray<number>, exchanges: ReadonlyMap<number, Exchange>): Set<number> {
  const chosen = new Set<number>();
  const candidates = [...testsInPageOrder.flatMap((t) => t.evidence), ...unmatched, ...testsInPageOrder.flatMap((t) => t.exchanges)];
  for (const id of candidates) {
    if (chosen.size >= FULL_EXCHANGE_BUDGET) break;
    if (exchanges.has(id)) chosen.add(id);
  }
  return chosen;
}

const STATUS_TEXT: Record<NhaCoverageRow['status'], string> = { pass: 'passes', fail: 'fails', incomplete: 'not fully graded', 'not-covered': 'no test yet' };

function coverageRows(rows: ReadonlyArray<NhaCoverageRow>): CoverageView[] {
  const out: CoverageView[] = [];
  for (const row of rows) {
    const testLinks = row.tests.map((t) => ({ id: t.id, anchor: testAnchor(t.id), outcome: t.outcome }));
    const last = out[out.length - 1];
    if (last && last.title === row.title && last.kind === row.status && last.milestone === row.milestone && JSON.stringify(last.testLinks) === JSON.stringify(testLinks)) {
      last.ids.push(row.id);
      continue;
    }
    out.push({ ids: [row.id], milestone: row.milestone, title: row.title, kind: row.status, statusText: STATUS_TEXT[row.status], testLinks });
  }
  return out;
}

function links(ids: ReadonlyArray<number>): ExchangeLink[] {
  return ids.map((id) => ({ id, anchor: exchangeAnchor(id) }));
}
