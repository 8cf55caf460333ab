// The conformance runner: selects tests, finds the partners in the sandbox, listens to the sandbox's events,
// runs the tests phase by phase (in parallel where they share no state, each within a time budget), collects
// the run's traffic, and writes everything to the event log. The results and the exit code come from the log.
import { setMaxListeners } from 'node:events';
import { systemClock, type Clock } from '../../protocol/clock.js';
import type { PartnerRole } from '../../protocol/operations/operation.js';
import { rngFor } from '../../protocol/random.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import { SANDBOX_VERSION } from '../../sandbox-server/version.js';
import type { PartnerUnderTest, SandboxInfo } from '../dsl/test-context.js';
import { PHASES, testsOf, type SuiteDefinition, type SuiteRole, type TestDefinition } from '../dsl/test-definition.js';
import type { Outcome } from '../results/outcome.js';
import { RUN_LOG_VERSION, type DeclaredTest, type ExpectedFailure, type RunHeader, type RunLogEntry } from '../results/run-log-entry.js';
import { summarizeRun, type RunSummary } from '../results/run-summary.js';
import type { PartnerRegistration, SandboxLink } from '../sandbox-link/sandbox-link.js';
import { ConfigError } from './config-error.js';
import { EventBuffer, TestAborted } from './event-buffer.js';
import { OutputRedactor } from './output-redaction.js';
import { RunLog, type RunLogSink } from './run-log.js';
import { RunTestContext } from './run-test-context.js';
import { runScheduled } from './scheduler.js';
import { selectTests, type SelectedTest, type Selection } from './selection.js';
import { TestStopped } from './test-stop.js';
import { DATA_PUSH_OPERATION } from '../../sandbox-server/flows/data-push-receiver.js';

export interface PartnerOption {
  serviceId: string;
  /** With `clientSecret`: registers the service on this client when the sandbox does not know it yet. */
  clientId?: string;
  clientSecret?: string;
}

/** An ABHA client under test (M1): found by its client id; `registration` registers it first (the reference client). */
export interface AbhaPartnerOption {
  clientId: string;
  registration?: PartnerRegistration;
}

export interface RunOptions {
  link: SandboxLink;
  /** Every suite there is (expected-failure entries are checked against all of them). */
  suites: ReadonlyArray<SuiteDefinition>;
  selection: Selection;
  partners: Partial<Record<PartnerRole, PartnerOption>> & { abha?: AbhaPartnerOption };
  seed: number;
  /** Default budget of one wait. */
  timeoutMs: number;
  /** How long startup tests wait for the partner to get a session and register its bridge. */
  startupTimeoutMs: number;
  concurrency: number;
  expectedFailures?: ExpectedFailure[];
  /** The command that reproduces the run (the CLI builds it; secrets left out). */
  command?: string;
  /** Wall clock for the log's timings. */
  clock?: Clock;
  sinks?: ReadonlyArray<RunLogSink>;
  /** Values that must never reach an output (client secrets). */
  secrets?: ReadonlyArray<string>;
  /** Called with every log entry as it is appended (progress printing). */
  onEntry?: (entry: RunLogEntry) => void;
}

export interface RunResult {
  log: ReadonlyArray<RunLogEntry>;
  summary: RunSummary;
}

/** Runs the selected tests; throws ConfigError (nothing ran) for a bad selection or partner, else always returns. */
export async function runConformance(options: RunOptions): Promise<RunResult> {
  const selected = selectTests(options.suites, options.selection);
  const sandbox = await options.link.info();
  const partners = await resolvePartners(options, selected);
  const clock = options.clock ?? systemClock;
  const redactor = new OutputRedactor();
  for (const secret of options.secrets ?? []) redactor.addSecret(secret);
  for (const p of [options.partners.hip, options.partners.hiu]) redactor.addSecret(p?.clientSecret);
  redactor.addSecret(options.partners.abha?.registration?.clientSecret);
  const log = new RunLog(redactor, clock, options.sinks ?? []);
  if (options.onEntry) log.subscribe(options.onEntry);

  const buffer = new EventBuffer();
  const owned = new Set<string>();
  log.subscribe((entry) => {
    if (entry.kind === 'test.owned') for (const id of entry.correlationIds) owned.add(id);
  });
  const partnerKeys = new Set(Object.values(partners).flatMap((p) => [p.clientId, p.serviceId]));
  const relevant = (e: SandboxEvent) =>
    e.type !== 'exchange' && (partnerKeys.has(String(e.data.clientId)) || partnerKeys.has(String(e.data.serviceId)) || e.correlation.some((id) => owned.has(id) || partnerKeys.has(id)));

  const runStartedAt = options.link.now();
  const startedMs = clock.now();
  const unsubscribe = await options.link.subscribe((event) => {
    buffer.push(event);
    if (relevant(event)) log.append({ kind: 'sandbox.event', event });
  });
  log.append({ kind: 'run.started', run: header(options, sandbox, partners, clock.now()) });
  for (const s of selected) log.append({ kind: 'test.declared', test: declared(s) });

  let harnessError: string | undefined;
  try {
    for (const phase of PHASES) {
      const inPhase = selected.filter((s) => s.test.phase === phase).map((s) => ({ ...s, shares: s.test.shares }));
      // Main tests call the partner: give it the time startup tests would have (whether or not they were selected).
      if (phase === 'main' && inPhase.length > 0) await awaitBridges(options.link, buffer, Object.values(partners), options.startupTimeoutMs, clock);
      await runScheduled(inPhase, options.concurrency, (s) =>
        runTest(s, { options, sandbox, partner: partners[s.suite.role]!, buffer, log, runStartedAt, clock }),
      );
    }
    await options.link.settle();
    await logTraffic(options.link, log, Object.values(partners), runStartedAt);
  } catch (err) {
    harnessError = err instanceof Error ? err.message : String(err);
  } finally {
    unsubscribe();
  }
  log.append({ kind: 'run.finished', durationMs: clock.now() - startedMs, ...(harnessError ? { harnessError } : {}) });
  return { log: log.all(), summary: summarizeRun(log.all()) };
}

/** Finds each selected suite's partner in the sandbox, registering it when credentials were given. */
async function resolvePartners(options: RunOptions, selected: ReadonlyArray<SelectedTest>): Promise<Partial<Record<SuiteRole, PartnerUnderTest>>> {
  const out: Partial<Record<SuiteRole, PartnerUnderTest>> = {};
  const roles = [...new Set(selected.map((s) => s.suite.role))];
  for (const role of roles) {
    if (role === 'abha') {
      out.abha = await resolveAbhaClient(options);
      continue;
    }
    const wanted = options.partners[role];
    if (!wanted) throw new ConfigError(`the ${role} suite needs the ${role.toUpperCase()} under test: give --${role}-id`);
    let record = await options.link.service(wanted.serviceId);
    if (!record && wanted.clientId && wanted.clientSecret) {
      try {
        await options.link.registerPartner({ role, serviceId: wanted.serviceId, clientId: wanted.clientId, clientSecret: wanted.clientSecret });
      } catch (err) {
        throw new ConfigError(`cannot register ${role.toUpperCase()} ${wanted.serviceId} on client ${wanted.clientId}: ${err instanceof Error ? err.message : String(err)}`);
      }
      record = await options.link.service(wanted.serviceId);
    }
    if (!record) {
      throw new ConfigError(
        `${role.toUpperCase()} ${wanted.serviceId} is not registered in the sandbox; give --${role}-client-id and --${role}-client-secret (or ABDM_${role.toUpperCase()}_CLIENT_SECRET) to register it, or register it with "abdm-sandbox partners add"`,
      );
    }
    if (record.role !== role) throw new ConfigError(`${wanted.serviceId} is registered as ${record.role.toUpperCase()}, not ${role.toUpperCase()}`);
    if (wanted.clientId && record.clientId !== wanted.clientId) {
      throw new ConfigError(`${role.toUpperCase()} ${wanted.serviceId} belongs to client ${record.clientId}, not ${wanted.clientId}`);
    }
    out[role] = { role, serviceId: record.serviceId, clientId: record.clientId };
  }
  return out;
}

/** The ABHA client under test: any client of the sandbox, graded by the calls it makes under its id. */
async function resolveAbhaClient(options: RunOptions): Promise<PartnerUnderTest> {
  const wanted = options.partners.abha;
  if (!wanted) throw new ConfigError('the abha suite needs the ABHA client under test: give --abha-client-id (or let the runner drive the reference client)');
  const registration = wanted.registration;
  if (registration && !(await options.link.service(registration.serviceId))) {
    try {
      await options.link.registerPartner(registration);
    } catch (err) {
      throw new ConfigError(`cannot register ABHA client ${registration.clientId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { role: 'abha', serviceId: wanted.clientId, clientId: wanted.clientId };
}

function header(options: RunOptions, sandbox: SandboxInfo, partners: Partial<Record<SuiteRole, PartnerUnderTest>>, nowMs: number): RunHeader {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    logVersion: RUN_LOG_VERSION,
    runId: `${stamp}-seed${options.seed}`,
    seed: options.seed,
    versions: { abdmSandbox: SANDBOX_VERSION, node: process.version },
    sandbox,
    partners,
    selection: { suites: [...options.selection.suites], only: [...options.selection.only], tags: [...options.selection.tags] },
    timeoutMs: options.timeoutMs,
    startupTimeoutMs: options.startupTimeoutMs,
    concurrency: options.concurrency,
    command: options.command ?? '(run through the runConformance API)',
    expectedFailures: [...(options.expectedFailures ?? [])],
  };
}

function declared({ suite, group, test }: SelectedTest): DeclaredTest {
  return {
    id: test.id,
    title: test.title,
    description: test.description,
    suite: suite.id,
    suiteTitle: suite.title,
    group: group.id,
    groupTitle: group.title,
    milestone: test.milestone,
    level: test.level,
    nhaTestCases: [...test.nhaTestCases],
    spec: [...test.spec],
    tags: [...test.tags],
    phase: test.phase,
  };
}

interface TestRunDeps {
  options: RunOptions;
  sandbox: SandboxInfo;
  partner: PartnerUnderTest;
  buffer: EventBuffer;
  log: RunLog;
  runStartedAt: number;
  clock: Clock;
}

/** A test's budget: its own, or enough for its waits (startup tests wait for the partner to come up). */
export function testBudgetMs(test: TestDefinition, timeoutMs: number, startupTimeoutMs: number): number {
  if (test.timeoutMs) return test.timeoutMs;
  return test.phase === 'startup' ? startupTimeoutMs + 3 * timeoutMs + 10_000 : 6 * timeoutMs + 10_000;
}

async function runTest({ test }: SelectedTest, deps: TestRunDeps): Promise<void> {
  const { options, log, clock } = deps;
  log.append({ kind: 'test.started', testId: test.id });
  const started = clock.now();
  const finish = (outcome: Outcome, reason?: string) =>
    log.append({ kind: 'test.finished', testId: test.id, outcome, durationMs: clock.now() - started, ...(reason ? { reason } : {}) });

  const available = options.link.actions();
  const missing = test.requires.filter((a) => !available.has(a));
  if (missing.length > 0) {
    return void finish('skip', `needs the sandbox action(s) ${missing.join(', ')}, which this sandbox does not offer`);
  }
  const controller = new AbortController();
  // A test may have many waits in flight (a step's outcome raced against the gateway's refusal of the answer).
  setMaxListeners(0, controller.signal);
  const ctx = new RunTestContext({
    test,
    partner: deps.partner,
    sandbox: deps.sandbox,
    link: options.link,
    buffer: deps.buffer,
    log,
    // Per partner too: two runs with one seed against two partners of a shared sandbox must not mint the same ids.
    rng: rngFor(options.seed, 'conformance', test.id, deps.partner.serviceId),
    timeoutMs: options.timeoutMs,
    startupTimeoutMs: options.startupTimeoutMs,
    runStartedAt: deps.runStartedAt,
    signal: controller.signal,
  });
  const budget = testBudgetMs(test, options.timeoutMs, options.startupTimeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<'overrun'>((resolve) => (timer = setTimeout(() => resolve('overrun'), budget)));
  let outcome: Outcome;
  let reason: string | undefined;
  try {
    const ended = await Promise.race([test.run(ctx).then(() => 'done' as const), overrun]);
    if (ended === 'overrun') {
      controller.abort();
      [outcome, reason] = ['error', `the test did not finish within its budget of ${budget} ms`];
    } else if (ctx.failures > 0) outcome = 'fail';
    else if (ctx.checks === 0) [outcome, reason] = ['error', 'the test recorded no check: it graded nothing'];
    else outcome = 'pass';
  } catch (err) {
    if (err instanceof TestStopped) [outcome, reason] = [err.outcome === 'skip' && ctx.failures === 0 ? 'skip' : 'fail', err.reason];
    else if (err instanceof TestAborted) [outcome, reason] = ['error', `the test did not finish within its budget of ${budget} ms`];
    else [outcome, reason] = ['error', `the test threw: ${err instanceof Error ? err.message : String(err)}`];
  } finally {
    clearTimeout(timer);
    ctx.close();
  }
  finish(outcome, reason);
}

/** Waits (up to `timeoutMs` in all) until every partner has registered a bridge URL; never fails: tests grade it. */
async function awaitBridges(link: SandboxLink, buffer: EventBuffer, partners: ReadonlyArray<PartnerUnderTest>, timeoutMs: number, clock: Clock): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  for (const partner of partners) {
    // An ABHA client only calls the ABHA service: it has no bridge.
    if (partner.role === 'abha' || (await link.service(partner.serviceId))?.bridgeUrl) continue;
    await buffer.next((e) => e.type === 'bridge.updated' && e.correlation.includes(partner.clientId), { timeoutMs: Math.max(0, deadline - clock.now()) });
  }
}

/** Logs the partners' exchanges since the run started, and any older exchange a test cited. */
async function logTraffic(link: SandboxLink, log: RunLog, partners: ReadonlyArray<PartnerUnderTest>, runStartedAt: number): Promise<void> {
  const since = new Date(runStartedAt).toISOString();
  const byId = new Map<number, Awaited<ReturnType<SandboxLink['exchanges']>>[number]>();
  for (const clientId of new Set(partners.map((p) => p.clientId))) {
    for (const e of await link.exchanges({ clientId, since })) byId.set(e.id, e);
  }
  const cited = new Set<number>();
  for (const entry of log.all()) if (entry.kind === 'test.check' || entry.kind === 'test.message') for (const id of entry.evidence) cited.add(id);
  for (const id of cited) {
    if (byId.has(id)) continue;
    const e = await link.exchange(id);
    if (e) byId.set(id, e);
  }
  for (const e of [...byId.values()].sort((a, b) => a.id - b.id)) {
    // A page pushed to the sandbox is journaled with its ciphertext cut short: the log keeps what it decrypted.
    const decrypted = e.operationId === DATA_PUSH_OPERATION ? await link.decryptedEntries(e.id) : [];
    log.append({ kind: 'exchange', exchange: e, ...(decrypted.length > 0 ? { decrypted } : {}) });
  }
}

/** Ids of every test in the suites (for checking expected-failure entries). */
export function allTestIds(suites: ReadonlyArray<SuiteDefinition>): string[] {
  return testsOf(suites).map((t) => t.id);
}
