// The sandbox link for a sandbox in this process (`createSandbox`/`serveSandbox`): direct calls into its journal,
// event bus, partner registry and dispatcher.
import type { World } from '../../fixtures/world/types.js';
import type { ReportSigner } from '../../sandbox-server/auth/report-signing-key.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import type { Sandbox } from '../../sandbox-server/sandbox.js';
import type { DecryptedEntry } from '../../sandbox-server/store/health-information-repository.js';
import type { JournalQuery } from '../../sandbox-server/store/journal-repository.js';
import { SANDBOX_VERSION } from '../../sandbox-server/version.js';
import type { ActionResult, PartnerCall, SandboxInfo } from '../dsl/test-context.js';
import {
  ActionUnavailable,
  type ActorAction,
  type CallPartnerRequest,
  type PartnerRecord,
  type PartnerRegistration,
  type SandboxLink,
} from './sandbox-link.js';

const PAGE = 5000;

export interface InProcessLinkOptions {
  sandbox: Sandbox;
  /** Where the runner (and the partner) reach it over HTTP. */
  url: string;
  /** The virtual actors' actions, by name: `flowActions(sandbox)` for the M2 flows, plus any prompts of the partner. */
  actions?: ReadonlyMap<string, ActorAction>;
  /** Called by `close()`: stops the sandbox when the runner started it. */
  onClose?: () => Promise<void>;
}

export class InProcessSandboxLink implements SandboxLink {
  readonly mode = 'in-process' as const;
  private readonly actionMap: ReadonlyMap<string, ActorAction>;

  constructor(private readonly options: InProcessLinkOptions) {
    this.actionMap = options.actions ?? new Map();
  }

  async info(): Promise<SandboxInfo> {
    const { config, world } = this.options.sandbox.ctx;
    return { mode: this.mode, url: this.options.url, publicUrl: config.publicUrl, version: SANDBOX_VERSION, seed: config.seed, population: world.options.population, cmId: config.cmId };
  }

  async world(): Promise<World> {
    return this.options.sandbox.ctx.world;
  }
  now(): number {
    return this.options.sandbox.ctx.clock.now();
  }

  async service(serviceId: string): Promise<PartnerRecord | undefined> {
    const { partners } = this.options.sandbox.ctx;
    const service = partners.service(serviceId);
    if (!service) return undefined;
    return { clientId: service.clientId, serviceId: service.serviceId, role: service.role, bridgeUrl: partners.client(service.clientId)?.bridgeUrl };
  }

  async registerPartner(r: PartnerRegistration): Promise<void> {
    await this.options.sandbox.ctx.partners.register({ role: r.role, serviceId: r.serviceId, clientId: r.clientId, clientSecret: r.clientSecret });
  }

  async exchanges(query: Omit<JournalQuery, 'limit'>): Promise<Exchange[]> {
    const { journal } = this.options.sandbox.ctx;
    const out: Exchange[] = [];
    let afterId = query.afterId;
    for (;;) {
      const page = journal.query({ ...query, afterId, limit: PAGE });
      out.push(...page);
      if (page.length < PAGE) return out;
      afterId = page[page.length - 1].id;
    }
  }

  async exchange(id: number): Promise<Exchange | undefined> {
    return this.options.sandbox.ctx.journal.get(id);
  }

  async decryptedEntries(id: number): Promise<DecryptedEntry[]> {
    return this.options.sandbox.ctx.store.flows.transfers.decryptedEntries(id);
  }

  async subscribe(listener: (event: SandboxEvent) => void): Promise<() => void> {
    return this.options.sandbox.ctx.events.subscribe(listener);
  }

  async callPartner(request: CallPartnerRequest): Promise<Omit<PartnerCall, 'correlation'>> {
    const dispatch = this.options.sandbox.ctx.dispatcher.send(request);
    return { requestId: dispatch.requestId, outcome: dispatch.outcome };
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
    return this.options.sandbox.ctx.reportKey;
  }

  async settle(): Promise<void> {
    await this.options.sandbox.ctx.dispatcher.drain();
  }

  async close(): Promise<void> {
    await this.options.onClose?.();
  }
}
