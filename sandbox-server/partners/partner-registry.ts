// Registers partner clients and their services (HIP/HIU ids), and authenticates client credentials.
// The same service backs `abdm-sandbox partners add` and `POST /sandbox/partners`.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../protocol/clock.js';
import { AbdmError, errors } from '../../protocol/errors.js';
import type { PartnerRole } from '../../protocol/operations/operation.js';
import type { Rng } from '../../protocol/random.js';
import type { World } from '../../fixtures/world/types.js';
import { hashSecret, verifySecret } from '../auth/secret-hash.js';
import type { PartnerClient, PartnerRepository, PartnerService } from '../store/partner-repository.js';

export interface RegisterPartnerInput {
  role: PartnerRole;
  serviceId: string;
  clientId?: string;
  clientSecret?: string;
  /** Display name; defaults to the facility's name when the service id is an HFR id of the world. */
  name?: string;
  demo?: boolean;
  /** Internal: the secret's stored hash, when it is known in advance (the documented demo secrets). */
  clientSecretHash?: string;
}

export interface RegisteredPartner {
  clientId: string;
  /** Present only when the sandbox generated the secret: it is shown once and stored hashed. */
  generatedSecret?: string;
  service: PartnerService;
  createdClient: boolean;
  createdService: boolean;
}

const SERVICE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}[A-Za-z0-9]$/;
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,63}$/;

function conflict(message: string): AbdmError {
  return new AbdmError('ABDM-9999', 409, message);
}

export class PartnerRegistry {
  constructor(
    private readonly repository: PartnerRepository,
    private readonly world: World,
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  /** Adds a client (if new) and a service bound to it; idempotent for the same client, service and role. */
  async register(input: RegisterPartnerInput): Promise<RegisteredPartner> {
    const problems = validateInput(input);
    if (problems.length > 0) throw errors.invalidBody(problems.join('; '));

    const existingService = this.repository.service(input.serviceId);
    if (existingService && input.clientId && existingService.clientId !== input.clientId) {
      throw conflict(`Service ${input.serviceId} is already associated with client ${existingService.clientId}`);
    }
    if (existingService && existingService.role !== input.role) {
      throw conflict(`Service ${input.serviceId} is already registered as ${existingService.role.toUpperCase()}, not ${input.role.toUpperCase()}`);
    }

    const now = new Date(this.clock.now()).toISOString();
    const clientId = input.clientId ?? existingService?.clientId ?? this.newClientId();
    let client = this.repository.client(clientId);
    let generatedSecret: string | undefined;
    let createdClient = false;
    if (client) {
      if (input.clientSecret !== undefined && !(await verifySecret(input.clientSecret, client.secretHash))) {
        throw conflict(`Client ${clientId} already exists with a different secret; omit clientSecret to add a service to it`);
      }
    } else {
      const secretHash = input.clientSecretHash ?? (await hashSecret(input.clientSecret ?? (generatedSecret = newSecret())));
      client = this.repository.insertClient({ clientId, secretHash, createdAt: now, demo: input.demo ?? false });
      createdClient = true;
    }

    if (existingService) return { clientId, generatedSecret, service: existingService, createdClient, createdService: false };
    const facility = this.world.facilityById(input.serviceId);
    const service = this.repository.insertService({
      serviceId: input.serviceId,
      clientId: client.clientId,
      name: input.name ?? facility?.name ?? input.serviceId,
      role: input.role,
      facilityId: facility?.id,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    return { clientId, generatedSecret, service, createdClient, createdService: true };
  }

  /** The client for a clientId/secret pair; throws the gateway's 401 when they do not match. */
  async authenticate(clientId: string, clientSecret: string): Promise<PartnerClient> {
    const client = this.repository.client(clientId);
    if (!client) throw errors.invalidClient(`unknown clientId ${clientId}; register it with "abdm-sandbox partners add" or POST /sandbox/partners`);
    if (!(await verifySecret(clientSecret, client.secretHash))) throw errors.invalidClient(`wrong clientSecret for ${clientId}`);
    return client;
  }

  client(clientId: string): PartnerClient | undefined {
    return this.repository.client(clientId);
  }

  service(serviceId: string): PartnerService | undefined {
    return this.repository.service(serviceId);
  }

  clients(): PartnerClient[] {
    return this.repository.allClients();
  }

  private newClientId(): string {
    for (;;) {
      const id = `SBX_${String(this.rng.int(1_000_000)).padStart(6, '0')}`;
      if (!this.repository.client(id)) return id;
    }
  }
}

function validateInput(input: RegisterPartnerInput): string[] {
  const problems: string[] = [];
  if (input.role !== 'hip' && input.role !== 'hiu') problems.push(`role must be "hip" or "hiu", not ${JSON.stringify(input.role)}`);
  if (typeof input.serviceId !== 'string' || !SERVICE_ID.test(input.serviceId)) {
    problems.push(`serviceId ${JSON.stringify(input.serviceId)} must be 2-64 letters, digits, "_" or "-", starting and ending with a letter or digit`);
  }
  if (input.clientId !== undefined && (typeof input.clientId !== 'string' || !CLIENT_ID.test(input.clientId))) {
    problems.push(`clientId ${JSON.stringify(input.clientId)} must be 3-64 letters, digits, ".", "_" or "-"`);
  }
  if (input.clientSecret !== undefined && (typeof input.clientSecret !== 'string' || input.clientSecret.length < 8 || input.clientSecret.length > 256)) {
    problems.push('clientSecret must be a string of 8 to 256 characters');
  }
  if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length === 0 || input.name.length > 200)) {
    problems.push('name must be a string of 1 to 200 characters');
  }
  return problems;
}

/** A secret in the shape the real sandbox issues (a UUID); crypto-random, never from the seeded RNG. */
function newSecret(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
