// The composition root: builds a sandbox (world, store, keys, tokens, journal, dispatcher, gateway) from
// options. The HTTP server, the MSW handlers and the tests all start from here.
import { systemClock, type Clock } from '../protocol/clock.js';
import { OPERATIONS } from '../protocol/operations/table.js';
import { Rng, hash32 } from '../protocol/random.js';
import { createWorld } from '../fixtures/world/world.js';
import type { World } from '../fixtures/world/types.js';
import { abhaHandlers } from './abha/abha-handlers.js';
import { AbhaModule } from './abha/abha-module.js';
import { ReportSigningKey } from './auth/report-signing-key.js';
import { SigningKeys, type SigningKeyPairs } from './auth/signing-keys.js';
import { TokenService } from './auth/token-service.js';
import { DEFAULT_CONFIG, type SandboxConfig } from './config.js';
import type { SandboxContext } from './context.js';
import { CallbackDispatcher } from './dispatch/callback-dispatcher.js';
import { EventBus } from './events/event-bus.js';
import { startFlowTimers } from './flows/flow-timers.js';
import { Gateway } from './gateway/gateway.js';
import { drainBackgroundWork, hasBackgroundWork } from './hiu-flows/background-work.js';
import { gatewayHandlers } from './gateway/handlers.js';
import type { HandlerMap } from './gateway/operation-handler.js';
import { Journal } from './journal/journal.js';
import { ensureDemoPartners } from './partners/demo-partners.js';
import { PartnerRegistry } from './partners/partner-registry.js';
import { SandboxStore } from './store/sandbox-store.js';

export interface SandboxOptions extends Partial<SandboxConfig> {
  clock?: Clock;
  /** A prebuilt world (tests share one); by default it is created from seed and population. */
  world?: World;
  /** Replaces real waiting between delivery retries (tests). */
  sleep?: (ms: number) => Promise<void>;
  /** Signing key pairs already being generated (serve starts them while it loads); used only by a store without keys. */
  signingKeyPairs?: Promise<SigningKeyPairs>;
}

export interface Sandbox {
  readonly ctx: SandboxContext;
  readonly gateway: Gateway;
  /** The ABHA service (M1): keys, OTP transactions, user tokens. */
  readonly abha: AbhaModule;
  /** Waits for in-flight deliveries, flushes the journal and closes the store. */
  close(): Promise<void>;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { clock = systemClock, world: givenWorld, sleep, signingKeyPairs, ...overrides } = options;
  const config: SandboxConfig = { ...DEFAULT_CONFIG, ...definedOnly(overrides) };
  config.publicUrl = config.publicUrl.replace(/\/+$/, '');
  const world =
    givenWorld ??
    createWorld({
      seed: config.seed,
      population: config.population,
      ...(config.facilityCount ? { facilityCount: config.facilityCount } : {}),
      ...(config.professionalCount ? { professionalCount: config.professionalCount } : {}),
    });
  const store = SandboxStore.open({ dataDir: config.dataDir, inMemory: config.inMemory });
  try {
    const ids = new Rng(hash32(config.seed, 'gateway-ids'));
    const events = new EventBus(clock);
    const journal = new Journal(store.journal, events);
    const partners = new PartnerRegistry(store.partners, world, clock, ids.fork('client-ids'));
    const keys = await SigningKeys.loadOrCreate(store.meta, clock.now(), signingKeyPairs ? () => signingKeyPairs : undefined);
    const reportKey = await ReportSigningKey.loadOrCreate(store.meta, { issuer: config.publicUrl, clock });
    const tokens = new TokenService(keys, `${config.publicUrl}/auth/realms/central-registry`, clock, () => ids.uuid());
    const dispatcher = new CallbackDispatcher({
      clock, ids, partners, tokens, journal, events, sentCallbacks: store.sentCallbacks,
      timeoutMs: config.callbackTimeoutMs, retryDelaysMs: config.callbackRetryDelaysMs, sleep,
    });
    const ctx: SandboxContext = { config, clock, ids, world, store, journal, events, partners, keys, reportKey, tokens, dispatcher };
    if (config.demoPartners) await ensureDemoPartners(partners, world);
    const abha = new AbhaModule(ctx);
    const handlers: HandlerMap = { ...gatewayHandlers, ...abhaHandlers(abha) };
    const gateway = new Gateway(ctx, OPERATIONS, handlers);
    const stopFlowTimers = startFlowTimers(ctx);
    let closed = false;
    return {
      ctx,
      gateway,
      abha,
      async close() {
        if (closed) return;
        closed = true;
        stopFlowTimers();
        // Background work (a virtual HIP's push) makes gateway calls, and a delivered call can start more work.
        do {
          await drainBackgroundWork(ctx);
          await dispatcher.drain();
        } while (hasBackgroundWork(ctx));
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
