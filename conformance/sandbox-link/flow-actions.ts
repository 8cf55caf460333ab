// The virtual actors' actions for the M2 flows, by the names tests use with `ctx.act`: the virtual patient, the
// consent manager and the virtual HIU toward a HIP. In process they call sandbox-server/flows directly; a sandbox
// reached by URL maps the same names onto its admin API (admin-api-actions.ts), so both run the same tests.
import type { Sandbox } from '../../sandbox-server/sandbox.js';
import { linksView } from '../../sandbox-server/admin/hip-flow-admin.js';
import {
  confirmLink,
  expireConsent,
  grantConsent,
  initLink,
  requestHealthInformation,
  revokeConsent,
  shareProfile,
  startDiscovery,
  type DiscoverInput,
  type GrantConsentInput,
  type HealthInformationRequestInput,
  type LinkConfirmInput,
  type LinkInitInput,
  type ShareProfileInput,
} from '../../sandbox-server/flows/index.js';
import type { ActionResult } from '../dsl/test-context.js';
import type { ActorAction } from './sandbox-link.js';

/** Every M2 action, with the admin call it is over HTTP (docs/m2-flows.md) and the event its outcome arrives as. */
export const FLOW_ACTIONS = {
  'patient.discover': 'POST /sandbox/patients/{abhaAddress}/discover → discovery.completed',
  'patient.link': 'POST /sandbox/patients/{abhaAddress}/link → link.initiated',
  'patient.confirm-link': 'POST /sandbox/patients/{abhaAddress}/link/confirm → link.confirmed',
  'patient.share-profile': 'POST /sandbox/patients/{abhaAddress}/share-profile → profile.shared',
  'patient.links': 'GET /sandbox/patients/{abhaAddress}/links?hipId= (the care contexts linked to the patient)',
  'consent.grant': 'POST /sandbox/consents → consent.acknowledged',
  'consent.revoke': 'POST /sandbox/consents/{consentId}/revoke → consent.acknowledged',
  'consent.expire': 'POST /sandbox/consents/{consentId}/expire → consent.acknowledged',
  'hiu.request-health-information': 'POST /sandbox/health-information/request → data.acknowledged, data.pushed, transfer.notified',
} as const;

export type FlowActionName = keyof typeof FLOW_ACTIONS;

type Input = Record<string, unknown>;

/** The ABDM ids a step started (what its events carry), and the step's answer as data. */
export function actionResult(data: unknown): ActionResult {
  const d = (data ?? {}) as Record<string, unknown>;
  const correlation = ['requestId', 'transactionId', 'consentId'].map((k) => d[k]).filter((v): v is string => typeof v === 'string' && v !== '');
  return { correlation, data };
}

/** The M2 actions over a sandbox in this process. */
export function flowActions(sandbox: Sandbox): ReadonlyMap<string, ActorAction> {
  const { ctx } = sandbox;
  const steps: Record<FlowActionName, (input: Input) => unknown> = {
    'patient.discover': (i) => startDiscovery(ctx, i as unknown as DiscoverInput),
    'patient.link': (i) => initLink(ctx, i as unknown as LinkInitInput),
    'patient.confirm-link': (i) => confirmLink(ctx, i as unknown as LinkConfirmInput),
    'patient.share-profile': (i) => shareProfile(ctx, i as unknown as ShareProfileInput),
    'patient.links': (i) => linksView(ctx, String(i.abhaAddress), typeof i.hipId === 'string' ? i.hipId : undefined),
    'consent.grant': (i) => grantConsent(ctx, i as unknown as GrantConsentInput),
    'consent.revoke': (i) => revokeConsent(ctx, String(i.consentId)),
    'consent.expire': (i) => expireConsent(ctx, String(i.consentId)),
    'hiu.request-health-information': (i) => requestHealthInformation(ctx, i as unknown as HealthInformationRequestInput),
  };
  return new Map(Object.entries(steps).map(([name, step]) => [name, async (input: Input) => actionResult(step(input))]));
}
