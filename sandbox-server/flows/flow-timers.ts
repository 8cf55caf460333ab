// What happens in the flows with the passing of time alone: consents expire at their dataEraseAt by the sandbox
// clock. A sweep runs at start-up (consents that expired while the sandbox was down) and then every second.
import type { SandboxContext } from '../context.js';
import { expireDueConsents } from './consent-flow.js';

export const CONSENT_SWEEP_INTERVAL_MS = 1_000;

/** Starts the sweeps; returns the function that stops them. */
export function startFlowTimers(ctx: SandboxContext): () => void {
  const sweep = () => {
    try {
      expireDueConsents(ctx);
    } catch (err) {
      console.error('abdm-sandbox: consent expiry sweep failed:', err);
    }
  };
  sweep();
  const timer = setInterval(sweep, CONSENT_SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
