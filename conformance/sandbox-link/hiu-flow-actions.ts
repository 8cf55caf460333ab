// The M3 actions of the sandbox's virtual patient, consent manager and HIPs toward a HIU, for `ctx.act`: how the
// patient answers consent requests, revoking or expiring a granted consent now (the sandbox clock's timed steps
// without waiting for them), how the virtual HIPs push, and the patient's linked care contexts. In process they
// call sandbox-server/hiu-flows directly; a sandbox reached by URL gets the admin routes of docs/m3-flows.md.
import { careContextsView } from '../../sandbox-server/admin/hiu-flow-admin.js';
import { expireConsentRequest, revokeConsentRequest, setPatientConsentPolicy, setVirtualHipBehaviour } from '../../sandbox-server/hiu-flows/index.js';
import type { Sandbox } from '../../sandbox-server/sandbox.js';
import { adminCallActions, enc, type AdminCall } from './admin-calls.js';
import { actionResult } from './flow-actions.js';
import type { ActorAction } from './sandbox-link.js';

/** Every M3 action, with the admin call it is over HTTP (docs/m3-flows.md) and what follows it. */
export const HIU_FLOW_ACTIONS = {
  'patient.set-consent-policy': 'PUT /sandbox/patients/{abhaAddress}/consent-policy {policy}: how the patient answers their next consent requests',
  'patient.care-contexts': 'GET /sandbox/patients/{abhaAddress}/care-contexts (the care contexts linked to the patient, by HIP, virtual or partner)',
  'consent.revoke-request': 'POST /sandbox/consent-requests/{consentRequestId}/revoke → consent.hiuNotified (REVOKED), consent.hiuAcknowledged',
  'consent.expire-request': 'POST /sandbox/consent-requests/{consentRequestId}/expire → consent.hiuNotified (EXPIRED), consent.hiuAcknowledged',
  'virtualhip.set-behaviour': 'PUT /sandbox/patients/{abhaAddress}/virtual-hip-behaviour {behaviour}: how the virtual HIPs push this patient\'s data',
} as const;

export type HiuFlowActionName = keyof typeof HIU_FLOW_ACTIONS;

type Input = Record<string, unknown>;

/** The M3 actions over a sandbox in this process. */
export function hiuFlowActions(sandbox: Sandbox): ReadonlyMap<string, ActorAction> {
  const { ctx } = sandbox;
  const steps: Record<HiuFlowActionName, (input: Input) => unknown> = {
    'patient.set-consent-policy': (i) => setPatientConsentPolicy(ctx, String(i.abhaAddress), i.policy),
    'patient.care-contexts': (i) => careContextsView(ctx, String(i.abhaAddress)),
    'consent.revoke-request': (i) => revokeConsentRequest(ctx, String(i.consentRequestId)),
    'consent.expire-request': (i) => expireConsentRequest(ctx, String(i.consentRequestId)),
    'virtualhip.set-behaviour': (i) => setVirtualHipBehaviour(ctx, String(i.abhaAddress), i.behaviour),
  };
  return new Map(Object.entries(steps).map(([name, step]) => [name, async (input: Input) => actionResult(step(input))]));
}

const ROUTES: Record<HiuFlowActionName, (input: Input) => AdminCall> = {
  'patient.set-consent-policy': (i) => ({ method: 'PUT', path: `/sandbox/patients/${enc(i.abhaAddress)}/consent-policy`, body: i.policy }),
  'patient.care-contexts': (i) => ({ method: 'GET', path: `/sandbox/patients/${enc(i.abhaAddress)}/care-contexts` }),
  'consent.revoke-request': (i) => ({ method: 'POST', path: `/sandbox/consent-requests/${enc(i.consentRequestId)}/revoke`, body: {} }),
  'consent.expire-request': (i) => ({ method: 'POST', path: `/sandbox/consent-requests/${enc(i.consentRequestId)}/expire`, body: {} }),
  'virtualhip.set-behaviour': (i) => ({ method: 'PUT', path: `/sandbox/patients/${enc(i.abhaAddress)}/virtual-hip-behaviour`, body: i.behaviour }),
};

/** The M3 actions over the admin API of the sandbox at `base`. A refused call throws with the sandbox's ABDM error. */
export function hiuAdminApiActions(base: string): ReadonlyMap<string, ActorAction> {
  return adminCallActions(base, ROUTES);
}
