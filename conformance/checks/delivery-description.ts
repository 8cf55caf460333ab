// Says what happened to a gateway→partner call in words a partner developer can act on.
import type { DeliveryOutcome } from '../../sandbox-server/dispatch/callback-dispatcher.js';

/** `HTTP 202 after 1 attempt`, or why the call did not get through, with a hint. */
export function describeDelivery(outcome: DeliveryOutcome, path: string): string {
  const attempts = `${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`;
  if (outcome.delivered) return `HTTP ${outcome.status} after ${attempts}`;
  switch (outcome.failure) {
    case 'no-bridge-url':
      return 'the partner has no bridge URL registered (PATCH /api/hiecm/gateway/v3/bridge/url)';
    case 'timeout':
      return `the bridge did not answer in time (${attempts}); answer 202 at once and do the work afterwards`;
    case 'connection-refused':
      return `connection refused (${attempts}): nothing listens at the bridge URL`;
    case 'http-404':
      return `HTTP 404 (${attempts}): the bridge does not route POST ${path}; the gateway appends /api/v3/... to the registered URL`;
    default:
      return outcome.status !== undefined ? `HTTP ${outcome.status} (${attempts})` : `${outcome.failure ?? 'not delivered'} (${attempts})`;
  }
}
