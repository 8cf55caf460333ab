// What happens in the flows with the passing of time alone: consents expire at their dataEraseAt by the sandbox
// clock, and the HIU flows' timed steps run (decisions, revocations, missing notifies). A sweep runs at start-up
// (what fell due while the sandbox was down) and then every second.
import type { SandboxContext } from '../context.js';
import { sweepHiuFlows } from '../hiu-flows/hiu-flow-sweep.js';
import { expireDueConsents } from './consent-flow.js';

export const CONSENT_SWEEP_INTERVAL_MS = 1_000;

/** Starts the sweeps; returns the function that stops them. */
export function startFlowTimers(ctx: SandboxContext): () => void {
  const sweep = () => {
    try {
      // First: artefacts of HIU consent requests expire there, telling the HIU as well as the HIP.
      sweepHiuFlows(ctx);
      expireDueConsents(ctx);
    } catch (err) {
      console.error('abdm-sandbox: flow sweep failed:', err);
    }
  };
  sweep();
  const timer = setInterval(sweep, CONSENT_SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
