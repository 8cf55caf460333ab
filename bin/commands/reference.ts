// `abdm-sandbox reference hip`: runs the reference HIP against a gateway (by default the local sandbox, as the
// demo HIP), with its operator console for linking records and sending notifies by hand. `--mutant <id>` runs it
// with one of its realistic integration bugs (fixtures/partners/hip/mutants), to watch `abdm-sandbox run` catch it.
import { InvalidArgumentError, type Command } from 'commander';
import { DEMO_HIP } from '../../fixtures/partners/demo-credentials.js';
import { HIP_MUTANTS, hipMutant, type HipMutant } from '../../fixtures/partners/hip/mutants/index.js';
import { startReferenceHip } from '../../fixtures/partners/hip/reference-hip.js';
import { integerOption } from '../options.js';

interface ReferenceHipFlags {
  gateway: string;
  port: number;
  host: string;
  publicUrl?: string;
  clientId: string;
  clientSecret: string;
  hipId?: string;
  otp: string;
  mutant?: HipMutant;
  listMutants?: boolean;
}

function mutantOption(value: string): HipMutant {
  const mutant = hipMutant(value);
  if (!mutant) throw new InvalidArgumentError(`--mutant must be one of ${HIP_MUTANTS.map((m) => m.id).join(', ')}, not "${value}" (see --list-mutants)`);
  return mutant;
}

function describeMutant(m: HipMutant): string {
  return `${m.id}: ${m.bug}; caught by ${m.caughtBy.tests.join(', ')} (${m.caughtBy.rule}, ${m.level})`;
}

export function registerReferenceCommand(program: Command): void {
  const reference = program.command('reference').description('Run a reference partner that does every flow correctly');
  reference
    .command('hip')
    .description('Run the reference HIP: a bridge that answers discovery, linking, consents, data requests and profile shares')
    .option('--gateway <url>', 'the gateway (an abdm-sandbox) base URL', 'http://localhost:8090')
    .option('--port <port>', 'port of the HIP bridge', integerOption('--port', 0, 65535), 9090)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--public-url <url>', 'the bridge URL to register (default http://127.0.0.1:<port>)')
    .option('--client-id <id>', 'gateway client id', DEMO_HIP.clientId)
    .option('--client-secret <secret>', 'gateway client secret', DEMO_HIP.clientSecret)
    .option('--hip-id <id>', 'HIP service id (X-HIP-ID); default the first HIP of the client')
    .option('--otp <otp>', 'the OTP this HIP "texts" for linking', '123456')
    .option('--mutant <id>', 'run with one realistic integration bug (see --list-mutants), to watch the conformance run catch it', mutantOption)
    .option('--list-mutants', 'list the mutants (id, bug, the tests that catch it) and exit')
    .action(async (flags: ReferenceHipFlags) => {
      if (flags.listMutants) {
        for (const m of HIP_MUTANTS) console.log(describeMutant(m));
        return;
      }
      const hip = await startReferenceHip({
        gatewayUrl: flags.gateway,
        port: flags.port,
        host: flags.host,
        publicUrl: flags.publicUrl,
        clientId: flags.clientId,
        clientSecret: flags.clientSecret,
        hipId: flags.hipId,
        otp: flags.otp,
        operatorApi: true,
        log: (line) => console.log(`${new Date().toISOString()} ${line}`),
        ...flags.mutant?.variation(),
      });
      console.log(
        [
          `reference HIP ${hip.hipId} (${hip.hipName}) ready`,
          ...(flags.mutant ? [`  MUTANT       ${describeMutant(flags.mutant)}`] : []),
          `  bridge       ${hip.url}/api/v3/...   (registered with ${flags.gateway})`,
          `  patients     curl -s ${hip.url}/operator/patients?limit=3`,
          `  link         curl -s -X POST ${hip.url}/operator/link-care-contexts -H 'content-type: application/json' -d '{"abhaAddress":"..."}'`,
          '  Ctrl-C to stop',
        ].join('\n'),
      );
      const stop = async () => {
        await hip.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
