// Partner clients, their services (HIP/HIU ids) and bridge URLs. Few rows, read on every call,
// so the whole set is kept in memory and written through to SQLite.
import type { PartnerRole } from '../../protocol/operations/operation.js';
import type { Db } from './database.js';

export interface PartnerService {
  /** Registration order, the numeric `id` the v3 bridge-service lookup returns. */
  seq: number;
  serviceId: string;
  clientId: string;
  name: string;
  role: PartnerRole;
  /** The HFR facility this service stands for, when it is one. */
  facilityId?: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerClient {
  clientId: string;
  secretHash: string;
  bridgeUrl?: string;
  bridgeUpdatedAt?: string;
  createdAt: string;
  demo: boolean;
  services: PartnerService[];
}

interface ClientRow {
  client_id: string;
  secret_hash: string;
  bridge_url: string | null;
  bridge_updated_at: string | null;
  created_at: string;
  demo: number;
}

interface ServiceRow {
  seq: number;
  service_id: string;
  client_id: string;
  name: string;
  role: PartnerRole;
  facility_id: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

/** The roles a client holds: one per kind of service registered to it. */
export function rolesOf(client: PartnerClient): PartnerRole[] {
  return [...new Set(client.services.filter((s) => s.active).map((s) => s.role))].sort();
}

export class PartnerRepository {
  private readonly clients = new Map<string, PartnerClient>();
  private readonly services = new Map<string, PartnerService>();
  private readonly setBridgeUrlStmt;

  constructor(private readonly db: Db) {
    this.setBridgeUrlStmt = db.prepare('UPDATE clients SET bridge_url = ?, bridge_updated_at = ? WHERE client_id = ?');
    for (const row of db.prepare<[], ClientRow>('SELECT * FROM clients ORDER BY client_id').all()) {
      this.clients.set(row.client_id, fromClientRow(row));
    }
    for (const row of db.prepare<[], ServiceRow>('SELECT * FROM services ORDER BY seq').all()) {
      const service = fromServiceRow(row);
      this.services.set(service.serviceId, service);
      this.clients.get(service.clientId)?.services.push(service);
    }
  }

  // Reads fall through to SQLite on a miss: `abdm-sandbox partners add` may write to the store of a running sandbox.
  client(clientId: string): PartnerClient | undefined {
    return this.clients.get(clientId) ?? this.loadClient(clientId);
  }

  service(serviceId: string): PartnerService | undefined {
    return this.services.get(serviceId) ?? this.loadService(serviceId);
  }

  allClients(): PartnerClient[] {
    for (const row of this.db.prepare<[], { client_id: string }>('SELECT client_id FROM clients').all()) this.client(row.client_id);
    for (const row of this.db.prepare<[], { service_id: string }>('SELECT service_id FROM services').all()) this.service(row.service_id);
    return [...this.clients.values()].sort((a, b) => a.clientId.localeCompare(b.clientId));
  }

  private loadClient(clientId: string): PartnerClient | undefined {
    const row = this.db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE client_id = ?').get(clientId);
    if (!row) return undefined;
    const client = fromClientRow(row);
    this.clients.set(client.clientId, client);
    for (const serviceRow of this.db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE client_id = ? ORDER BY seq').all(clientId)) {
      const service = fromServiceRow(serviceRow);
      this.services.set(service.serviceId, service);
      client.services.push(service);
    }
    return client;
  }

  private loadService(serviceId: string): PartnerService | undefined {
    const row = this.db.prepare<[string], ServiceRow>('SELECT * FROM services WHERE service_id = ?').get(serviceId);
    if (!row) return undefined;
    const client = this.client(row.client_id);
    const existing = this.services.get(serviceId);
    if (existing) return existing; // loading the client loaded its services
    const service = fromServiceRow(row);
    this.services.set(service.serviceId, service);
    client?.services.push(service);
    return service;
  }

  insertClient(client: Omit<PartnerClient, 'services'>): PartnerClient {
    this.db
      .prepare('INSERT INTO clients (client_id, secret_hash, bridge_url, bridge_updated_at, created_at, demo) VALUES (?, ?, ?, ?, ?, ?)')
      .run(client.clientId, client.secretHash, client.bridgeUrl ?? null, client.bridgeUpdatedAt ?? null, client.createdAt, client.demo ? 1 : 0);
    const stored = { ...client, services: [] };
    this.clients.set(client.clientId, stored);
    return stored;
  }

  insertService(service: Omit<PartnerService, 'seq'>): PartnerService {
    const info = this.db
      .prepare('INSERT INTO services (service_id, client_id, name, role, facility_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(service.serviceId, service.clientId, service.name, service.role, service.facilityId ?? null, service.active ? 1 : 0, service.createdAt, service.updatedAt);
    const stored: PartnerService = { ...service, seq: Number(info.lastInsertRowid) };
    this.services.set(stored.serviceId, stored);
    this.clients.get(stored.clientId)?.services.push(stored);
    return stored;
  }

  setBridgeUrl(clientId: string, url: string, at: string): void {
    this.setBridgeUrlStmt.run(url, at, clientId);
    const client = this.clients.get(clientId);
    if (client) {
      client.bridgeUrl = url;
      client.bridgeUpdatedAt = at;
    }
  }

  setSecretHash(clientId: string, secretHash: string): void {
    this.db.prepare('UPDATE clients SET secret_hash = ? WHERE client_id = ?').run(secretHash, clientId);
    const client = this.clients.get(clientId);
    if (client) client.secretHash = secretHash;
  }
}

function fromClientRow(row: ClientRow): PartnerClient {
  return {
    clientId: row.client_id,
    secretHash: row.secret_hash,
    bridgeUrl: row.bridge_url ?? undefined,
    bridgeUpdatedAt: row.bridge_updated_at ?? undefined,
    createdAt: row.created_at,
    demo: row.demo === 1,
    services: [],
  };
}

function fromServiceRow(row: ServiceRow): PartnerService {
  return {
    seq: row.seq,
    serviceId: row.service_id,
    clientId: row.client_id,
    name: row.name,
    role: row.role,
    facilityId: row.facility_id ?? undefined,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
