// `abdm-sandbox partners add|list`: manages partner clients in a sandbox's store (running or not).
import type { Command } from 'commander';
import { createWorld } from '../../fixtures/world/world.js';
import { systemClock } from '../../protocol/clock.js';
import { isAbdmError } from '../../protocol/errors.js';
import { hash32, Rng } from '../../protocol/random.js';
import { partnerView, registeredView } from '../../sandbox-server/admin/admin-api.js';
import { PartnerRegistry } from '../../sandbox-server/partners/partner-registry.js';
import { SandboxStore } from '../../sandbox-server/store/sandbox-store.js';
import { EXIT } from '../exit-codes.js';
import { choiceOption, integerOption } from '../options.js';

interface StoreOptions {
  dataDir: string;
  seed: number;
  population: number;
}

function openRegistry(opts: StoreOptions): { store: SandboxStore; registry: PartnerRegistry } {
  const store = SandboxStore.open({ dataDir: opts.dataDir });
  const world = createWorld({ seed: opts.seed, population: opts.population });
  return { store, registry: new PartnerRegistry(store.partners, world, systemClock, new Rng(hash32(opts.seed, 'cli-client-ids'))) };
}

export function registerPartnersCommand(program: Command): void {
  const partners = program.command('partners').description('Manage partner clients (HIP/HIU) of a sandbox store');
  const storeOptions = (cmd: Command) =>
    cmd
      .option('--data-dir <dir>', 'the sandbox store to change', '.abdm-sandbox')
      .option('--seed <seed>', 'seed of the world the sandbox serves (to name facilities)', integerOption('--seed', 0, 2 ** 32 - 1), 1)
      .option('--population <n>', 'population of that world', integerOption('--population', 1, 1_000_000_000), 1_000_000);

  storeOptions(
    partners
      .command('add')
      .description('Register a client and a HIP or HIU service; prints the generated secret when none is given')
      .requiredOption('--role <role>', 'hip or hiu', choiceOption('--role', ['hip', 'hiu'] as const))
      .requiredOption('--service-id <id>', 'the HIP/HIU id (an HFR facility id such as IN2710000123, or a bridge service id)')
      .option('--client-id <id>', 'client id (default: a new SBX_nnnnnn)')
      .option('--client-secret <secret>', 'client secret (default: generated and printed once)')
      .option('--name <name>', 'display name (default: the facility name)')
      .option('--json', 'print JSON', false),
  ).action(async (opts: StoreOptions & { role: 'hip' | 'hiu'; serviceId: string; clientId?: string; clientSecret?: string; name?: string; json: boolean }) => {
    const { store, registry } = openRegistry(opts);
    try {
      const result = await registry.register({ role: opts.role, serviceId: opts.serviceId, clientId: opts.clientId, clientSecret: opts.clientSecret, name: opts.name });
      const view = registeredView(result);
      if (opts.json) console.log(JSON.stringify(view, null, 2));
      else {
        console.log(`${result.createdService ? 'registered' : 'already registered'}: ${view.role.toUpperCase()} ${view.serviceId} (${view.name}) on client ${view.clientId}`);
        if (result.generatedSecret) console.log(`clientSecret: ${result.generatedSecret}   (shown once; stored hashed)`);
      }
    } catch (err) {
      if (!isAbdmError(err)) throw err;
      console.error(`abdm-sandbox: ${err.message}`);
      process.exitCode = err.httpStatus === 409 ? EXIT.failure : EXIT.usage;
    } finally {
      store.close();
    }
  });

  storeOptions(partners.command('list').description('List clients, their services and bridge URLs').option('--json', 'print JSON', false)).action(
    (opts: StoreOptions & { json: boolean }) => {
      const { store, registry } = openRegistry(opts);
      try {
        const views = registry.clients().map(partnerView);
        if (opts.json) console.log(JSON.stringify(views, null, 2));
        else
          for (const v of views) {
            console.log(`${v.clientId}${v.demo ? ' (demo)' : ''}  bridge ${v.bridgeUrl ?? '(none)'}`);
            for (const s of v.services) console.log(`  ${s.role.toUpperCase()} ${s.serviceId}  ${s.name}`);
          }
      } finally {
        store.close();
      }
    },
  );
}
