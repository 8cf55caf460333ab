// The demo clients every fresh sandbox has, so a developer can get a token in the first minute.
// Their ids and secrets are documented in the README; they are bound to facilities of the synthetic world.
import { DEMO_HIP, DEMO_HIU } from '../../fixtures/partners/demo-credentials.js';
import type { World } from '../../fixtures/world/types.js';
import type { PartnerRegistry, RegisteredPartner } from './partner-registry.js';

export { DEMO_HIP, DEMO_HIU };

// scrypt hashes of the two published secrets, computed once: hashing them at every fresh start cost ~100 ms of boot.
const DEMO_SECRET_HASHES = {
  [DEMO_HIP.clientId]: 'scrypt$16384$8$1$1UfJaZOK2wnfro9c/Z2GbA==$cv5P1Ko7N+7uZHW+oAkMGVF/sKmLWiajfhMpwai1EnE=',
  [DEMO_HIU.clientId]: 'scrypt$16384$8$1$KrKL5c2xu/wpwW7ecBA7fA==$vbM14LigLIITzURMLoouvBwk8vWNF7TM+k9FDvDQfw0=',
} as const;

/** The first hospitals of the world that can act as HIP and as HIU: stable for a given seed. */
export function demoFacilityIds(world: World): { hip: string; hiu: string } {
  let hip: string | undefined;
  let hiu: string | undefined;
  const count = world.options.facilityCount;
  for (let i = 0; i < count && !(hip && hiu); i++) {
    const f = world.facility(i);
    if (f.type !== 'HOSPITAL') continue;
    if (!hip && f.isHip) hip = f.id;
    else if (!hiu && f.isHiu) hiu = f.id;
  }
  if (!hip || !hiu) throw new Error('the synthetic world has no hospital that can be the demo HIP and HIU');
  return { hip, hiu };
}

/** Registers the demo HIP and HIU clients unless they exist; returns what is registered. */
export async function ensureDemoPartners(registry: PartnerRegistry, world: World): Promise<{ hip: RegisteredPartner; hiu: RegisteredPartner }> {
  const existingHip = registry.client(DEMO_HIP.clientId)?.services.find((s) => s.role === 'hip');
  const existingHiu = registry.client(DEMO_HIU.clientId)?.services.find((s) => s.role === 'hiu');
  const ids = existingHip && existingHiu ? { hip: existingHip.serviceId, hiu: existingHiu.serviceId } : demoFacilityIds(world);
  // Existing demo clients are left alone: re-registering would re-check their secrets (scrypt) on every start.
  const hip = existingHip
    ? { clientId: DEMO_HIP.clientId, service: existingHip, createdClient: false, createdService: false }
    : await registry.register({ role: 'hip', serviceId: ids.hip, clientId: DEMO_HIP.clientId, clientSecretHash: DEMO_SECRET_HASHES[DEMO_HIP.clientId], demo: true });
  const hiu = existingHiu
    ? { clientId: DEMO_HIU.clientId, service: existingHiu, createdClient: false, createdService: false }
    : await registry.register({ role: 'hiu', serviceId: ids.hiu, clientId: DEMO_HIU.clientId, clientSecretHash: DEMO_SECRET_HASHES[DEMO_HIU.clientId], demo: true });
  return { hip, hiu };
}
