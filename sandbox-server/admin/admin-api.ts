// The sandbox's own admin API (`/sandbox/...`), transport-free: partners, journal, callbacks, health and
// synthetic-world lookups. Not part of ABDM; this is what makes the sandbox a debugging tool.
import { AbdmError, errors } from '../../protocol/errors.js';
import { callbackById, CALLBACKS } from '../../protocol/operations/table.js';
import type { SandboxContext } from '../context.js';
import type { DeliveryOutcome } from '../dispatch/callback-dispatcher.js';
import { deliveryFaultProblems, type DeliveryFaults } from '../dispatch/delivery-faults.js';
import type { Exchange } from '../journal/exchange.js';
import type { RegisteredPartner } from '../partners/partner-registry.js';
import { rolesOf, type PartnerClient } from '../store/partner-repository.js';
import type { JournalQuery } from '../store/journal-repository.js';
import type { DecryptedEntry } from '../store/health-information-repository.js';

export interface PartnerView {
  clientId: string;
  roles: string[];
  bridgeUrl: string | null;
  bridgeUpdatedAt: string | null;
  demo: boolean;
  createdAt: string;
  services: Array<{ serviceId: string; name: string; role: string; facilityId: string | null; active: boolean }>;
}

export function partnerView(client: PartnerClient): PartnerView {
  return {
    clientId: client.clientId,
    roles: rolesOf(client),
    bridgeUrl: client.bridgeUrl ?? null,
    bridgeUpdatedAt: client.bridgeUpdatedAt ?? null,
    demo: client.demo,
    createdAt: client.createdAt,
    services: client.services.map((s) => ({ serviceId: s.serviceId, name: s.name, role: s.role, facilityId: s.facilityId ?? null, active: s.active })),
  };
}

export function registeredView(r: RegisteredPartner) {
  return {
    clientId: r.clientId,
    ...(r.generatedSecret ? { clientSecret: r.generatedSecret } : {}),
    serviceId: r.service.serviceId,
    role: r.service.role,
    name: r.service.name,
    facilityId: r.service.facilityId ?? null,
    createdClient: r.createdClient,
    createdService: r.createdService,
  };
}

/** Parses `?client=&since=&correlation=&operation=&after=&limit=`; `since` is an ISO time or an exchange id. */
export function parseJournalQuery(params: Record<string, string | undefined>): JournalQuery {
  const q: JournalQuery = {};
  const problems: string[] = [];
  if (params.client) q.clientId = params.client;
  if (params.correlation) q.correlation = params.correlation;
  if (params.operation) q.operationId = params.operation;
  for (const name of ['after', 'since'] as const) {
    const value = params[name];
    if (!value) continue;
    if (/^\d+$/.test(value)) q.afterId = Number(value);
    else if (name === 'since' && !Number.isNaN(Date.parse(value))) q.since = new Date(value).toISOString();
    else problems.push(`${name}=${value} must be an exchange id${name === 'since' ? ' or an ISO-8601 time' : ''}`);
  }
  if (params.limit) {
    const limit = Number(params.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) problems.push(`limit=${params.limit} must be an integer from 1 to 5000`);
    else q.limit = limit;
  }
  if (problems.length > 0) throw new AbdmError('ABDM-1006', 400, `Bad Request: ${problems.join('; ')}`);
  return q;
}

export function journalPage(ctx: SandboxContext, query: JournalQuery): { exchanges: Exchange[]; next: number | null } {
  const exchanges = ctx.journal.query(query);
  const limit = query.limit ?? 200;
  return { exchanges, next: exchanges.length === limit ? exchanges[exchanges.length - 1].id : null };
}

export function exchangeById(ctx: SandboxContext, id: string): Exchange {
  const exchange = /^\d+$/.test(id) ? ctx.journal.get(Number(id)) : undefined;
  if (!exchange) throw errors.noDataFound(`no exchange ${id} in the journal`);
  return exchange;
}

/** What the sandbox decrypted of a page pushed to it (journal exchange `id`): empty for any other exchange. */
export function decryptedEntriesOf(ctx: SandboxContext, id: string): { exchangeId: number; entries: DecryptedEntry[] } {
  const exchange = exchangeById(ctx, id);
  return { exchangeId: exchange.id, entries: ctx.store.flows.transfers.decryptedEntries(exchange.id) };
}

export interface TriggerCallbackInput {
  serviceId?: unknown;
  callback?: unknown;
  body?: unknown;
  /** Wait for the delivery outcome before answering. */
  wait?: unknown;
  /** Deliberate faults for conformance tests: `{token: "forged-key" | "expired", deliveries: 1..3}`. */
  faults?: unknown;
}

/** Sends any declared gateway→bridge call to a partner, to exercise one handler in isolation. */
export async function triggerCallback(ctx: SandboxContext, input: TriggerCallbackInput): Promise<{ requestId: string; outcome?: DeliveryOutcome }> {
  const problems: string[] = [];
  if (typeof input.serviceId !== 'string' || input.serviceId === '') problems.push('serviceId is required');
  if (typeof input.callback !== 'string' || !callbackById(input.callback)) {
    problems.push(`callback must be one of ${CALLBACKS.map((c) => c.id).join(', ')}`);
  }
  if (input.body === null || typeof input.body !== 'object' || Array.isArray(input.body)) problems.push('body must be a JSON object');
  problems.push(...deliveryFaultProblems(input.faults));
  if (problems.length > 0) throw errors.invalidBody(problems.join('; '));
  const faults = input.faults as DeliveryFaults | undefined;
  const dispatch = ctx.dispatcher.send({ callbackId: input.callback as string, serviceId: input.serviceId as string, body: input.body, ...(faults ? { faults } : {}) });
  if (input.wait === true) return { requestId: dispatch.requestId, outcome: await dispatch.outcome };
  return { requestId: dispatch.requestId };
}

/** A synthetic patient by ABHA number (plain or dashed), ABHA address, or population index. */
export function patientLookup(ctx: SandboxContext, id: string) {
  const patient = /^\d{1,12}$/.test(id)
    ? Number(id) < ctx.world.options.population
      ? ctx.world.patient(Number(id))
      : undefined
    : id.includes('@')
      ? ctx.world.patientByAbhaAddress(id)
      : ctx.world.patientByAbhaNumber(id);
  if (!patient) throw errors.noDataFound(`no synthetic patient ${id} (try an ABHA number, an ABHA address or an index below ${ctx.world.options.population})`);
  return { ...patient, facilities: ctx.world.facilitiesVisitedBy(patient.index).map((f) => ({ id: f.id, name: f.name, type: f.type })) };
}

export function facilityLookup(ctx: SandboxContext, id: string) {
  const facility = ctx.world.facilityById(id);
  if (!facility) throw errors.noDataFound(`no synthetic facility ${id}`);
  return facility;
}
