// results.json: the machine-readable result of a conformance run, rendered from its event log. Its shape is
// documented by docs/results-schema.json (kept in step by a test) and explained in docs/conformance.md.
import type { Finding } from '../../protocol/findings.js';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { summarizeRun, type RunCounts, type Verdict } from '../../conformance/results/run-summary.js';

export const RESULTS_SCHEMA_VERSION = 1;
export const RESULTS_SCHEMA_ID = 'https://abdm-sandbox.dev/schemas/results-v1.json';

export interface ResultsDocument {
  $schema: string;
  schemaVersion: number;
  tool: { name: 'abdm-sandbox'; version: string; node: string };
  run: {
    id: string;
    startedAt: string;
    finishedAt: string | null;
    durationMs: number | null;
    seed: number;
    command: string;
    sandbox: { mode: string; url: string; publicUrl: string; version: string; seed: number; population: number; cmId: string };
    partners: Record<string, { role: string; serviceId: string; clientId: string }>;
    selection: { suites: string[]; only: string[]; tags: string[] };
    timeoutMs: number;
    startupTimeoutMs: number;
    concurrency: number;
    expectedFailures: Array<{ test: string; reason: string }>;
    harnessError: string | null;
  };
  verdict: Verdict;
  summary: RunCounts;
  suites: Array<{ id: string; title: string; outcome: string; groups: Array<{ id: string; title: string; outcome: string; tests: string[] }> }>;
  tests: ResultsTest[];
  exchanges: ResultsExchange[];
  unmatched: Array<{ exchangeId: number; reason: string }>;
}

export interface ResultsTest {
  id: string;
  title: string;
  description: string;
  suite: string;
  group: string;
  milestone: string;
  level: string;
  nhaTestCases: string[];
  spec: string[];
  tags: string[];
  phase: string;
  outcome: string;
  summary: string;
  expectation: 'expected-failure' | 'unexpected-pass' | null;
  expectedFailureReason: string | null;
  startedAt: string | null;
  durationMs: number | null;
  checks: Array<{ ruleId: string; passed: boolean; severity: string; message: string; evidence: number[]; at: string }>;
  messages: Array<{ level: string; message: string; ruleId: string | null; evidence: number[]; at: string }>;
  evidence: number[];
  exchanges: number[];
  ownedIds: string[];
}

export interface ResultsExchange {
  id: number;
  direction: string;
  operationId: string | null;
  method: string;
  url: string;
  clientId: string | null;
  serviceId: string | null;
  requestId: string | null;
  status: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  startedAt: string;
  durationMs: number;
  causedBy: number | null;
  answers: number | null;
  attempt: number | null;
  correlationIds: string[];
  findings: Finding[];
  tests: string[];
}

/** The results document of a run's event log. Pure. */
export function renderResultsDocument(log: ReadonlyArray<RunLogEntry>): ResultsDocument {
  const s = summarizeRun(log);
  const { run } = s;
  return {
    $schema: RESULTS_SCHEMA_ID,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'abdm-sandbox', version: run.versions.abdmSandbox, node: run.versions.node },
    run: {
      id: run.runId,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt ?? null,
      durationMs: s.durationMs ?? null,
      seed: run.seed,
      command: run.command,
      sandbox: run.sandbox,
      partners: Object.fromEntries(Object.entries(run.partners).map(([role, p]) => [role, { role: p!.role, serviceId: p!.serviceId, clientId: p!.clientId }])),
      selection: run.selection,
      timeoutMs: run.timeoutMs,
      startupTimeoutMs: run.startupTimeoutMs,
      concurrency: run.concurrency,
      expectedFailures: run.expectedFailures,
      harnessError: s.harnessError ?? null,
    },
    verdict: s.verdict,
    summary: s.counts,
    suites: s.suites.map((suite) => ({
      id: suite.id,
      title: suite.title,
      outcome: suite.outcome,
      groups: s.groups.filter((g) => g.suite === suite.id).map((g) => ({ id: g.id, title: g.title, outcome: g.outcome, tests: g.tests })),
    })),
    tests: s.tests.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      suite: t.suite,
      group: t.group,
      milestone: t.milestone,
      level: t.level,
      nhaTestCases: t.nhaTestCases,
      spec: t.spec,
      tags: t.tags,
      phase: t.phase,
      outcome: t.outcome,
      summary: t.summary,
      expectation: t.expectation ?? null,
      expectedFailureReason: t.expectedFailure?.reason ?? null,
      startedAt: t.startedAt ?? null,
      durationMs: t.durationMs ?? null,
      checks: t.checks,
      messages: t.messages.map((m) => ({ level: m.level, message: m.message, ruleId: m.ruleId ?? null, evidence: m.evidence, at: m.at })),
      evidence: t.evidence,
      exchanges: [...t.exchanges].sort((a, b) => a - b),
      ownedIds: t.ownedIds,
    })),
    exchanges: s.exchanges.map((e) => ({
      id: e.id,
      direction: e.direction,
      operationId: e.operationId ?? null,
      method: e.method,
      url: e.url,
      clientId: e.clientId ?? null,
      serviceId: e.serviceId ?? null,
      requestId: e.requestId ?? null,
      status: e.status ?? null,
      errorCode: e.errorCode ?? null,
      errorMessage: e.errorMessage ?? null,
      startedAt: e.startedAt,
      durationMs: Math.round(e.durationMs * 10) / 10,
      causedBy: e.causedBy ?? null,
      answers: e.answers ?? null,
      attempt: e.attempt ?? null,
      correlationIds: e.correlationIds,
      findings: e.findings,
      tests: s.exchangeTests[e.id] ?? [],
    })),
    unmatched: s.unmatched,
  };
}

/** results.json as text. */
export function renderResultsJson(log: ReadonlyArray<RunLogEntry>): string {
  return `${JSON.stringify(renderResultsDocument(log), null, 2)}\n`;
}
