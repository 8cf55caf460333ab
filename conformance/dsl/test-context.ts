// `ctx`: what a conformance test can do. It drives the partner through the sandbox (gateway calls, the virtual
// actors' actions), waits on the sandbox's events by ABDM ids, and grades with checks whose evidence is journal
// exchanges. The runner implements it over an in-process sandbox or a running one reached by URL.
import type { World } from '../../fixtures/world/types.js';
import type { Finding, FindingSeverity } from '../../protocol/findings.js';
import type { Rng } from '../../protocol/random.js';
import type { DeliveryOutcome } from '../../sandbox-server/dispatch/callback-dispatcher.js';
import type { DeliveryFaults } from '../../sandbox-server/dispatch/delivery-faults.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import type { SuiteRole } from './test-definition.js';

/** The partner a suite grades: its HIP or HIU id and the client that owns it (an ABHA client: its client id twice). */
export interface PartnerUnderTest {
  role: SuiteRole;
  serviceId: string;
  clientId: string;
}

/** What the test knows about the sandbox it runs against. */
export interface SandboxInfo {
  mode: 'in-process' | 'remote';
  /** Where the runner reaches it. */
  url: string;
  /** The base URL partners use (token issuer and JWKS URLs derive from it). */
  publicUrl: string;
  version: string;
  seed: number;
  population: number;
  /** The X-CM-ID partners must send. */
  cmId: string;
}

/** Journal exchanges, their ids, or sandbox events (their exchange ids are used). */
export type Evidence = number | Exchange | SandboxEvent | ReadonlyArray<number | Exchange | SandboxEvent>;

/** Chooses events: by type (`discovery.completed`, `callback.answered`, `exchange`, ...) and the ABDM ids they carry. */
export interface EventQuery {
  /** Any of these ids (REQUEST-ID, transactionId, consent id, client id) must be among the event's correlation ids. */
  correlation?: string | ReadonlyArray<string>;
  /** A further condition on the event (e.g. `e.data.operationId === 'uil.on-discover'`). */
  where?: (event: SandboxEvent) => boolean;
}

export interface ExpectOptions extends EventQuery {
  /** How long to wait; the run's `--timeout-ms` by default. */
  timeoutMs?: number;
  /** The rule an expired wait breaks (`wait-expired` by default). */
  ruleId?: string;
  /** What was awaited, in words, for the failure message ("the HIP's on-discover answer"). */
  description?: string;
}

export interface ExpectNothingOptions extends EventQuery {
  /** How long nothing must happen; the run's `--timeout-ms` by default. */
  forMs?: number;
  ruleId?: string;
  /** What must not happen, in words ("an answer to the forged call"). */
  description?: string;
}

export interface CheckOptions {
  /** `error` (default) fails the test; `warning` and `info` only leave a message. */
  severity?: FindingSeverity;
}

/** A gateway call the test made to the partner's bridge. */
export interface PartnerCall {
  /** The REQUEST-ID the partner sees, and must echo as `response.requestId` in its answer. */
  requestId: string;
  /** Every ABDM id of the call (REQUEST-ID, transactionId, consent ids): what the partner's reaction carries. */
  correlation: string[];
  /** Resolves once the sandbox has delivered the call (with retries) or given up. */
  outcome: Promise<DeliveryOutcome>;
}

/** What a virtual actor's action returns: the ABDM ids it started, to wait on, and its result. */
export interface ActionResult {
  correlation: string[];
  data: unknown;
}

export interface TestContext {
  readonly test: { readonly id: string; readonly title: string; readonly level: string };
  /** The partner this test's suite grades. */
  readonly partner: PartnerUnderTest;
  readonly sandbox: SandboxInfo;
  /** Seeded from the run's seed and this test's id: the same ids and choices whatever the scheduling. */
  readonly rng: Rng;
  /** The default budget of one wait (`--timeout-ms`). */
  readonly timeoutMs: number;
  /** How long startup tests wait for the partner to come up. */
  readonly startupTimeoutMs: number;
  /** When the run started (ms since the epoch). */
  readonly runStartedAt: number;
  /** Aborted when the test runs out of time; waits end with it. */
  readonly signal: AbortSignal;
  /** The sandbox's clock (ms since the epoch), on which journal times are. */
  now(): number;
  /** The sandbox's synthetic world: a HIP partner registered under a facility id holds that facility's patients. */
  world(): Promise<World>;

  /** Makes the sandbox call the partner's bridge (`hip.discover`, ...), optionally with faults; owns its ABDM ids. */
  callPartner(callbackId: string, body: Record<string, unknown>, options?: { faults?: DeliveryFaults }): Promise<PartnerCall>;
  /** Runs an action of the sandbox's virtual patient, HIU or HIP (`patient.discover`, ...); owns the ids it returns. */
  act(action: string, input: Record<string, unknown>): Promise<ActionResult>;
  /** True when the sandbox offers the action (the M2/M3 flows add them). */
  canAct(action: string): boolean;

  /** Waits for a matching event (seen since the run started, or still to come); an expired wait fails the test. */
  expect(type: string, options?: ExpectOptions): Promise<SandboxEvent>;
  /** Waits for a matching event without grading: undefined when none came in time. */
  waitFor(type: string, options?: Omit<ExpectOptions, 'ruleId'>): Promise<SandboxEvent | undefined>;
  /** Every matching event that has arrived since the run started (without waiting). */
  events(type: string, query?: EventQuery): SandboxEvent[];
  /** Passes when no matching event came (since the test started) within the window; returns the offending event otherwise. */
  expectNothing(type: string, options?: ExpectNothingOptions): Promise<SandboxEvent | undefined>;

  /** Records a check; a failed `error` check fails the test (which goes on). Returns the condition. */
  check(ruleId: string, condition: boolean, message: string, evidence?: Evidence, options?: CheckOptions): boolean;
  /** Like `check`, but a failure ends the test at once. */
  assert(ruleId: string, condition: boolean, message: string, evidence?: Evidence): asserts condition;
  /** Feeds the sandbox's findings on these exchanges or events into the checks: errors fail, warnings and infos are messages. */
  checkFindings(items: ReadonlyArray<Exchange | SandboxEvent>, options?: { ruleIds?: ReadonlyArray<string> }): Finding[];
  info(message: string, evidence?: Evidence): void;
  warn(message: string, evidence?: Evidence): void;
  /** Ends the test as skipped (it cannot be graded in this run), with the reason. */
  skip(reason: string): never;

  /** The partner's exchanges in the journal (inbound calls it made, outbound calls to it); since the run started by default. */
  partnerExchanges(query?: { operationId?: string; direction?: 'inbound' | 'outbound'; correlation?: string; sinceRunStart?: boolean }): Promise<Exchange[]>;
  /** The partner's current bridge URL in the sandbox, if it registered one. */
  bridgeUrl(): Promise<string | undefined>;
  /** Claims ABDM ids for this test, so traffic carrying them is matched to it. */
  own(...correlationIds: string[]): void;
}
