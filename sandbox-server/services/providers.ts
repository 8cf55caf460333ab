// Provider lookup (spec §3.5, §9.2): what PHR apps use to pick a HIP. Registered partner services come first,
// then the synthetic world's facilities.
import { errors } from '../../protocol/errors.js';
import type { SyntheticFacility } from '../../fixtures/world/types.js';
import type { SandboxContext } from '../context.js';
import type { PartnerService } from '../store/partner-repository.js';

export interface Provider {
  identifier: { name: string; id: string };
  facilityType: Array<'HIP' | 'HIU'>;
  isHip: boolean;
  isHiu: boolean;
  isHealthLocker: boolean;
  isPhr: boolean;
  isGovtEntity: boolean | null;
  endpoints: Record<string, never>;
}

const MAX_RESULTS = 100;

function fromService(service: PartnerService, facility: SyntheticFacility | undefined): Provider {
  const isHip = service.role === 'hip';
  return {
    identifier: { name: service.name, id: service.serviceId },
    facilityType: [isHip ? 'HIP' : 'HIU'],
    isHip,
    isHiu: !isHip,
    isHealthLocker: false,
    isPhr: false,
    isGovtEntity: facility ? facility.ownershipCode === 'G' : null,
    endpoints: {},
  };
}

function fromFacility(facility: SyntheticFacility): Provider {
  const facilityType: Array<'HIP' | 'HIU'> = [];
  if (facility.isHip) facilityType.push('HIP');
  if (facility.isHiu) facilityType.push('HIU');
  return {
    identifier: { name: facility.name, id: facility.id },
    facilityType,
    isHip: facility.isHip,
    isHiu: facility.isHiu,
    isHealthLocker: false,
    isPhr: false,
    isGovtEntity: facility.ownershipCode === 'G',
    endpoints: {},
  };
}

export function searchProviders(ctx: SandboxContext, name: string | undefined): Provider[] {
  const needle = (name ?? '').trim().toLowerCase();
  const seen = new Set<string>();
  const out: Provider[] = [];
  for (const client of ctx.partners.clients()) {
    for (const service of client.services) {
      if (!service.active || !service.name.toLowerCase().includes(needle) || seen.has(service.serviceId)) continue;
      seen.add(service.serviceId);
      out.push(fromService(service, ctx.world.facilityById(service.serviceId)));
    }
  }
  for (const facility of ctx.world.searchFacilities({ name: needle || undefined, limit: MAX_RESULTS })) {
    if (out.length >= MAX_RESULTS) break;
    if (seen.has(facility.id)) continue;
    seen.add(facility.id);
    out.push(fromFacility(facility));
  }
  return out.slice(0, MAX_RESULTS);
}

export function providerById(ctx: SandboxContext, id: string): Provider {
  const service = ctx.partners.service(id);
  if (service) return fromService(service, ctx.world.facilityById(id));
  const facility = ctx.world.facilityById(id);
  if (facility) return fromFacility(facility);
  throw errors.noDataFound(`no provider ${id}: it is neither a registered service nor a facility of the synthetic world`);
}
