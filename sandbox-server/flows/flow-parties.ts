// Who takes part in a flow the sandbox plays: the virtual patient (an ABHA account: synthetic, or enrolled through
// the ABHA service, or a self-declared ABHA address), the HIP it talks to (a registered partner service), and the
// virtual HIU that receives data.
import { AbdmError, errors } from '../../protocol/errors.js';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import type { Address, Gender, PersonName } from '../../fixtures/world/types.js';
import { abhaIdentityByAddress } from '../abha/account-lookup.js';
import type { SandboxContext } from '../context.js';
import type { PartnerService } from '../store/partner-repository.js';

/** The HIU the sandbox plays when it requests data from a HIP: not a registered partner, so no bridge is called. */
export const VIRTUAL_HIU = { id: 'SBX_VIRTUAL_HIU', name: 'abdm-sandbox virtual HIU' } as const;

/** The person a flow acts for, as the consent manager knows them from ABHA. */
export interface FlowPatient {
  /** The ABHA address the flow was asked about, lower case. */
  abhaAddress: string;
  /** 14 digits; absent for a self-declared ABHA address (no ABHA number). */
  abhaNumber?: string;
  name: PersonName;
  gender: Gender;
  yearOfBirth: number;
  monthOfBirth?: number;
  dayOfBirth?: number;
  mobile: string;
  address: Address;
  /** The patient's index in the synthetic population: their visits (care contexts) and records hang off it. */
  worldIndex?: number;
}

/** Whoever holds this ABHA address, stored accounts first (abha/account-lookup.ts); a 404 naming it when nobody does. */
export function virtualPatient(ctx: SandboxContext, abhaAddress: unknown): FlowPatient {
  const identity = typeof abhaAddress === 'string' ? abhaIdentityByAddress(ctx, abhaAddress) : undefined;
  if (!identity) {
    throw new AbdmError('ABDM-1051', 404, `Invalid ABHA Number or ABHA Address: no ABHA account ${JSON.stringify(abhaAddress)} in this sandbox (see GET /sandbox/patients/{index})`);
  }
  if (identity.kind === 'self-declared') {
    const a = identity.address;
    return { abhaAddress: a.abhaAddress.toLowerCase(), name: a.name, gender: a.gender, yearOfBirth: a.yearOfBirth, monthOfBirth: a.monthOfBirth, dayOfBirth: a.dayOfBirth, mobile: a.mobile, address: a.address };
  }
  const { account } = identity;
  return {
    abhaAddress: identity.abhaAddress,
    abhaNumber: account.abhaNumber,
    name: account.name,
    gender: account.gender,
    yearOfBirth: account.yearOfBirth,
    monthOfBirth: account.monthOfBirth,
    dayOfBirth: account.dayOfBirth,
    mobile: account.mobile,
    address: account.address,
    ...(account.worldIndex !== undefined ? { worldIndex: account.worldIndex } : {}),
  };
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
export function verifiedIdentifiers(patient: FlowPatient): Array<{ type: string; value: string }> {
  const out = [{ type: 'MOBILE', value: `+91${patient.mobile}` }];
  if (patient.abhaNumber) out.push({ type: 'ABHA_NUMBER', value: formatAbhaNumber(patient.abhaNumber) });
  return out;
}
