// Folds a run's event log into results: each test with its checks, messages and evidence, groups and suites
// rolled up, the traffic matched to tests, and the verdict with its exit code. Pure: the same log always gives
// the same summary, so every report (and the CLI's exit code) agrees.
import type { FindingSeverity } from '../../protocol/findings.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import { expectedFailureFor } from './expected-failures.js';
import { rollUp, type MessageLevel, type Outcome } from './outcome.js';
import type { DeclaredTest, ExpectedFailure, RunHeader, RunLogEntry } from './run-log-entry.js';
import { matchTraffic, type UnmatchedExchange } from './traffic-matching.js';
import type { DecryptedEntry } from '../../sandbox-server/store/health-information-repository.js';

export interface CheckRecord {
  ruleId: string;
  passed: boolean;
  severity: FindingSeverity;
  message: string;
  evidence: number[];
  at: string;
}

export interface MessageRecord {
  level: MessageLevel;
  message: string;
  evidence: number[];
  ruleId?: string;
  at: string;
}

export interface TestResult extends DeclaredTest {
  outcome: Outcome;
  /** One line: the first failed check, the skip reason or the error; a count of checks for a pass. */
  summary: string;
  startedAt?: string;
  durationMs?: number;
  checks: CheckRecord[];
  messages: MessageRecord[];
  /** Exchanges cited by its checks and messages. */
  evidence: number[];
  /** ABDM ids it owned. */
  ownedIds: string[];
  /** Every exchange matched to it (owned ids or evidence). */
  exchanges: number[];
  expectedFailure?: ExpectedFailure;
  /** How the expected-failures file judged it: a listed failure, or a listed test that passed. */
  expectation?: 'expected-failure' | 'unexpected-pass';
}

export interface GroupResult {
  id: string;
  title: string;
  suite: string;
  outcome: Outcome;
  tests: string[];
}

export interface SuiteResult {
  id: string;
  title: string;
  outcome: Outcome;
  groups: string[];
}

export interface Verdict {
  /** 0 every MUST passed (or failed as expected); 1 a conformance failure; 3 a harness error. */
  exitCode: 0 | 1 | 3;
  outcome: 'pass' | 'fail' | 'error';
  /** Why, one line each (empty for a clean pass). */
  reasons: string[];
  /** Failures that do not fail the run (SHOULD/MAY, expected failures), one line each. */
  notes: string[];
}

export interface RunCounts {
  total: number;
  pass: number;
  fail: number;
  skip: number;
  error: number;
  mustFailures: number;
  expectedFailures: number;
  unexpectedPasses: number;
}

export interface RunSummary {
  run: RunHeader;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  harnessError?: string;
  tests: TestResult[];
  groups: GroupResult[];
  suites: SuiteResult[];
  exchanges: Exchange[];
  /** Exchange id → what the sandbox decrypted of the page pushed in it. */
  decrypted: Record<number, DecryptedEntry[]>;
  /** Exchange id → the tests it is matched to. */
  exchangeTests: Record<number, string[]>;
  unmatched: UnmatchedExchange[];
  counts: RunCounts;
  verdict: Verdict;
}

/** The summary of a run's event log. */
export function summarizeRun(log: ReadonlyArray<RunLogEntry>): RunSummary {
  const start = log[0];
  if (!start || start.kind !== 'run.started') throw new Error('the event log does not start with run.started');
  const run = start.run;
  const tests = new Map<string, TestResult>();
  const owned = new Map<string, Set<string>>();
  const exchanges = new Map<number, Exchange>();
  const decrypted: Record<number, DecryptedEntry[]> = {};
  let finished: Extract<RunLogEntry, { kind: 'run.finished' }> | undefined;

  for (const entry of log) {
    switch (entry.kind) {
      case 'test.declared':
        tests.set(entry.test.id, { ...entry.test, outcome: 'error', summary: 'the test did not finish (the run was interrupted)', checks: [], messages: [], evidence: [], ownedIds: [], exchanges: [] });
        owned.set(entry.test.id, new Set());
        break;
      case 'test.started': {
        const t = tests.get(entry.testId);
        if (t) t.startedAt = entry.at;
        break;
      }
      case 'test.check':
        tests.get(entry.testId)?.checks.push({ ruleId: entry.ruleId, passed: entry.passed, severity: entry.severity, message: entry.message, evidence: entry.evidence, at: entry.at });
        break;
      case 'test.message':
        tests.get(entry.testId)?.messages.push({ level: entry.level, message: entry.message, evidence: entry.evidence, at: entry.at, ...(entry.ruleId ? { ruleId: entry.ruleId } : {}) });
        break;
      case 'test.owned':
        for (const id of entry.correlationIds) owned.get(entry.testId)?.add(id);
        break;
      case 'test.finished': {
        const t = tests.get(entry.testId);
        if (!t) break;
        t.outcome = entry.outcome;
        t.durationMs = entry.durationMs;
        t.summary = summaryLine(t, entry.reason);
        break;
      }
      case 'exchange':
        exchanges.set(entry.exchange.id, entry.exchange);
        if (entry.decrypted?.length) decrypted[entry.exchange.id] = entry.decrypted;
        break;
      case 'run.finished':
        finished = entry;
        break;
      default:
        break;
    }
  }

  const results = [...tests.values()];
  for (const t of results) {
    t.ownedIds = [...(owned.get(t.id) ?? [])].sort();
    t.evidence = [...new Set([...t.checks, ...t.messages].flatMap((x) => x.evidence))].sort((a, b) => a - b);
    t.expectedFailure = expectedFailureFor(t.id, run.expectedFailures);
    if (t.expectedFailure && t.outcome === 'fail') t.expectation = 'expected-failure';
    if (t.expectedFailure && t.outcome === 'pass') t.expectation = 'unexpected-pass';
  }

  const exchangeList = [...exchanges.values()].sort((a, b) => a.id - b.id);
  const match = matchTraffic(exchangeList, results.map((t) => ({ testId: t.id, owned: owned.get(t.id) ?? new Set(), evidence: new Set(t.evidence) })));
  for (const [exchangeId, testIds] of match.byExchange) for (const id of testIds) tests.get(id)?.exchanges.push(exchangeId);

  const groups = groupResults(results);
  const suites = suiteResults(results, groups);
  const counts = countResults(results);
  const harnessError = finished ? finished.harnessError : 'the run did not finish (no run.finished entry in the event log)';
  return {
    run,
    startedAt: start.at,
    ...(finished ? { finishedAt: finished.at, durationMs: finished.durationMs } : {}),
    ...(harnessError ? { harnessError } : {}),
    tests: results,
    groups,
    suites,
    exchanges: exchangeList,
    decrypted,
    exchangeTests: Object.fromEntries(match.byExchange),
    unmatched: match.unmatched,
    counts,
    verdict: verdictOf(results, counts, harnessError),
  };
}

function summaryLine(t: TestResult, reason: string | undefined): string {
  if (t.outcome === 'pass') {
    const warnings = t.messages.filter((m) => m.level === 'warning').length + t.checks.filter((c) => !c.passed && c.severity === 'warning').length;
    return `${t.checks.length} check(s) passed${warnings ? `, ${warnings} warning(s)` : ''}`;
  }
  if (t.outcome === 'fail') return t.checks.find((c) => !c.passed && c.severity === 'error')?.message ?? reason ?? 'failed';
  return reason ?? t.outcome;
}

function groupResults(tests: ReadonlyArray<TestResult>): GroupResult[] {
  const groups = new Map<string, GroupResult & { children: TestResult[] }>();
  for (const t of tests) {
    let g = groups.get(t.group);
    if (!g) groups.set(t.group, (g = { id: t.group, title: t.groupTitle, suite: t.suite, outcome: 'skip', tests: [], children: [] }));
    g.tests.push(t.id);
    g.children.push(t);
  }
  return [...groups.values()].map(({ children, ...g }) => ({ ...g, outcome: rollUp(children) }));
}

function suiteResults(tests: ReadonlyArray<TestResult>, groups: ReadonlyArray<GroupResult>): SuiteResult[] {
  const suites = new Map<string, SuiteResult>();
  for (const t of tests) if (!suites.has(t.suite)) suites.set(t.suite, { id: t.suite, title: t.suiteTitle, outcome: 'skip', groups: [] });
  for (const g of groups) suites.get(g.suite)?.groups.push(g.id);
  for (const s of suites.values()) s.outcome = rollUp(tests.filter((t) => t.suite === s.id));
  return [...suites.values()];
}

function countResults(tests: ReadonlyArray<TestResult>): RunCounts {
  const count = (f: (t: TestResult) => boolean) => tests.filter(f).length;
  return {
    total: tests.length,
    pass: count((t) => t.outcome === 'pass'),
    fail: count((t) => t.outcome === 'fail'),
    skip: count((t) => t.outcome === 'skip'),
    error: count((t) => t.outcome === 'error'),
    mustFailures: count((t) => t.outcome === 'fail' && t.level === 'MUST' && t.expectation !== 'expected-failure'),
    expectedFailures: count((t) => t.expectation === 'expected-failure'),
    unexpectedPasses: count((t) => t.expectation === 'unexpected-pass'),
  };
}

/** The run's verdict: 3 on any harness error, else 1 on a MUST failure not expected or an expected failure that passed, else 0. */
function verdictOf(tests: ReadonlyArray<TestResult>, counts: RunCounts, harnessError: string | undefined): Verdict {
  const reasons: string[] = [];
  const notes: string[] = [];
  if (harnessError) reasons.push(`harness error: ${harnessError}`);
  for (const t of tests) {
    if (t.outcome === 'error') reasons.push(`${t.id} could not be graded (harness error): ${t.summary}`);
  }
  if (reasons.length > 0) return { exitCode: 3, outcome: 'error', reasons, notes };
  for (const t of tests) {
    if (t.expectation === 'unexpected-pass') reasons.push(`${t.id} passed but is listed as an expected failure ("${t.expectedFailure?.reason}"); remove it from the list`);
    else if (t.expectation === 'expected-failure') notes.push(`${t.id} failed as expected: ${t.expectedFailure?.reason}`);
    else if (t.outcome === 'fail' && t.level === 'MUST') reasons.push(`${t.id} (MUST) failed: ${t.summary}`);
    else if (t.outcome === 'fail') notes.push(`${t.id} (${t.level}) failed: ${t.summary}`);
  }
  if (counts.pass === 0 && counts.fail === 0) reasons.push('nothing was graded: every selected test was skipped');
  return reasons.length > 0 ? { exitCode: 1, outcome: 'fail', reasons, notes } : { exitCode: 0, outcome: 'pass', reasons, notes };
}
