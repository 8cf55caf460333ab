// The append-only event log of a conformance run: its vocabulary. The runner appends entries as things happen;
// results.json, junit.xml, the progress lines (and later the HTML report) are pure functions of the entries.
import type { Finding, FindingSeverity } from '../../protocol/findings.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import type { Milestone, Phase, RequirementLevel } from '../dsl/test-definition.js';
import type { PartnerUnderTest, SandboxInfo } from '../dsl/test-context.js';
import type { MessageLevel, Outcome } from './outcome.js';
import type { DecryptedEntry } from '../../sandbox-server/store/health-information-repository.js';

/** Bumped when an entry's shape changes incompatibly; readers refuse logs of another version. */
export const RUN_LOG_VERSION = 1;

export interface ExpectedFailure {
  /** A test id, or a pattern with `*` (e.g. `HIP.HEADERS.*`). */
  test: string;
  /** Why the failure is accepted for now (an issue, a deadline): shown in every report. */
  reason: string;
}

export interface RunHeader {
  logVersion: number;
  runId: string;
  /** The runner's root seed; with an own sandbox also the world's seed. */
  seed: number;
  versions: { abdmSandbox: string; node: string };
  sandbox: SandboxInfo;
  partners: Partial<Record<'hip' | 'hiu' | 'abha', PartnerUnderTest>>;
  selection: { suites: string[]; only: string[]; tags: string[] };
  timeoutMs: number;
  startupTimeoutMs: number;
  concurrency: number;
  /** A command that runs the same tests with the same seed; secrets appear as `<from ENV_VAR>`. */
  command: string;
  expectedFailures: ExpectedFailure[];
}

/** Everything a report needs about a test, so renderers never import the suites. */
export interface DeclaredTest {
  id: string;
  title: string;
  description: string;
  suite: string;
  suiteTitle: string;
  group: string;
  groupTitle: string;
  milestone: Milestone;
  level: RequirementLevel;
  nhaTestCases: string[];
  spec: string[];
  tags: string[];
  phase: Phase;
}

/** A sandbox event as the log keeps it (secrets redacted). */
export interface LoggedEvent {
  seq: number;
  type: string;
  at: string;
  correlation: string[];
  exchangeId?: number;
  findings: Finding[];
  data: Record<string, unknown>;
}

export type RunLogBody =
  | { kind: 'run.started'; run: RunHeader }
  | { kind: 'test.declared'; test: DeclaredTest }
  | { kind: 'test.started'; testId: string }
  | { kind: 'test.check'; testId: string; ruleId: string; passed: boolean; severity: FindingSeverity; message: string; evidence: number[] }
  | { kind: 'test.message'; testId: string; level: MessageLevel; message: string; evidence: number[]; ruleId?: string }
  | { kind: 'test.owned'; testId: string; correlationIds: string[] }
  | { kind: 'test.finished'; testId: string; outcome: Outcome; reason?: string; durationMs: number }
  | { kind: 'sandbox.event'; event: LoggedEvent }
  /** `decrypted`: for a page a HIP pushed to the sandbox, what the sandbox decrypted of it. */
  | { kind: 'exchange'; exchange: Exchange; decrypted?: DecryptedEntry[] }
  | { kind: 'run.finished'; durationMs: number; harnessError?: string };

/** `seq` orders the log; `at` is wall-clock ISO-8601 UTC (timings are the one thing a seed does not fix). */
export type RunLogEntry = RunLogBody & { seq: number; at: string };

export type RunLogKind = RunLogEntry['kind'];

/** Parses an NDJSON event log; throws on a line that is not an entry of this log version. */
export function parseRunLog(text: string): RunLogEntry[] {
  const entries = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as RunLogEntry;
      } catch {
        throw new Error(`event log line ${i + 1} is not JSON`);
      }
    });
  const first = entries[0];
  if (!first || first.kind !== 'run.started') throw new Error('the event log does not start with run.started');
  if (first.run.logVersion !== RUN_LOG_VERSION) throw new Error(`event log version ${first.run.logVersion} is not ${RUN_LOG_VERSION}`);
  return entries;
}
