// ABHA.JOURNEY: gets the partner's M1 journey into the journal. In process the runner drives it (the declared
// script of fixtures/partners/abha/m1-journey.ts, run by the client it was given); a remote partner runs its own
// journey against the sandbox during the run, and the test waits until it has fetched an ABHA card.
import { syntheticAadhaar } from '../../../protocol/ids/synthetic-aadhaar.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { ABHA_JOURNEY_ACTION } from '../../sandbox-link/abha-journey-action.js';
import { isAbhaOperation } from './abha-calls.js';
import { abhaTest } from './abha-test.js';

/** How long the partner's calls must pause before its journey counts as finished. */
const QUIET_MS = 3_000;
const CARD_OPERATIONS = new Set(['abha.card', 'abha.card-download', 'legacy.card', 'legacy.png-card']);

interface JourneyReport {
  steps: Array<{ name: string; ok: boolean; detail: string }>;
}

async function driveJourney(ctx: TestContext): Promise<void> {
  // A new resident (payload 5,000,000 and up has no ABHA number yet) and a communication mobile of its own.
  const plan = {
    aadhaar: syntheticAadhaar(5_000_000 + ctx.rng.int(5_000_000)),
    communicationMobile: `9${String(ctx.rng.int(1_000_000_000)).padStart(9, '0')}`,
    seed: ctx.rng.uint32(),
  };
  const result = await ctx.act(ABHA_JOURNEY_ACTION, plan);
  const report = result.data as JourneyReport;
  for (const step of report.steps) ctx.check('abha-journey-step', step.ok, `${step.name}: ${step.detail}`);
  const calls = (await ctx.partnerExchanges({ direction: 'inbound' })).filter((e) => isAbhaOperation(e.operationId));
  ctx.info(`The journey made ${calls.length} ABHA calls as client ${ctx.partner.clientId}`, calls);
}

async function awaitPartnerJourney(ctx: TestContext): Promise<void> {
  const mine = (e: { type: string; data: Record<string, unknown> }) => e.data.clientId === ctx.partner.clientId && e.data.direction === 'inbound';
  ctx.info(`Waiting up to ${ctx.startupTimeoutMs} ms for client ${ctx.partner.clientId} to run its M1 journey against the sandbox (enrolment through the ABHA card)`);
  const card = await ctx.waitFor('exchange', { timeoutMs: ctx.startupTimeoutMs, where: (e) => mine(e) && CARD_OPERATIONS.has(String(e.data.operationId)) && e.data.status === 200 });
  // Whatever the journey does after the card (logins, address login) is still graded: wait for its calls to stop.
  let last = card?.seq;
  while (last !== undefined && !ctx.signal.aborted) {
    const after = last;
    const more = await ctx.waitFor('exchange', { timeoutMs: QUIET_MS, where: (e) => mine(e) && isAbhaOperation(String(e.data.operationId)) && e.seq > after });
    last = more?.seq;
  }
  const calls = (await ctx.partnerExchanges({ direction: 'inbound' })).filter((e) => isAbhaOperation(e.operationId));
  ctx.assert(
    'abha-journey-observed',
    card !== undefined,
    `Client ${ctx.partner.clientId} fetched no ABHA card within ${ctx.startupTimeoutMs} ms; ${calls.length} ABHA calls of it arrived. Run the M1 journey (docs/conformance.md) while the runner waits`,
    calls,
  );
  ctx.check('abha-journey-observed', true, `Client ${ctx.partner.clientId} made ${calls.length} ABHA calls during the run`, calls);
}

export const abhaJourneyGroup = defineGroup('ABHA.JOURNEY', 'The M1 journey', [
  abhaTest({
    id: 'ABHA.JOURNEY.01',
    title: 'Runs the M1 journeys against the sandbox',
    description:
      'Enrolment by Aadhaar OTP (two OTP resends, a new communication mobile, suggestions, the chosen address), profile, ABHA card and QR code, login by ABHA number, mobile and Aadhaar, and login to the new ABHA address. In process the runner drives the client through the declared journey and each step must succeed; a remote client runs it itself while the runner waits. Every other ABHA test grades these calls.',
    level: 'MUST',
    phase: 'startup',
    spec: ['abdm-api.md §4.3', 'abdm-api.md §4.4', 'abdm-api.md §4.5'],
    tags: ['journey'],
    timeoutMs: 600_000,
    run: (ctx) => (ctx.canAct(ABHA_JOURNEY_ACTION) ? driveJourney(ctx) : awaitPartnerJourney(ctx)),
  }),
]);
