// Everything a service needs, handed in rather than imported: clock, randomness, world, store, journal,
// events, partners, tokens and the dispatcher. Tests build one with a ManualClock and an in-memory store.
import type { Clock } from '../protocol/clock.js';
import type { Rng } from '../protocol/random.js';
import type { World } from '../fixtures/world/types.js';
import type { ReportSigningKey } from './auth/report-signing-key.js';
import type { SigningKeys } from './auth/signing-keys.js';
import type { TokenService } from './auth/token-service.js';
import type { SandboxConfig } from './config.js';
import type { CallbackDispatcher } from './dispatch/callback-dispatcher.js';
import type { EventBus } from './events/event-bus.js';
import type { Journal } from './journal/journal.js';
import type { PartnerRegistry } from './partners/partner-registry.js';
import type { SandboxStore } from './store/sandbox-store.js';

export interface SandboxContext {
  readonly config: SandboxConfig;
  readonly clock: Clock;
  /** Seeded source of the ids the gateway mints (REQUEST-IDs, transaction ids, ...). */
  readonly ids: Rng;
  readonly world: World;
  readonly store: SandboxStore;
  readonly journal: Journal;
  readonly events: EventBus;
  readonly partners: PartnerRegistry;
  readonly keys: SigningKeys;
  /** Signs conformance report bundles (Ed25519; published at /sandbox/signing-key). */
  readonly reportKey: ReportSigningKey;
  readonly tokens: TokenService;
  readonly dispatcher: CallbackDispatcher;
}

/** ISO-8601 UTC of the context's clock. */
export function nowIso(ctx: Pick<SandboxContext, 'clock'>): string {
  return new Date(ctx.clock.now()).toISOString();
}
