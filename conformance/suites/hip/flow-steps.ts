// The M2 steps as HIP tests take them: start a step with the sandbox's actors, wait for its outcome event, and stop
// early with the gateway's words when it refused the HIP's answer instead. Tests grade the steps they are about
// (their events' findings); setup steps (linking before a consent, ...) only have to succeed.
import type { SyntheticCareContext, SyntheticPatient } from '../../../fixtures/world/types.js';
import type { PresentedPatient } from '../../../sandbox-server/flows/discovery-flow.js';
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import { exchangeLine } from '../../checks/exchange-line.js';
import type { ActionResult, TestContext } from '../../dsl/test-context.js';
import type { HipPatient } from './hip-patients.js';

export interface OutcomeQuery {
  /** The ids the outcome event carries (the step's REQUEST-ID). */
  correlation: string | string[];
  /** Ids the HIP's answer carries even when it gets response.requestId wrong (the transactionId). */
  answerIds?: string[];
  /** The operation of the HIP's answer (`uil.on-discover`, ...). */
  answer: string;
  /** What is awaited, in words. */
  description: string;
}

/** The first defined value, or undefined once every promise resolved to undefined. */
function firstDefined<T>(promises: Array<Promise<T | undefined>>): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    let pending = promises.length;
    for (const p of promises) {
      p.then((value) => {
        if (value !== undefined) resolve(value);
        else if (--pending === 0) resolve(undefined);
      }, reject);
    }
  });
}

/**
 * The step's outcome event. When the gateway refuses the HIP's answer first (an `answer.refused` event such as
 * ABDM-1037 for a wrong count, or an answer turned away with an error status, such as ABDM-2500 for a
 * response.requestId the gateway never sent), the refusal is graded and the test ends there.
 */
export async function awaitOutcome(ctx: TestContext, type: string, q: OutcomeQuery): Promise<SandboxEvent> {
  const ids = [...(Array.isArray(q.correlation) ? q.correlation : [q.correlation]), ...(q.answerIds ?? [])];
  const outcome = ctx.expect(type, { correlation: q.correlation, description: q.description });
  outcome.catch(() => undefined); // graded by expect itself; the race below rethrows it
  const refusal = firstDefined([
    ctx.waitFor('answer.refused', { correlation: ids }),
    ctx.waitFor('exchange', { correlation: ids, where: (e) => e.data.direction === 'inbound' && e.data.operationId === q.answer && Number(e.data.status) >= 400 }),
  ]);
  const first = await Promise.race([outcome.then((event) => ({ event, refused: false })), refusal.then((event) => (event ? { event, refused: true } : outcome.then((e) => ({ event: e, refused: false }))))]);
  if (!first.refused) return first.event;
  const refused = first.event;
  if (refused.type === 'answer.refused') {
    ctx.checkFindings([refused]);
    const error = refused.data.error as { code?: string; message?: string } | undefined;
    ctx.assert('answer-accepted', false, `The gateway refused the HIP's ${q.answer} (${error?.code}: ${error?.message}); ${q.description} never came`, refused);
  }
  const carried = refused.correlation.find((id) => ids.includes(id)) ?? ids[0];
  const [exchange] = (await ctx.partnerExchanges({ correlation: carried })).filter((e) => e.id === refused.exchangeId);
  const said = exchange?.responseBody ? ` ${exchange.responseBody.slice(0, 300)}` : '';
  const why = refused.data.errorCode === 'ABDM-2500' ? ': response.requestId must be the REQUEST-ID of the call it answers' : '';
  ctx.assert('answer-accepted', false, `The gateway refused the HIP's ${q.answer}${why}: ${exchange ? exchangeLine(exchange) : `#${refused.exchangeId}`}${said}`, refused);
  throw new Error('unreachable');
}

/** The care contexts an on-discover or on-confirm lists (entries flattened), with the entry's hiType. */
export function listedCareContexts(entries: unknown): Array<{ referenceNumber: string; hiType?: string; patientReference?: string }> {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((e: { referenceNumber?: string; hiType?: string; careContexts?: Array<{ referenceNumber: string }> }) =>
    (e.careContexts ?? []).map((c) => ({ referenceNumber: c.referenceNumber, hiType: e.hiType, patientReference: e.referenceNumber })),
  );
}

/** The virtual patient discovers at the HIP; resolves with the `discovery.completed` event. */
export async function discover(ctx: TestContext, abhaAddress: string, presented?: PresentedPatient): Promise<{ started: ActionResult; event: SandboxEvent }> {
  const started = await ctx.act('patient.discover', { abhaAddress, hipId: ctx.partner.serviceId, ...(presented ? { presented } : {}) });
  const { requestId, transactionId } = started.data as { requestId: string; transactionId: string };
  const event = await awaitOutcome(ctx, 'discovery.completed', { correlation: requestId, answerIds: [transactionId], answer: 'uil.on-discover', description: `on-discover from the HIP for ${abhaAddress}` });
  return { started, event };
}

/** An ABHA address of this account that the HIP cannot have seen (a second PHR address), from the test's random stream. */
export function anotherAbhaAddress(ctx: TestContext, world: { patientByAbhaAddress(a: string): unknown }): string {
  for (;;) {
    const alias = `sbx.${ctx.rng.hex(5)}@sbx`;
    if (!world.patientByAbhaAddress(alias)) return alias;
  }
}

export interface LinkedCareContext {
  referenceNumber: string;
  hiType: string;
  patientReference: string;
}

/** Link init for discovered care contexts (all by default); resolves with the `link.initiated` event. */
export async function initLink(ctx: TestContext, abhaAddress: string, transactionId: string, careContexts?: string[]): Promise<SandboxEvent> {
  const started = await ctx.act('patient.link', { abhaAddress, transactionId, ...(careContexts ? { careContexts } : {}) });
  const { requestId } = started.data as { requestId: string };
  return awaitOutcome(ctx, 'link.initiated', { correlation: requestId, answerIds: [transactionId], answer: 'uil.on-init', description: `on-init from the HIP for ${abhaAddress}` });
}

/** Link confirm with the OTP (the sandbox's default, the right one, unless `wrongOtp`); resolves with `link.confirmed`. */
export async function confirmLink(ctx: TestContext, abhaAddress: string, linkRefNumber: string, options: { wrongOtp?: boolean } = {}): Promise<SandboxEvent> {
  const input = options.wrongOtp ? { otp: wrongOtpFor(ctx), wrongOtp: true } : {};
  const started = await ctx.act('patient.confirm-link', { abhaAddress, linkRefNumber, ...input });
  const { requestId } = started.data as { requestId: string };
  return awaitOutcome(ctx, 'link.confirmed', { correlation: requestId, answer: 'uil.on-confirm', description: `on-confirm from the HIP for link reference ${linkRefNumber}` });
}

/** Six digits that are not the sandbox's OTP (123456). */
function wrongOtpFor(ctx: TestContext): string {
  const otp = String(100_000 + ctx.rng.int(900_000));
  return otp === '123456' ? '654321' : otp;
}

/**
 * Setup: links the patient's care contexts (all, or those named) as a patient does, by discovery and OTP. Only the
 * outcome is checked; the DISCOVER and LINK tests grade how the HIP got there.
 */
export async function linkAsPatient(ctx: TestContext, hp: HipPatient, references?: string[]): Promise<LinkedCareContext[]> {
  const abhaAddress = hp.patient.abhaAddress;
  const { started, event } = await discover(ctx, abhaAddress);
  ctx.assert('setup-discovered', event.data.outcome === 'matched', `Setup: discovering ${abhaAddress} must find the patient before linking; the HIP answered ${describeError(event.data.error)}`, event);
  const { transactionId } = started.data as { transactionId: string };
  const initiated = await initLink(ctx, abhaAddress, transactionId, references);
  ctx.assert('setup-link-initiated', initiated.data.outcome === 'awaiting-confirmation', `Setup: link init must give a link reference; the HIP answered ${describeError(initiated.data.error)}`, initiated);
  const confirmed = await confirmLink(ctx, abhaAddress, String(initiated.data.linkRefNumber));
  ctx.assert('setup-linked', confirmed.data.outcome === 'linked', `Setup: confirming with the right OTP must link; the HIP answered ${describeError(confirmed.data.error)}`, confirmed);
  const linked = confirmed.data.careContexts as LinkedCareContext[];
  ctx.info(`Setup: linked ${linked.map((c) => c.referenceNumber).join(', ')}`);
  return linked;
}

export function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return e ? `${String(e.code)}: ${String(e.message)}` : 'no error';
}

const DAY_MS = 86_400_000;

/** Consent terms (consent.grant input) over these care contexts: their hiTypes, a dateRange around their dates, a day to live. */
export function consentTerms(ctx: TestContext, patient: SyntheticPatient, careContexts: ReadonlyArray<SyntheticCareContext>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const times = careContexts.map((c) => Date.parse(c.date));
  return {
    abhaAddress: patient.abhaAddress,
    hipId: ctx.partner.serviceId,
    careContexts: careContexts.map((c) => c.referenceNumber),
    hiTypes: [...new Set(careContexts.map((c) => c.hiType))],
    purpose: 'CAREMGT',
    dateRange: { from: new Date(Math.min(...times) - DAY_MS).toISOString(), to: new Date(Math.min(ctx.now(), Math.max(...times) + DAY_MS)).toISOString() },
    dataEraseAt: new Date(ctx.now() + DAY_MS).toISOString(),
    ...overrides,
  };
}

/** The patient grants a consent (consent.grant); resolves with its id and the HIP's acknowledgement (`consent.acknowledged`). */
export async function grantConsent(ctx: TestContext, terms: Record<string, unknown>): Promise<{ consentId: string; acknowledged: SandboxEvent }> {
  const started = await ctx.act('consent.grant', terms);
  const { consentId, requestId } = started.data as { consentId: string; requestId: string };
  const acknowledged = await awaitOutcome(ctx, 'consent.acknowledged', { correlation: requestId, answer: 'consent.hip-on-notify', description: `the HIP's on-notify for GRANTED consent ${consentId}` });
  return { consentId, acknowledged };
}

/** Revokes or expires a consent now; resolves with the HIP's acknowledgement. */
export async function endConsent(ctx: TestContext, consentId: string, how: 'revoke' | 'expire'): Promise<SandboxEvent> {
  const started = await ctx.act(`consent.${how}`, { consentId });
  const { requestId } = started.data as { requestId: string };
  const status = how === 'revoke' ? 'REVOKED' : 'EXPIRED';
  return awaitOutcome(ctx, 'consent.acknowledged', { correlation: requestId, answer: 'consent.hip-on-notify', description: `the HIP's on-notify for ${status} consent ${consentId}` });
}

/** The virtual HIU asks for the data (hiu.request-health-information); resolves with the transaction and the HIP's on-request. */
export async function requestData(ctx: TestContext, input: Record<string, unknown>): Promise<{ transactionId: string; consentId: string; acknowledged: SandboxEvent }> {
  const started = await ctx.act('hiu.request-health-information', input);
  const { transactionId, requestId, consentId } = started.data as { transactionId: string; requestId: string; consentId: string };
  const acknowledged = await awaitOutcome(ctx, 'data.acknowledged', { correlation: requestId, answerIds: [transactionId], answer: 'dataflow.hip-on-request', description: `the HIP's on-request for transaction ${transactionId}` });
  return { transactionId, consentId, acknowledged };
}

/** Every page pushed for the transaction so far (`data.pushed`), in arrival order. */
export function pushesOf(ctx: TestContext, transactionId: string): SandboxEvent[] {
  return ctx.events('data.pushed', { correlation: transactionId });
}

/** The care contexts of the entries pushed so far. */
export function pushedCareContexts(pushes: ReadonlyArray<SandboxEvent>): string[] {
  return pushes.flatMap((p) => ((p.data.entries as Array<{ careContextReference?: string }> | undefined) ?? []).map((e) => e.careContextReference ?? '?'));
}

/**
 * Prompts the HIP under test to do something on its own initiative (a `hip.*` operator action). The test is
 * skipped when the run has no way to prompt it; a prompt that fails (the HIP's own call was refused, say) is a
 * warning, and the test goes on to grade what the HIP did, from the journal.
 */
export async function promptHip(ctx: TestContext, action: string, input: Record<string, unknown>): Promise<ActionResult | undefined> {
  if (!ctx.canAct(action)) {
    ctx.skip(`This run cannot prompt the HIP to act on its own (${action}): give --hip-operator-url, the operator endpoints of your HIP's test build (see docs/conformance.md)`);
  }
  try {
    return await ctx.act(action, input);
  } catch (err) {
    ctx.warn(`The prompt failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** The HIP's calls of this operation (inbound, this run) whose body names `abhaAddress`; the test claims them (and the answers to them). */
export async function hipCallsAbout(ctx: TestContext, operationId: string, abhaAddress: string): Promise<Exchange[]> {
  const calls = (await ctx.partnerExchanges({ operationId, direction: 'inbound' })).filter((e) => e.requestBody?.toLowerCase().includes(abhaAddress.toLowerCase()));
  ctx.own(...calls.flatMap((e) => (e.requestId ? [e.requestId] : [])));
  return calls;
}

/** Fails the test on the HIP's calls the gateway refused at once (HTTP 4xx/5xx), quoting the gateway. */
export function gradeRefusedCalls(ctx: TestContext, calls: ReadonlyArray<Exchange>, what: string): void {
  const refused = calls.filter((e) => e.status === undefined || e.status >= 300);
  ctx.check(
    'hip-call-accepted',
    refused.length === 0,
    refused.length === 0 ? `The gateway accepted the HIP's ${what} (${calls.length})` : `The gateway refused the HIP's ${what}: ${refused.map((e) => `${exchangeLine(e)} ${e.responseBody?.slice(0, 240) ?? '(empty body)'}`).join('; ')}`,
    refused.length > 0 ? refused : calls,
  );
}
