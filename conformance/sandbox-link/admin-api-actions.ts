// The M2 actions of flow-actions.ts for a sandbox reached by URL: each maps onto its admin route (docs/m2-flows.md).
// The routes answer at once with the step's ids; the outcome arrives on the event stream the link already reads,
// so `?wait=true` (which holds the answer up to 10 s) is not needed.
import { adminCallActions, enc, type ActionInput as Input, type AdminCall } from './admin-calls.js';
import type { FlowActionName } from './flow-actions.js';
import type { ActorAction } from './sandbox-link.js';

/** `input` without the fields that went into the path. */
function rest(input: Input, ...used: string[]): Input {
  return Object.fromEntries(Object.entries(input).filter(([k]) => !used.includes(k)));
}

const ROUTES: Record<FlowActionName, (input: Input) => AdminCall> = {
  'patient.discover': (i) => ({ method: 'POST', path: `/sandbox/patients/${enc(i.abhaAddress)}/discover`, body: rest(i, 'abhaAddress') }),
  'patient.link': (i) => ({ method: 'POST', path: `/sandbox/patients/${enc(i.abhaAddress)}/link`, body: rest(i, 'abhaAddress') }),
  'patient.confirm-link': (i) => ({ method: 'POST', path: `/sandbox/patients/${enc(i.abhaAddress)}/link/confirm`, body: rest(i, 'abhaAddress') }),
  'patient.share-profile': (i) => ({ method: 'POST', path: `/sandbox/patients/${enc(i.abhaAddress)}/share-profile`, body: rest(i, 'abhaAddress') }),
  'patient.links': (i) => ({ method: 'GET', path: `/sandbox/patients/${enc(i.abhaAddress)}/links${i.hipId ? `?hipId=${enc(i.hipId)}` : ''}` }),
  'consent.grant': (i) => ({ method: 'POST', path: '/sandbox/consents', body: i }),
  'consent.revoke': (i) => ({ method: 'POST', path: `/sandbox/consents/${enc(i.consentId)}/revoke`, body: {} }),
  'consent.expire': (i) => ({ method: 'POST', path: `/sandbox/consents/${enc(i.consentId)}/expire`, body: {} }),
  'hiu.request-health-information': (i) => ({ method: 'POST', path: '/sandbox/health-information/request', body: i }),
};

/** The M2 actions over the admin API of the sandbox at `base`. A refused call throws with the sandbox's ABDM error. */
export function adminApiActions(base: string): ReadonlyMap<string, ActorAction> {
  return adminCallActions(base, ROUTES);
}
