// When the sandbox plays the caller (patient, consent manager, HIU) there is nobody to fan an error back to:
// an undeliverable call ends the step instead, as an event with the outcome `undeliverable`.
import type { Finding } from '../../protocol/findings.js';
import type { DeliveryOutcome, Dispatch } from '../dispatch/callback-dispatcher.js';

/** Runs `onFailure` once it is known that the call could not be delivered. */
export function whenUndeliverable(dispatch: Dispatch, onFailure: (outcome: DeliveryOutcome) => void): void {
  void dispatch.outcome.then(
    (outcome) => {
      if (!outcome.delivered) onFailure(outcome);
    },
    () => undefined,
  );
}

/** The finding for a call the HIP's bridge did not take. */
export function undeliveredFinding(callbackId: string, serviceId: string, outcome: DeliveryOutcome): Finding {
  return {
    ruleId: 'bridge-unreachable',
    severity: 'error',
    message: `${callbackId} to ${serviceId} was not delivered after ${outcome.attempts} attempt(s) (${outcome.failure ?? 'unknown failure'})`,
  };
}
