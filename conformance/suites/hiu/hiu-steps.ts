// The M3 steps as HIU tests take them. The HIU's own initiative (asking for consent, asking for data) is prompted
// through its operator endpoints (hiu.* actions); the patient's decisions and the virtual HIPs' pushes are the
// sandbox's (patient.*, consent.*, virtualhip.* actions). Each step waits for the sandbox's event of its outcome,
// matched by ABDM ids, and claims those ids for the test. The tests grade the steps they are about; the others
// only have to succeed.
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import { exchangeLine } from '../../checks/exchange-line.js';
import type { ActionResult, TestContext } from '../../dsl/test-context.js';
import type { HiuPatient } from './hiu-patients.js';

const DAY_MS = 86_400_000;

/** How the virtual HIPs push in the tests unless a test says otherwise: raw keys, on-request first, pages of three. */
export const PLAIN_PUSHES = { entriesPerPage: 3, publicKeyEncoding: 'raw', pushBeforeOnRequest: 'never', firstPageNumber: 0, corruptEntry: false } as const;

/**
 * Prompts the HIU under test to act on its own initiative (a `hiu.*` operator action). Skipped when the run has
 * no way to prompt it; a prompt that fails (the HIU's own call was refused, say) is a warning, and the test goes
 * on to grade what the HIU did, from the sandbox's events and journal.
 */
export async function promptHiu(ctx: TestContext, action: string, input: Record<string, unknown>): Promise<ActionResult | undefined> {
  if (!ctx.canAct(action)) {
    ctx.skip(`This run cannot prompt the HIU to act on its own (${action}): give --hiu-operator-url, the operator endpoints of your HIU's test build (see docs/conformance.md)`);
  }
  try {
    return await ctx.act(action, input);
  } catch (err) {
    ctx.warn(`The prompt failed: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}

/** Sets how the patient answers consent requests and how the virtual HIPs push their data (every test sets both). */
export async function preparePatient(ctx: TestContext, hp: HiuPatient, options: { policy?: Record<string, unknown>; pushes?: Record<string, unknown> } = {}): Promise<void> {
  const abhaAddress = hp.patient.abhaAddress;
  await ctx.act('patient.set-consent-policy', { abhaAddress, policy: options.policy ?? { decision: 'approve' } });
  await ctx.act('virtualhip.set-behaviour', { abhaAddress, behaviour: { ...PLAIN_PUSHES, ...options.pushes } });
}

/** A dateRange over every record of the patient: from a day before the first to now. */
export function rangeOver(ctx: TestContext, hp: HiuPatient): { from: string; to: string } {
  const first = Math.min(...hp.careContexts.map((c) => Date.parse(c.date)));
  return { from: new Date(first - DAY_MS).toISOString(), to: new Date(ctx.now()).toISOString() };
}

/** The HIU's calls of this operation (inbound, this run) whose body names `text`; the test claims them. */
export async function hiuCallsAbout(ctx: TestContext, operationId: string, text: string): Promise<Exchange[]> {
  const calls = (await ctx.partnerExchanges({ operationId, direction: 'inbound' })).filter((e) => e.requestBody?.toLowerCase().includes(text.toLowerCase()));
  ctx.own(...calls.flatMap((e) => (e.requestId ? [e.requestId] : [])));
  return calls;
}

export interface ConsentAsked {
  consentRequestId: string;
  /** `consent.requested`: what the consent manager made of the request. */
  requested: SandboxEvent;
}

/**
 * Prompts the HIU to ask the patient for consent (over all their records unless `input` narrows it); resolves once
 * the consent manager took the request. A request the gateway refused (or that never came) ends the test, quoting
 * the gateway.
 */
export async function askForConsent(ctx: TestContext, hp: HiuPatient, input: Record<string, unknown> = {}): Promise<ConsentAsked> {
  const abhaAddress = hp.patient.abhaAddress;
  const prompted = await promptHiu(ctx, 'hiu.request-consent', { abhaAddress, dateRange: rangeOver(ctx, hp), ...input });
  const consentRequestId = (prompted?.data as { consentRequestId?: unknown } | undefined)?.consentRequestId;
  if (typeof consentRequestId !== 'string' || consentRequestId === '') {
    const calls = await hiuCallsAbout(ctx, 'consent.request-init', abhaAddress);
    const refused = calls.filter((e) => e.status === undefined || e.status >= 300);
    ctx.checkFindings(calls);
    if (refused.length > 0) {
      ctx.assert('consent-request-accepted', false, `The gateway refused the HIU's consent request: ${refused.map((e) => `${exchangeLine(e)} ${e.responseBody?.slice(0, 400) ?? '(empty body)'}`).join('; ')}`, refused);
    }
    ctx.assert('consent-request-made', calls.length > 0, `Prompted to ask ${abhaAddress} for consent, the HIU made no consent/v3/request/init naming the patient`);
    ctx.assert('consent-request-id-taken', false, `The HIU asked for consent (${calls.map(exchangeLine).join(', ')}) but its prompt did not give back the consent request id of on-init`, calls);
  }
  ctx.own(consentRequestId);
  const requested = await ctx.expect('consent.requested', { correlation: consentRequestId, description: `record by the consent manager of consent request ${consentRequestId}` });
  ctx.own(...requested.correlation);
  return { consentRequestId, requested };
}

/** The consent manager's notification of `status` for the request (`consent.hiuNotified`); claims its artefacts. */
export async function notified(ctx: TestContext, consentRequestId: string, status: string): Promise<SandboxEvent> {
  const event = await ctx.expect('consent.hiuNotified', { correlation: consentRequestId, where: (e) => e.data.status === status, description: `${status} notification of consent request ${consentRequestId}` });
  ctx.own(...event.correlation);
  return event;
}

/** The artefact ids of a GRANTED notification. */
export function artefactsOf(notice: SandboxEvent): string[] {
  return (notice.data.consentArtefacts as string[] | undefined) ?? [];
}

export interface Acknowledged {
  notice: SandboxEvent;
  /** `consent.hiuAcknowledged`, or undefined when the gateway refused the answer (graded already). */
  ack?: SandboxEvent;
}

/**
 * The HIU's on-notify for the notification of `status`: resolves with its `consent.hiuAcknowledged`, or, when the
 * gateway refused the answer outright (a shape the v3 schema does not allow), fails `HIU-CONSENT-ACK` quoting it.
 */
export async function acknowledgement(ctx: TestContext, consentRequestId: string, status: string): Promise<Acknowledged> {
  const notice = await notified(ctx, consentRequestId, status);
  const requestId = String(notice.data.requestId);
  const ack = ctx.waitFor('consent.hiuAcknowledged', { correlation: requestId });
  const refused = ctx.waitFor('exchange', { correlation: requestId, where: (e) => e.data.direction === 'inbound' && e.data.operationId === 'consent.hiu-on-notify' && Number(e.data.status) >= 400 });
  const first = await Promise.race([ack.then((event) => ({ event, refused: false })), refused.then((event) => (event ? { event, refused: true } : ack.then((a) => ({ event: a, refused: false }))))]);
  if (first.event && !first.refused) return { notice, ack: first.event };
  if (first.event && first.refused) {
    const [exchange] = (await ctx.partnerExchanges({ correlation: requestId })).filter((e) => e.id === first.event!.exchangeId);
    ctx.check('HIU-CONSENT-ACK', false, `The gateway refused the HIU's on-notify for the ${status} notification: ${exchange ? `${exchangeLine(exchange)} ${exchange.responseBody?.slice(0, 300) ?? ''}` : `#${first.event.exchangeId}`}; acknowledge with an array, [{"status":"OK","consentId":...}] per artefact`, first.event);
    return { notice };
  }
  ctx.check('HIU-CONSENT-ACK', false, `No on-notify from the HIU for the ${status} notification of ${consentRequestId} (REQUEST-ID ${requestId}) within ${ctx.timeoutMs} ms`, notice);
  return { notice };
}

/** Grades an acknowledgement: the sandbox's findings on it, and its outcome. */
export function gradeAcknowledgement(ctx: TestContext, a: Acknowledged, status: string): void {
  if (!a.ack) return;
  ctx.checkFindings([a.ack]);
  const acks = a.ack.data.acknowledgement as Array<{ status?: string; consentId?: string }> | undefined;
  const artefacts = artefactsOf(a.notice);
  ctx.check(
    'HIU-CONSENT-ACK',
    a.ack.data.outcome === 'acknowledged',
    a.ack.data.outcome === 'acknowledged'
      ? `The HIU acknowledged the ${status} notification with ${JSON.stringify(acks ?? [])}${artefacts.length === 0 ? ' (no artefacts to name)' : ''}`
      : `The HIU did not acknowledge the ${status} notification as required: ${JSON.stringify(acks ?? a.ack.data.error ?? null)}`,
    a.ack,
  );
}

/** The patient grants (by their policy, set beforehand): the GRANTED notice, acknowledged, with its artefacts. */
export async function granted(ctx: TestContext, hp: HiuPatient, input: Record<string, unknown> = {}): Promise<{ asked: ConsentAsked; notice: SandboxEvent; artefacts: string[] }> {
  const asked = await askForConsent(ctx, hp, input);
  const notice = await notified(ctx, asked.consentRequestId, 'GRANTED');
  return { asked, notice, artefacts: artefactsOf(notice) };
}

/**
 * Waits until the HIU has fetched each artefact (`consent.fetched`) and taken the on-fetch that carries it; a wait
 * that expires fails `HIU-CONSENT-FETCH`.
 */
export async function fetchedAll(ctx: TestContext, artefacts: ReadonlyArray<string>): Promise<SandboxEvent[]> {
  return Promise.all(
    artefacts.map(async (consentId) => {
      const fetched = await ctx.expect('consent.fetched', { correlation: consentId, ruleId: 'HIU-CONSENT-FETCH', description: `consent/v3/fetch of artefact ${consentId} (the HIU must fetch every artefact of a GRANTED notification)` });
      const answerRequestId = String(fetched.data.answerRequestId);
      ctx.own(answerRequestId);
      await ctx.waitFor('exchange', { correlation: answerRequestId, where: (e) => e.data.direction === 'outbound' && e.data.operationId === 'hiu.consent-on-fetch' && e.data.status !== undefined });
      return fetched;
    }),
  );
}

/** How the sandbox ends a granted consent at once (its admin action), and the status the HIU is then notified of. */
const ENDINGS = { revoke: 'REVOKED', expire: 'EXPIRED' } as const;

/**
 * The patient grants (by their policy, set beforehand), the HIU fetches every artefact, then the sandbox ends the
 * consent `how`: the request, its artefacts, the status, and the HIU's acknowledgement of that notification.
 */
export async function endedAfterFetch(ctx: TestContext, hp: HiuPatient, how: keyof typeof ENDINGS): Promise<{ asked: ConsentAsked; artefacts: string[]; status: string; acknowledged: Acknowledged }> {
  const { asked, artefacts } = await granted(ctx, hp);
  await fetchedAll(ctx, artefacts);
  await ctx.act(`consent.${how}-request`, { consentRequestId: asked.consentRequestId });
  const status = ENDINGS[how];
  return { asked, artefacts, status, acknowledged: await acknowledgement(ctx, asked.consentRequestId, status) };
}

export interface DataAsked {
  /** `data.requested`: the consent manager's record of the request, with its findings. */
  requested: SandboxEvent;
  transactionId: string;
  /** The HIU's call, as the journal holds it. */
  call?: Exchange;
  body?: { hiRequest?: { consent?: { id?: string }; dateRange?: { from?: string; to?: string }; dataPushUrl?: string; keyMaterial?: { dhPublicKey?: { keyValue?: string; expiry?: string; parameters?: string }; nonce?: string; cryptoAlg?: string; curve?: string } } };
}

/** Prompts the HIU to ask for the data of an artefact; resolves with the request it made (`data.requested`). */
export async function askForData(ctx: TestContext, consentId: string): Promise<DataAsked> {
  const before = new Set(ctx.events('data.requested', { correlation: consentId }).map((e) => e.seq));
  const prompted = await promptHiu(ctx, 'hiu.request-data', { consentId });
  const transactionId = (prompted?.data as { transactionId?: unknown } | undefined)?.transactionId;
  const requested = await ctx.expect('data.requested', {
    correlation: typeof transactionId === 'string' ? transactionId : consentId,
    where: (e) => !before.has(e.seq),
    description: `health-information request from the HIU under artefact ${consentId}`,
  });
  ctx.own(...requested.correlation.filter((id): id is string => typeof id === 'string'));
  const requestId = String(requested.data.requestId);
  const [call] = (await ctx.partnerExchanges({ correlation: requestId, operationId: 'dataflow.health-information-request', direction: 'inbound' })).filter((e) => e.requestId === requestId);
  let body: DataAsked['body'];
  try {
    body = call?.requestBody ? JSON.parse(call.requestBody) : undefined;
  } catch {
    body = undefined;
  }
  return { requested, transactionId: String(requested.data.transactionId), ...(call ? { call } : {}), ...(body ? { body } : {}) };
}

/** Fails the test when the consent manager refused the request (on-request carried an error), with its words. */
export function assertRequested(ctx: TestContext, d: DataAsked): void {
  const error = d.requested.data.error as { code?: string; message?: string } | undefined;
  ctx.assert('data-request-accepted', d.requested.data.outcome === 'requested', `The consent manager refused the HIU's health-information request: ${error?.code}: ${error?.message}`, d.requested);
}

/** The HIU's health-information/notify for the transaction; a wait that expires fails `HIU-NOTIFY-MISSING`. */
export function transferNotified(ctx: TestContext, transactionId: string): Promise<SandboxEvent> {
  return ctx.expect('transfer.notified', { correlation: transactionId, ruleId: 'HIU-NOTIFY-MISSING', description: `health-information/notify from the HIU for transaction ${transactionId} (after the virtual HIP pushed every page)` });
}

/** The virtual HIP's report of what it pushed (`data.delivered`). */
export function delivered(ctx: TestContext, transactionId: string): Promise<SandboxEvent> {
  return ctx.expect('data.delivered', { correlation: transactionId, description: `push by the virtual HIP for transaction ${transactionId}` });
}
