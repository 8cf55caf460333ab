// Prompts for what a HIP does on its own initiative (HIP-initiated linking, care-context and SMS notifies): the
// runner asks the HIP under test through operator endpoints its test build serves, as the reference HIP's
// `/operator` console does. Without them those tests are skipped; nothing else needs them.
import { actionResult } from './flow-actions.js';
import type { ActorAction } from './sandbox-link.js';

/** The prompts, and the call each makes to `{operatorUrl}`; the answer is JSON, with the gateway call's requestId if known. */
export const HIP_OPERATOR_ACTIONS = {
  'hip.link-care-contexts': 'POST {operatorUrl}/link-care-contexts {abhaAddress, careContexts?}: link them with a link token (spec §5.5)',
  'hip.notify-care-context': 'POST {operatorUrl}/notify-care-context {abhaAddress, careContextReference, hiTypes}: context/notify (spec §5.6)',
  'hip.sms-notify': 'POST {operatorUrl}/sms-notify {phoneNo}: sms/notify2 (spec §5.7)',
} as const;

/** The prompts for a HIP whose operator endpoints are at `operatorUrl` (e.g. http://127.0.0.1:9090/operator). */
export function hipOperatorActions(operatorUrl: string): ReadonlyMap<string, ActorAction> {
  const base = operatorUrl.replace(/\/+$/, '');
  return new Map(
    Object.keys(HIP_OPERATOR_ACTIONS).map((name): [string, ActorAction] => [
      name,
      async (input) => {
        const url = `${base}/${name.slice('hip.'.length)}`;
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
        const text = await response.text();
        if (!response.ok) throw new Error(`${name}: POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
        return actionResult(text ? JSON.parse(text) : undefined);
      },
    ]),
  );
}
