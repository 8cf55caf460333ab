// The care contexts a patient has linked, HIP by HIP: what a consent request can cover. Every patient of the
// synthetic world has their visits linked already (computed from the world, never stored), so a HIU can be tested
// without running a HIP; links made through the M2 flows (by the patient or by HIPs) are added from the store.
// A HIP is played by the sandbox (virtual) unless it is a registered partner HIP with a bridge URL.
import type { SandboxContext } from '../context.js';
import type { FlowPatient } from '../flows/flow-parties.js';
import type { HipMode } from '../store/consent-request-repository.js';

export interface PatientCareContext {
  careContextReference: string;
  patientReference: string;
  hiType?: string;
  display?: string;
  /** When the visit happened (world care contexts); links made by HIPs do not say. */
  date?: string;
}

export interface HipCareContexts {
  hipId: string;
  hipName: string;
  mode: HipMode;
  careContexts: PatientCareContext[];
}

/** The patient's linked care contexts at every HIP, HIPs by id and care contexts by reference. */
export function careContextsByHip(ctx: SandboxContext, patient: FlowPatient): HipCareContexts[] {
  const byHip = new Map<string, Map<string, PatientCareContext>>();
  const add = (hipId: string, c: PatientCareContext) => {
    let refs = byHip.get(hipId);
    if (!refs) byHip.set(hipId, (refs = new Map()));
    if (!refs.has(c.careContextReference)) refs.set(c.careContextReference, c);
  };
  if (patient.worldIndex !== undefined) {
    for (const facility of ctx.world.facilitiesVisitedBy(patient.worldIndex)) {
      for (const c of ctx.world.careContexts(patient.worldIndex, facility.id)) {
        add(facility.id, { careContextReference: c.referenceNumber, patientReference: c.patientReference, hiType: c.hiType, display: c.display, date: c.date });
      }
    }
  }
  for (const link of ctx.store.flows.links.ofPatient(patient.abhaAddress)) {
    add(link.hipId, { careContextReference: link.careContextReference, patientReference: link.patientReference, hiType: link.hiType, display: link.display });
  }
  return [...byHip.keys()].sort().map((hipId) => ({
    hipId,
    hipName: hipNameOf(ctx, hipId),
    mode: hipModeOf(ctx, hipId),
    careContexts: [...byHip.get(hipId)!.values()].sort((a, b) => (a.careContextReference < b.careContextReference ? -1 : a.careContextReference > b.careContextReference ? 1 : 0)),
  }));
}

/** `partner` when a registered, active HIP with a bridge URL serves `hipId`; otherwise the sandbox plays it. */
export function hipModeOf(ctx: SandboxContext, hipId: string): HipMode {
  const service = ctx.partners.service(hipId);
  if (!service || !service.active || service.role !== 'hip') return 'virtual';
  return ctx.partners.client(service.clientId)?.bridgeUrl ? 'partner' : 'virtual';
}

/** The HIP's name: the registered service's, else the world facility's, else its id. */
export function hipNameOf(ctx: SandboxContext, hipId: string): string {
  return ctx.partners.service(hipId)?.name ?? ctx.world.facilityById(hipId)?.name ?? hipId;
}
