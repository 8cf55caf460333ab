// The `ctx` a test receives: the TestContext interface implemented over a sandbox link, the run's event buffer and
// its log. It records every check, message and owned id as a log entry, and knows whether the test has failed.
import type { World } from '../../fixtures/world/types.js';
import type { Finding, FindingSeverity } from '../../protocol/findings.js';
import type { Rng } from '../../protocol/random.js';
import type { DeliveryFaults } from '../../sandbox-server/dispatch/delivery-faults.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import { correlationIdsOf } from '../../sandbox-server/journal/correlation-ids.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import { eventLine, exchangeLine, someLines } from '../checks/exchange-line.js';
import type {
  ActionResult,
  CheckOptions,
  EventQuery,
  Evidence,
  ExpectNothingOptions,
  ExpectOptions,
  PartnerCall,
  PartnerUnderTest,
  SandboxInfo,
  TestContext,
} from '../dsl/test-context.js';
import type { TestDefinition } from '../dsl/test-definition.js';
import type { MessageLevel } from '../results/outcome.js';
import type { SandboxLink } from '../sandbox-link/sandbox-link.js';
import { EventBuffer, type EventMatch } from './event-buffer.js';
import type { RunLog } from './run-log.js';
import { TestStopped } from './test-stop.js';

/** Findings the sandbox adds to its own calls (deliberate faults), not to the partner's. */
const SANDBOX_NOTES = new Set(['sandbox-fault-injected']);

export interface RunTestContextDeps {
  test: TestDefinition;
  partner: PartnerUnderTest;
  sandbox: SandboxInfo;
  link: SandboxLink;
  buffer: EventBuffer;
  log: RunLog;
  rng: Rng;
  timeoutMs: number;
  startupTimeoutMs: number;
  runStartedAt: number;
  signal: AbortSignal;
}

export class RunTestContext implements TestContext {
  readonly test: TestContext['test'];
  readonly partner: PartnerUnderTest;
  readonly sandbox: SandboxInfo;
  readonly rng: Rng;
  readonly timeoutMs: number;
  readonly startupTimeoutMs: number;
  readonly runStartedAt: number;
  readonly signal: AbortSignal;
  /** Failed `error` checks so far. */
  failures = 0;
  /** Checks recorded so far (a test that grades nothing is a harness error). */
  checks = 0;
  private readonly owned = new Set<string>();
  private readonly startMark: number;
  private closed = false;

  constructor(private readonly deps: RunTestContextDeps) {
    this.test = { id: deps.test.id, title: deps.test.title, level: deps.test.level };
    this.partner = deps.partner;
    this.sandbox = deps.sandbox;
    this.rng = deps.rng;
    this.timeoutMs = deps.timeoutMs;
    this.startupTimeoutMs = deps.startupTimeoutMs;
    this.runStartedAt = deps.runStartedAt;
    this.signal = deps.signal;
    this.startMark = deps.buffer.mark();
  }

  now(): number {
    return this.deps.link.now();
  }

  world(): Promise<World> {
    return this.deps.link.world();
  }

  /** After this, nothing the test does reaches the log (a test that overran its budget may still be running). */
  close(): void {
    this.closed = true;
  }

  async callPartner(callbackId: string, body: Record<string, unknown>, options: { faults?: DeliveryFaults } = {}): Promise<PartnerCall> {
    const call = await this.deps.link.callPartner({ callbackId, serviceId: this.partner.serviceId, body, ...(options.faults ? { faults: options.faults } : {}) });
    const correlation = correlationIdsOf(call.requestId, body);
    this.own(...correlation);
    const faults = options.faults ? ` with deliberate faults ${JSON.stringify(options.faults)}` : '';
    this.message('info', `The gateway calls the partner: ${callbackId}, REQUEST-ID ${call.requestId}${faults}`);
    return { ...call, correlation };
  }

  canAct(action: string): boolean {
    return this.deps.link.actions().has(action);
  }

  async act(action: string, input: Record<string, unknown>): Promise<ActionResult> {
    const result = await this.deps.link.act(action, input);
    this.own(...result.correlation);
    // hip.* actions prompt the partner under test (its operator console); the others are the sandbox's actors.
    const who = action.startsWith(`${this.partner.role}.`) ? `The runner prompts the ${this.partner.role.toUpperCase()}` : 'The sandbox acts';
    this.message('info', `${who}: ${action}${result.correlation.length ? ` (${result.correlation.join(', ')})` : ''}`);
    return result;
  }

  async waitFor(type: string, options: Omit<ExpectOptions, 'ruleId'> = {}): Promise<SandboxEvent | undefined> {
    return this.deps.buffer.next(matcher(type, options), { timeoutMs: options.timeoutMs ?? this.timeoutMs, signal: this.signal });
  }

  events(type: string, query: EventQuery = {}): SandboxEvent[] {
    return this.deps.buffer.matching(matcher(type, query));
  }

  async expect(type: string, options: ExpectOptions = {}): Promise<SandboxEvent> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const event = await this.waitFor(type, options);
    if (event) return event;
    const arrived = this.whatArrived(options);
    const what = options.description ?? `a ${type} event${correlationText(options)}`;
    const seen = arrived.length > 0 ? `What did arrive: ${someLines(arrived.map(eventLine))}` : 'Nothing related arrived from the partner meanwhile';
    const message = `No ${what} within ${timeoutMs} ms. ${seen}`;
    this.check(options.ruleId ?? 'wait-expired', false, message, arrived);
    throw new TestStopped('fail', message);
  }

  async expectNothing(type: string, options: ExpectNothingOptions = {}): Promise<SandboxEvent | undefined> {
    const forMs = options.forMs ?? this.timeoutMs;
    const what = options.description ?? `${type} event${correlationText(options)}`;
    const offending = await this.deps.buffer.next(matcher(type, options), { from: this.startMark, timeoutMs: forMs, signal: this.signal });
    const ruleId = options.ruleId ?? 'unexpected-event';
    if (offending) this.check(ruleId, false, `Expected no ${what}, but got one: ${eventLine(offending)}`, offending);
    else this.check(ruleId, true, `No ${what} within ${forMs} ms, as required`);
    return offending;
  }

  check(ruleId: string, condition: boolean, message: string, evidence?: Evidence, options: CheckOptions = {}): boolean {
    const severity: FindingSeverity = options.severity ?? 'error';
    if (this.closed) return condition;
    this.checks += 1;
    if (!condition && severity === 'error') this.failures += 1;
    this.deps.log.append({ kind: 'test.check', testId: this.test.id, ruleId, passed: condition, severity, message, evidence: evidenceIds(evidence) });
    return condition;
  }

  assert(ruleId: string, condition: boolean, message: string, evidence?: Evidence): asserts condition {
    if (!this.check(ruleId, condition, message, evidence)) throw new TestStopped('fail', message);
  }

  checkFindings(items: ReadonlyArray<Exchange | SandboxEvent>, options: { ruleIds?: ReadonlyArray<string> } = {}): Finding[] {
    const fed: Finding[] = [];
    for (const item of items) {
      const isEvent = 'seq' in item;
      const line = isEvent ? eventLine(item) : exchangeLine(item);
      const evidence = evidenceIds(item);
      for (const finding of item.findings) {
        if (SANDBOX_NOTES.has(finding.ruleId)) continue;
        if (options.ruleIds && !options.ruleIds.includes(finding.ruleId)) continue;
        fed.push(finding);
        const text = `${line}: ${finding.message}`;
        if (finding.severity === 'error') this.check(finding.ruleId, false, text, evidence);
        else this.message(finding.severity, text, evidence, finding.ruleId);
      }
    }
    return fed;
  }

  info(message: string, evidence?: Evidence): void {
    this.message('info', message, evidence);
  }

  warn(message: string, evidence?: Evidence): void {
    this.message('warning', message, evidence);
  }

  skip(reason: string): never {
    throw new TestStopped('skip', reason);
  }

  async partnerExchanges(query: { operationId?: string; direction?: 'inbound' | 'outbound'; correlation?: string; sinceRunStart?: boolean } = {}): Promise<Exchange[]> {
    const exchanges = await this.deps.link.exchanges({
      clientId: this.partner.clientId,
      ...(query.sinceRunStart === false ? {} : { since: new Date(this.runStartedAt).toISOString() }),
      ...(query.operationId ? { operationId: query.operationId } : {}),
      ...(query.correlation ? { correlation: query.correlation } : {}),
    });
    return query.direction ? exchanges.filter((e) => e.direction === query.direction) : exchanges;
  }

  async bridgeUrl(): Promise<string | undefined> {
    return (await this.deps.link.service(this.partner.serviceId))?.bridgeUrl;
  }

  own(...correlationIds: string[]): void {
    const fresh = correlationIds.filter((id) => id && !this.owned.has(id));
    if (fresh.length === 0 || this.closed) return;
    for (const id of fresh) this.owned.add(id);
    this.deps.log.append({ kind: 'test.owned', testId: this.test.id, correlationIds: fresh });
  }

  private message(level: MessageLevel, message: string, evidence?: Evidence, ruleId?: string): void {
    if (this.closed) return;
    this.deps.log.append({ kind: 'test.message', testId: this.test.id, level, message, evidence: evidenceIds(evidence), ...(ruleId ? { ruleId } : {}) });
  }

  /** What arrived that may explain an expired wait: events with the awaited ids, and the partner's calls since the test started. */
  private whatArrived(query: EventQuery): SandboxEvent[] {
    const ids = correlationList(query);
    const withIds = ids.length > 0 ? this.deps.buffer.matching((e) => e.correlation.some((c) => ids.includes(c))) : [];
    const partnerCalls = this.deps.buffer.matching((e) => e.type === 'exchange' && e.data.direction === 'inbound' && e.data.clientId === this.partner.clientId, this.startMark);
    const bySeq = new Map([...withIds, ...partnerCalls].map((e) => [e.seq, e]));
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}

function correlationList(query: EventQuery): string[] {
  if (query.correlation === undefined) return [];
  return typeof query.correlation === 'string' ? [query.correlation] : [...query.correlation];
}

function correlationText(query: EventQuery): string {
  const ids = correlationList(query);
  return ids.length > 0 ? ` for ${ids.join(', ')}` : '';
}

function matcher(type: string, query: EventQuery): EventMatch {
  const ids = correlationList(query);
  return (e) => e.type === type && (ids.length === 0 || e.correlation.some((c) => ids.includes(c))) && (!query.where || query.where(e));
}

/** Exchange ids of the evidence, sorted and de-duplicated. */
export function evidenceIds(evidence: Evidence | undefined): number[] {
  if (evidence === undefined) return [];
  const items = Array.isArray(evidence) ? evidence : [evidence];
  const ids = new Set<number>();
  for (const item of items as ReadonlyArray<number | Exchange | SandboxEvent>) {
    if (typeof item === 'number') ids.add(item);
    else if ('direction' in item && typeof item.id === 'number') ids.add(item.id);
    else if ('seq' in item && item.exchangeId !== undefined) ids.add(item.exchangeId);
  }
  return [...ids].sort((a, b) => a - b);
}
