// Who takes part in a flow the sandbox plays: the virtual patient (an ABHA account of the synthetic world), the
// HIP it talks to (a registered partner service), and the virtual HIU that receives data.
import { AbdmError, errors } from '../../protocol/errors.js';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import type { SyntheticPatient } from '../../fixtures/world/types.js';
import type { SandboxContext } from '../context.js';
import type { PartnerService } from '../store/partner-repository.js';

/** The HIU the sandbox plays when it requests data from a HIP: not a registered partner, so no bridge is called. */
export const VIRTUAL_HIU = { id: 'SBX_VIRTUAL_HIU', name: 'abdm-sandbox virtual HIU' } as const;

/** The world's patient with this ABHA address; a 404 naming it when there is none. */
export function virtualPatient(ctx: SandboxContext, abhaAddress: unknown): SyntheticPatient {
  const patient = typeof abhaAddress === 'string' ? ctx.world.patientByAbhaAddress(abhaAddress) : undefined;
  if (!patient) {
    throw new AbdmError('ABDM-1051', 404, `Invalid ABHA Number or ABHA Address: no ABHA account ${JSON.stringify(abhaAddress)} in this sandbox's world (see GET /sandbox/patients/{index})`);
  }
  return patient;
}

/** A registered, active HIP service: the sandbox can only call a HIP whose client has a bridge. */
export function hipService(ctx: SandboxContext, hipId: unknown): PartnerService {
  if (typeof hipId !== 'string' || hipId === '') throw errors.invalidBody('hipId is required: the HIP service id to talk to');
  const service = ctx.partners.service(hipId);
  if (!service || !service.active) throw errors.invalidHipId(`${hipId} is not a HIP registered in this sandbox; register it with POST /sandbox/partners {role:"hip", serviceId}`);
  if (service.role !== 'hip') throw errors.invalidHipId(`${hipId} is registered as ${service.role.toUpperCase()}, not HIP`);
  return service;
}

/** The patient's verified identifiers as a PHR app sends them: mobile with +91, ABHA number dashed (spec §5.1). */
export function verifiedIdentifiers(patient: SyntheticPatient): Array<{ type: string; value: string }> {
  return [
    { type: 'MOBILE', value: `+91${patient.mobile}` },
    { type: 'ABHA_NUMBER', value: formatAbhaNumber(patient.abhaNumber) },
  ];
}
