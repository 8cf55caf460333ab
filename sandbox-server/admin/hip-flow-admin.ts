// The admin side of the M2 flows, transport-free: what the virtual patient and HIU have done (consents, links,
// transfers with their verdicts), and waiting for a step to finish so a curl user gets the outcome in one call.
import { errors } from '../../protocol/errors.js';
import type { SandboxContext } from '../context.js';
import type { SandboxEvent } from '../events/event-bus.js';
import { consentById } from '../flows/consent-flow.js';
import type { FlowEventType } from '../flows/flow-events.js';
import { virtualPatient } from '../flows/flow-parties.js';

/** How long `?wait=true` waits for a step's outcome before answering 202 with the ids. */
export const ADMIN_WAIT_MS = 10_000;

/** A consent and every notification sent about it, with the HIP's answers. */
export function consentView(ctx: SandboxContext, consentId: string) {
  const consent = consentById(ctx, consentId);
  return { ...consent, notices: ctx.store.flows.consents.notices(consentId) };
}

/** The care contexts linked to the patient, at one HIP or (without hipId) at every registered HIP. */
export function linksView(ctx: SandboxContext, abhaAddress: string, hipId: string | undefined) {
  const patient = virtualPatient(ctx, abhaAddress);
  const hips = hipId ? [hipId] : ctx.partners.clients().flatMap((c) => c.services.filter((s) => s.role === 'hip').map((s) => s.serviceId));
  return { abhaAddress: patient.abhaAddress, links: hips.flatMap((h) => ctx.store.flows.links.forPatient(patient.abhaAddress, h)) };
}

/** A health-information transfer: the request (without the virtual HIU's private key), each page and each entry's verdict. */
export function transferView(ctx: SandboxContext, transactionId: string) {
  const transfer = ctx.store.flows.transfers.get(transactionId);
  if (!transfer) throw errors.noDataFound(`no health-information transfer ${transactionId}`);
  const { privateKey: _secret, ...shown } = transfer;
  return { ...shown, pushes: ctx.store.flows.transfers.pushes(transactionId), verdicts: ctx.store.flows.transfers.verdicts(transactionId) };
}

/** A discovery and what the HIP answered. */
export function discoveryView(ctx: SandboxContext, transactionId: string) {
  const discovery = ctx.store.flows.discoveries.byTransactionId(transactionId);
  if (!discovery) throw errors.noDataFound(`no discovery ${transactionId}`);
  return discovery;
}

/**
 * Resolves with the first `type` event carrying `correlationId`, or undefined after `timeoutMs`. Subscribe right
 * after starting a step: outcomes are delivered after the current turn, so none can be missed.
 */
export function waitForFlowEvent(ctx: SandboxContext, type: FlowEventType, correlationId: string, timeoutMs = ADMIN_WAIT_MS): Promise<SandboxEvent | undefined> {
  return ctx.events.waitFor((e) => e.type === type && e.correlation.includes(correlationId), timeoutMs).catch(() => undefined);
}
