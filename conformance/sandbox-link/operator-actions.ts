// Prompts for what a partner does on its own initiative (a HIP's initiated linking, care-context and SMS notifies;
// a HIU's consent and data requests): the runner asks the partner under test through operator endpoints its test
// build serves, as the reference HIP's and HIU's `/operator` consoles do. Without them those tests are skipped.
import { actionResult } from './flow-actions.js';
import type { ActorAction } from './sandbox-link.js';

/** The prompts, and the call each makes to `{operatorUrl}`; the answer is JSON, with the gateway call's requestId if known. */
export const HIP_OPERATOR_ACTIONS = {
  'hip.link-care-contexts': 'POST {operatorUrl}/link-care-contexts {abhaAddress, careContexts?}: link them with a link token (spec §5.5)',
  'hip.notify-care-context': 'POST {operatorUrl}/notify-care-context {abhaAddress, careContextReference, hiTypes}: context/notify (spec §5.6)',
  'hip.sms-notify': 'POST {operatorUrl}/sms-notify {phoneNo}: sms/notify2 (spec §5.7)',
} as const;

/** The prompts for a HIU's own initiative: asking a patient for consent, and for the data of an artefact. */
export const HIU_OPERATOR_ACTIONS = {
  'hiu.request-consent': 'POST {operatorUrl}/request-consent {abhaAddress, hiTypes?, purpose?, dateRange?, dataEraseAt?, hipId?} → {consentRequestId}: consent/v3/request/init (spec §6.2), once on-init came',
  'hiu.request-data': 'POST {operatorUrl}/request-data {consentId} → {transactionId}: health-information/request under a fetched artefact (spec §6.6), once on-request came',
} as const;

/** The prompts for a HIP whose operator endpoints are at `operatorUrl` (e.g. http://127.0.0.1:9090/operator). */
export function hipOperatorActions(operatorUrl: string): ReadonlyMap<string, ActorAction> {
  return operatorActions(operatorUrl, 'hip', Object.keys(HIP_OPERATOR_ACTIONS));
}

/** The prompts for a HIU whose operator endpoints are at `operatorUrl` (e.g. http://127.0.0.1:9091/operator). */
export function hiuOperatorActions(operatorUrl: string): ReadonlyMap<string, ActorAction> {
  return operatorActions(operatorUrl, 'hiu', Object.keys(HIU_OPERATOR_ACTIONS));
}

function operatorActions(operatorUrl: string, role: 'hip' | 'hiu', names: string[]): ReadonlyMap<string, ActorAction> {
  const base = operatorUrl.replace(/\/+$/, '');
  return new Map(
    names.map((name): [string, ActorAction] => [
      name,
      async (input) => {
        const url = `${base}/${name.slice(role.length + 1)}`;
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
        const text = await response.text();
        if (!response.ok) throw new Error(`${name}: POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
        return actionResult(text ? JSON.parse(text) : undefined);
      },
    ]),
  );
}
