// The sandbox link for a running sandbox reached by URL (`abdm-sandbox serve`), through its admin API:
// /sandbox/health, /sandbox/partners, /sandbox/journal, /sandbox/callbacks, /sandbox/signing-key,
// /sandbox/report-signatures, and the /sandbox/events stream, which it opens once and shares between the runner's
// listeners and its own delivery tracking.
import { createWorld } from '../../fixtures/world/world.js';
import type { World } from '../../fixtures/world/types.js';
import type { ReportKeyInfo, ReportSigner } from '../../sandbox-server/auth/report-signing-key.js';
import type { DeliveryOutcome } from '../../sandbox-server/dispatch/callback-dispatcher.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import type { JournalQuery } from '../../sandbox-server/store/journal-repository.js';
import type { ActionResult, PartnerCall, SandboxInfo } from '../dsl/test-context.js';
import { ConfigError } from '../runner/config-error.js';
import { EventStreamParser } from './event-stream-parser.js';
import { adminApiActions } from './admin-api-actions.js';
import { hiuAdminApiActions } from './hiu-flow-actions.js';
import { ActionUnavailable, type ActorAction, type CallPartnerRequest, type PartnerRecord, type PartnerRegistration, type SandboxLink } from './sandbox-link.js';
import type { DecryptedEntry } from '../../sandbox-server/store/health-information-repository.js';

const PAGE = 5000;

interface HealthBody {
  status: string;
  version?: string;
  seed: number;
  population: number;
  facilities?: number;
  professionals?: number;
  referenceDate?: string;
  publicUrl: string;
  cmId: string;
}

interface PartnersBody {
  partners: Array<{ clientId: string; bridgeUrl: string | null; services: Array<{ serviceId: string; role: 'hip' | 'hiu' }> }>;
}

export class RemoteSandboxLink implements SandboxLink {
  readonly mode = 'remote' as const;
  private readonly listeners = new Set<(event: SandboxEvent) => void>();
  /** Delivery outcomes (callback.delivered / undeliverable) by REQUEST-ID, and who waits for them. */
  private readonly deliveries = new Map<string, SandboxEvent>();
  private readonly deliveryWaiters = new Map<string, { resolve: (event: SandboxEvent) => void; reject: (err: Error) => void }>();
  /** Set when the event stream ends: delivery outcomes can no longer be known. */
  private streamEnded = false;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly stream = new AbortController();
  private readonly actionMap: ReadonlyMap<string, ActorAction>;
  private syntheticWorld?: World;

  private constructor(
    private readonly base: string,
    private readonly health: HealthBody,
    /** Sandbox clock minus ours, estimated from the HTTP Date header (second resolution). */
    private readonly clockOffsetMs: number,
    extraActions: ReadonlyMap<string, ActorAction>,
  ) {
    this.actionMap = new Map([...adminApiActions(base), ...hiuAdminApiActions(base), ...extraActions]);
  }

  /**
   * Checks that a sandbox answers at `url` and opens its event stream. The M2 actions map onto its admin API;
   * `actions` adds others (prompts of the partner under test).
   */
  static async connect(url: string, options: { actions?: ReadonlyMap<string, ActorAction> } = {}): Promise<RemoteSandboxLink> {
    const base = url.replace(/\/+$/, '');
    const sent = Date.now();
    let response: Response;
    try {
      response = await fetch(`${base}/sandbox/health`);
    } catch (err) {
      throw new ConfigError(`no sandbox answers at ${base} (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message}); start one with "abdm-sandbox serve" or drop --sandbox`);
    }
    const health = (await response.json().catch(() => undefined)) as HealthBody | undefined;
    if (!response.ok || health?.status !== 'UP') throw new ConfigError(`${base}/sandbox/health answered ${response.status}: not a ready abdm-sandbox`);
    const date = Date.parse(response.headers.get('date') ?? '');
    const offset = Number.isNaN(date) ? 0 : date + 500 - (sent + Date.now()) / 2;
    const link = new RemoteSandboxLink(base, health, Math.abs(offset) > 1500 ? offset : 0, options.actions ?? new Map());
    await link.openStream();
    return link;
  }

  async info(): Promise<SandboxInfo> {
    const h = this.health;
    return { mode: this.mode, url: this.base, publicUrl: h.publicUrl, version: h.version ?? 'unknown', seed: h.seed, population: h.population, cmId: h.cmId };
  }

  /** The world rebuilt from the sandbox's health answer (seed, sizes, reference date): the same one it serves. */
  async world(): Promise<World> {
    const h = this.health;
    this.syntheticWorld ??= createWorld({ seed: h.seed, population: h.population, facilityCount: h.facilities, professionalCount: h.professionals, referenceDate: h.referenceDate });
    return this.syntheticWorld;
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  async service(serviceId: string): Promise<PartnerRecord | undefined> {
    const { partners } = await this.json<PartnersBody>('GET', '/sandbox/partners');
    for (const client of partners) {
      const service = client.services.find((s) => s.serviceId === serviceId);
      if (service) return { clientId: client.clientId, serviceId, role: service.role, ...(client.bridgeUrl ? { bridgeUrl: client.bridgeUrl } : {}) };
    }
    return undefined;
  }

  async registerPartner(r: PartnerRegistration): Promise<void> {
    await this.json('POST', '/sandbox/partners', { role: r.role, serviceId: r.serviceId, clientId: r.clientId, clientSecret: r.clientSecret });
  }

  async exchanges(query: Omit<JournalQuery, 'limit'>): Promise<Exchange[]> {
    const out: Exchange[] = [];
    let after = query.afterId;
    for (;;) {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (query.clientId) params.set('client', query.clientId);
      if (query.correlation) params.set('correlation', query.correlation);
      if (query.operationId) params.set('operation', query.operationId);
      if (query.since) params.set('since', query.since);
      if (after !== undefined) params.set('after', String(after));
      const page = await this.json<{ exchanges: Exchange[]; next: number | null }>('GET', `/sandbox/journal?${params}`);
      out.push(...page.exchanges);
      if (page.next === null) return out;
      after = page.next;
    }
  }

  async exchange(id: number): Promise<Exchange | undefined> {
    const response = await fetch(`${this.base}/sandbox/journal/${id}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`GET /sandbox/journal/${id} answered ${response.status}`);
    return (await response.json()) as Exchange;
  }

  async decryptedEntries(id: number): Promise<DecryptedEntry[]> {
    return (await this.json<{ entries: DecryptedEntry[] }>('GET', `/sandbox/journal/${id}/decrypted`)).entries;
  }

  async subscribe(listener: (event: SandboxEvent) => void): Promise<() => void> {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async callPartner(request: CallPartnerRequest): Promise<Omit<PartnerCall, 'correlation'>> {
    const { requestId } = await this.json<{ requestId: string }>('POST', '/sandbox/callbacks', {
      serviceId: request.serviceId,
      callback: request.callbackId,
      body: request.body,
      ...(request.faults ? { faults: request.faults } : {}),
    });
    const outcome = this.outcomeOf(requestId, request.callbackId);
    this.pending.add(outcome);
    void outcome.finally(() => this.pending.delete(outcome)).catch(() => undefined);
    return { requestId, outcome };
  }

  actions(): ReadonlySet<string> {
    return new Set(this.actionMap.keys());
  }

  async act(action: string, input: Record<string, unknown>): Promise<ActionResult> {
    const run = this.actionMap.get(action);
    if (!run) throw new ActionUnavailable(action);
    return run(input);
  }

  reportSigner(): ReportSigner {
    return {
      key: () => this.json<ReportKeyInfo>('GET', '/sandbox/signing-key'),
      signManifest: async (request) => (await this.json<{ jws: string }>('POST', '/sandbox/report-signatures', request)).jws,
    };
  }

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.stream.abort();
  }

  /** The delivery outcome, from the sandbox's delivery event and the journal's record of the attempts. */
  private async outcomeOf(requestId: string, callbackId: string): Promise<DeliveryOutcome> {
    const event =
      this.deliveries.get(requestId) ??
      (await new Promise<SandboxEvent>((resolve, reject) => {
        if (this.streamEnded) reject(new Error(`the sandbox's event stream closed: the delivery outcome of ${requestId} is unknown`));
        else this.deliveryWaiters.set(requestId, { resolve, reject });
      }));
    this.deliveries.delete(requestId);
    const attempts = (await this.exchanges({ correlation: requestId, operationId: callbackId })).filter((e) => e.direction === 'outbound' && e.requestId === requestId);
    const last = attempts[attempts.length - 1];
    const delivered = event.type === 'callback.delivered';
    return {
      requestId,
      delivered,
      ...(last?.status !== undefined ? { status: last.status } : {}),
      attempts: Number(event.data.attempts ?? attempts.length),
      exchangeIds: attempts.map((e) => e.id),
      ...(delivered ? {} : { failure: String(event.data.failure ?? 'undeliverable') }),
    };
  }

  private async openStream(): Promise<void> {
    const response = await fetch(`${this.base}/sandbox/events`, { signal: this.stream.signal, headers: { accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new ConfigError(`${this.base}/sandbox/events answered ${response.status}`);
    const parser = new EventStreamParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    // The greeting comment arrives first: once it is read, the stream is live and no event can be missed.
    let live: () => void = () => undefined;
    const isLive = new Promise<void>((resolve) => (live = resolve));
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const sse of parser.push(decoder.decode(value, { stream: true }))) this.dispatch(JSON.parse(sse.data) as SandboxEvent);
          if (parser.comments > 0) live();
        }
      } catch {
        // aborted by close(), or the sandbox went away: event waits then time out and say so
      } finally {
        this.streamEnded = true;
        for (const [requestId, waiter] of this.deliveryWaiters) waiter.reject(new Error(`the sandbox's event stream closed: the delivery outcome of ${requestId} is unknown`));
        this.deliveryWaiters.clear();
        live();
      }
    })();
    await isLive;
  }

  private dispatch(event: SandboxEvent): void {
    if (event.type === 'callback.delivered' || event.type === 'callback.undeliverable') {
      const requestId = event.correlation[0];
      const waiter = this.deliveryWaiters.get(requestId);
      if (waiter) {
        this.deliveryWaiters.delete(requestId);
        waiter.resolve(event);
      } else {
        // Kept for a callPartner whose answer is still on its way; a shared sandbox streams everyone's deliveries.
        this.deliveries.set(requestId, event);
        if (this.deliveries.size > 10_000) this.deliveries.delete(this.deliveries.keys().next().value!);
      }
    }
    for (const listener of this.listeners) listener(event);
  }

  private async json<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) {
      const message = `${method} ${path.split('?')[0]} answered ${response.status}: ${text.slice(0, 300)}`;
      throw response.status < 500 ? new ConfigError(message) : new Error(message);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
