// The admin side of the M3 flows, transport-free: what a consent request became (its artefacts, every notice to
// the HIU with its acknowledgement, the transfers under it), one HIU transfer with what was pushed and reported,
// and a patient's linked care contexts by HIP (what a consent request can cover).
import { errors } from '../../protocol/errors.js';
import type { SandboxContext } from '../context.js';
import type { SandboxEvent } from '../events/event-bus.js';
import { virtualPatient } from '../flows/flow-parties.js';
import { consentRequestById } from '../hiu-flows/consent-lifecycle.js';
import { hipReport } from '../hiu-flows/hiu-health-information-flow.js';
import type { HiuFlowEventType } from '../hiu-flows/hiu-flow-events.js';
import { careContextsByHip } from '../hiu-flows/patient-care-contexts.js';
import { ADMIN_WAIT_MS } from './hip-flow-admin.js';

/** A consent request with its artefacts (status, HIP, how the HIP is played), notices to the HIU and transfers. */
export function consentRequestView(ctx: SandboxContext, consentRequestId: string) {
  const request = consentRequestById(ctx, consentRequestId);
  const artefacts = ctx.store.flows.consentRequests.artefacts(consentRequestId).map((a) => {
    const consent = ctx.store.flows.consents.get(a.consentId)!;
    return { ...a, status: consent.status, hipId: consent.hipId, consentDetail: consent.detail, transfers: ctx.store.flows.hiuTransfers.forConsent(a.consentId).map((t) => t.transactionId) };
  });
  return { ...request, artefacts, notices: ctx.store.flows.consentRequests.notices(consentRequestId) };
}

/** A HIU's health-information request: what was asked, what the HIP side did and reported, the HIU's notify. */
export function hiuTransferView(ctx: SandboxContext, transactionId: string) {
  const transfer = ctx.store.flows.hiuTransfers.get(transactionId);
  if (!transfer) throw errors.noDataFound(`no health-information request ${transactionId} from a HIU`);
  return { ...transfer, hipReport: hipReport(ctx, transfer) };
}

/** The patient's linked care contexts at every HIP, and whether the sandbox or a partner plays each HIP. */
export function careContextsView(ctx: SandboxContext, abhaAddress: string) {
  const patient = virtualPatient(ctx, abhaAddress);
  return { abhaAddress: patient.abhaAddress, hips: careContextsByHip(ctx, patient) };
}

/** The first `type` event correlated with `correlationId` (and matching `match`), or undefined after the admin wait. */
export function waitForHiuFlowEvent(ctx: SandboxContext, type: HiuFlowEventType, correlationId: string, match: (e: SandboxEvent) => boolean = () => true): Promise<SandboxEvent | undefined> {
  return ctx.events.waitFor((e) => e.type === type && e.correlation.includes(correlationId) && match(e), ADMIN_WAIT_MS).catch(() => undefined);
}
