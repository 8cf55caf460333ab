// `abdm-sandbox serve`: runs the simulated gateway with its synthetic world and demo partners.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { generateSigningKeyPairs } from '../../sandbox-server/auth/signing-keys.js';
import { LIVE_RETRY_DELAYS_MS } from '../../sandbox-server/config.js';
import { DEMO_HIP, DEMO_HIU } from '../../sandbox-server/partners/demo-partners.js';
import { choiceOption, integerOption } from '../options.js';

const RETRY_PROFILES = { fast: [2_000, 10_000], live: LIVE_RETRY_DELAYS_MS, none: [] as number[] } as const;

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the simulated ABDM gateway (HIE-CM v3) with a synthetic world and demo partners')
    .option('--port <port>', 'port to listen on', integerOption('--port', 0, 65535), 8090)
    .option('--host <host>', 'interface to bind', '0.0.0.0')
    .option('--seed <seed>', 'root seed of the synthetic world', integerOption('--seed', 0, 2 ** 32 - 1), 1)
    .option('--population <n>', 'number of synthetic ABHA accounts', integerOption('--population', 1, 1_000_000_000), 1_000_000)
    .option('--data-dir <dir>', 'where the store (partners, bridges, journal) lives', '.abdm-sandbox')
    .option('--in-memory', 'keep everything in memory; nothing survives a restart', false)
    .option('--public-url <url>', 'the URL partners use to reach this sandbox (token issuer and JWKS URLs derive from it)')
    .option('--callback-retries <profile>', 'redelivery of failed callbacks: fast (2 s, 10 s), live (once after 16 min, as NHA), none', choiceOption('--callback-retries', ['fast', 'live', 'none'] as const), 'fast')
    .option('--no-demo-partners', 'do not register the demo HIP and HIU clients')
    .action(async (opts: { port: number; host: string; seed: number; population: number; dataDir: string; inMemory: boolean; publicUrl?: string; callbackRetries: keyof typeof RETRY_PROFILES; demoPartners: boolean }) => {
      const started = performance.now();
      // A first start generates the gateway's RSA keys: begun now, on the thread pool, while the sandbox's modules
      // load (that overlap keeps the first start under a second).
      const firstStart = opts.inMemory || !existsSync(join(opts.dataDir, 'sandbox.db'));
      const signingKeyPairs = firstStart ? generateSigningKeyPairs() : undefined;
      signingKeyPairs?.catch(() => undefined); // a failure surfaces where the keys are used
      const { serveSandbox } = await import('../../sandbox-server/http/server.js');
      const running = await serveSandbox({
        signingKeyPairs,
        port: opts.port,
        host: opts.host,
        seed: opts.seed,
        population: opts.population,
        dataDir: opts.dataDir,
        inMemory: opts.inMemory,
        publicUrl: opts.publicUrl,
        callbackRetryDelaysMs: [...RETRY_PROFILES[opts.callbackRetries]],
        demoPartners: opts.demoPartners,
      });
      const { ctx } = running.sandbox;
      const base = ctx.config.publicUrl;
      const lines = [
        `abdm-sandbox ready in ${Math.round(performance.now() - started)} ms`,
        `  gateway      ${base}/api/hiecm   (X-CM-ID: ${ctx.config.cmId})`,
        `  ABHA         ${base}/abha/api/v3   (OTPs: ${base}/sandbox/otp?txnId=, test Aadhaar: ${base}/sandbox/aadhaar)`,
        `  world        seed ${ctx.config.seed}, ${ctx.world.options.population.toLocaleString('en-IN')} ABHA accounts, ${ctx.world.options.facilityCount.toLocaleString('en-IN')} facilities`,
        `  store        ${opts.inMemory ? 'in memory' : opts.dataDir}`,
      ];
      if (opts.demoPartners) {
        const hip = ctx.partners.client(DEMO_HIP.clientId)?.services[0];
        const hiu = ctx.partners.client(DEMO_HIU.clientId)?.services[0];
        lines.push(
          '  demo HIP     clientId ' + DEMO_HIP.clientId + '  clientSecret ' + DEMO_HIP.clientSecret + '  X-HIP-ID ' + (hip?.serviceId ?? '?') + (hip ? `  (${hip.name})` : ''),
          '  demo HIU     clientId ' + DEMO_HIU.clientId + '  clientSecret ' + DEMO_HIU.clientSecret + '  X-HIU-ID ' + (hiu?.serviceId ?? '?') + (hiu ? `  (${hiu.name})` : ''),
        );
      }
      lines.push(
        `  health       ${base}/sandbox/health`,
        `  partners     ${base}/sandbox/partners`,
        `  journal      ${base}/sandbox/journal?client=<clientId>&correlation=<REQUEST-ID>`,
        `  live events  ${base}/sandbox/events`,
        `  report key   Ed25519 ${ctx.reportKey.info.keyId}, signs run bundles (${base}/sandbox/signing-key)`,
        `  OpenAPI      ${base}/api/hiecm/openapi.json`,
        '  Ctrl-C to stop',
      );
      console.log(lines.join('\n'));
      const stop = async (signal: string) => {
        console.log(`\n${signal}: stopping; waiting for callbacks in flight...`);
        await running.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
