// The action through which the runner drives an ABHA client in process: `abha.journey` runs the declared M1 journey
// (fixtures/partners/abha/m1-journey.ts) with the reference client, or a mutant of it, against the sandbox. A
// remote partner offers no such action: it runs its own journey and the suite grades its calls from the journal.
import { runM1Journey } from '../../fixtures/partners/abha/m1-journey.js';
import { ReferenceAbhaClient, type AbhaClientBehaviour } from '../../fixtures/partners/abha/reference-abha-client.js';
import type { Clock } from '../../protocol/clock.js';
import { rngFor } from '../../protocol/random.js';
import type { ActorAction } from './sandbox-link.js';

export const ABHA_JOURNEY_ACTION = 'abha.journey';

export interface AbhaJourneyDriver {
  /** Where the client reaches the sandbox. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The client's clock: the sandbox's own in process, so TIMESTAMPs agree with it. */
  clock: Clock;
  /** How the client waits (OTP resend): in process it moves the sandbox's clock on instead of sleeping. */
  sleep: (ms: number) => Promise<void>;
  /** A mutant's variation; the reference client without. */
  behaviour?: Partial<AbhaClientBehaviour>;
}

/** The `abha.journey` action. Input: `{aadhaar, communicationMobile, seed}`; result: the journey report, its txnIds as correlation. */
export function abhaJourneyActions(driver: AbhaJourneyDriver): Map<string, ActorAction> {
  const action: ActorAction = async (input) => {
    const aadhaar = String(input.aadhaar);
    const client = new ReferenceAbhaClient({
      baseUrl: driver.baseUrl,
      clientId: driver.clientId,
      clientSecret: driver.clientSecret,
      clock: driver.clock,
      sleep: driver.sleep,
      rng: rngFor(Number(input.seed ?? 0), 'abha-journey', aadhaar),
      ...(driver.behaviour ? { behaviour: driver.behaviour } : {}),
    });
    const report = await runM1Journey(client, { aadhaar, communicationMobile: String(input.communicationMobile) });
    return { correlation: report.txnIds, data: report };
  };
  return new Map([[ABHA_JOURNEY_ACTION, action]]);
}
