// The runner's view of a sandbox: what it reads (journal, events, partners) and what it asks for (gateway calls to
// a partner, actions of the virtual actors). One implementation holds an in-process sandbox; another talks to a
// running one through its admin API. Tests never see which.
import type { World } from '../../fixtures/world/types.js';
import type { PartnerRole } from '../../protocol/operations/operation.js';
import type { ReportSigner } from '../../sandbox-server/auth/report-signing-key.js';
import type { DeliveryFaults } from '../../sandbox-server/dispatch/delivery-faults.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import type { JournalQuery } from '../../sandbox-server/store/journal-repository.js';
import type { ActionResult, PartnerCall, SandboxInfo } from '../dsl/test-context.js';
import type { DecryptedEntry } from '../../sandbox-server/store/health-information-repository.js';

export interface PartnerRecord {
  clientId: string;
  serviceId: string;
  role: PartnerRole;
  bridgeUrl?: string;
}

export interface PartnerRegistration {
  role: PartnerRole;
  serviceId: string;
  clientId: string;
  clientSecret: string;
}

export interface CallPartnerRequest {
  callbackId: string;
  serviceId: string;
  body: Record<string, unknown>;
  faults?: DeliveryFaults;
}

/**
 * An action of the sandbox's virtual patient, HIU or HIP (`patient.discover`, `hiu.request-consent`, ...), as the
 * M2/M3 flows expose them: typed input in, the ABDM ids it started (to wait on) and its result out.
 */
export type ActorAction = (input: Record<string, unknown>) => Promise<ActionResult>;

export interface SandboxLink {
  readonly mode: SandboxInfo['mode'];
  info(): Promise<SandboxInfo>;
  /** The sandbox's synthetic world (the same seed and sizes): who the partner's patients are. */
  world(): Promise<World>;
  /** The sandbox's clock (ms since the epoch): journal times are on it. */
  now(): number;
  /** The registered HIP/HIU service and its client, if any. */
  service(serviceId: string): Promise<PartnerRecord | undefined>;
  /** Registers a client and its service (idempotent for the same client, service and role). */
  registerPartner(registration: PartnerRegistration): Promise<void>;
  /** Every exchange matching the query, in id order (all pages). */
  exchanges(query: Omit<JournalQuery, 'limit'>): Promise<Exchange[]>;
  exchange(id: number): Promise<Exchange | undefined>;
  /** What the sandbox decrypted of a page a HIP pushed to it in exchange `id` (none for other exchanges). */
  decryptedEntries(id: number): Promise<DecryptedEntry[]>;
  /** Streams every sandbox event to `listener`; resolves once the stream is live, with the function that stops it. */
  subscribe(listener: (event: SandboxEvent) => void): Promise<() => void>;
  /** Makes the gateway call a partner's bridge. */
  callPartner(request: CallPartnerRequest): Promise<Omit<PartnerCall, 'correlation'>>;
  /** The actions the sandbox's virtual actors offer. */
  actions(): ReadonlySet<string>;
  act(action: string, input: Record<string, unknown>): Promise<ActionResult>;
  /** The sandbox's report-signing key, which signs the run's output bundle (reports/bundle). */
  reportSigner(): ReportSigner;
  /** Resolves when the calls the sandbox is still delivering have finished, so the journal holds them. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown for an action the sandbox does not offer. */
export class ActionUnavailable extends Error {
  constructor(readonly action: string) {
    super(`the sandbox offers no action ${action}`);
    this.name = 'ActionUnavailable';
  }
}
