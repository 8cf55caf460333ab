// `abdm-sandbox reference hip`: runs the reference HIP against a gateway (by default the local sandbox, as the
// demo HIP), with its operator console for linking records and sending notifies by hand. `--mutant <id>` runs it
// with one of its realistic integration bugs (fixtures/partners/hip/mutants), to watch `abdm-sandbox run` catch it.
// `abdm-sandbox reference hiu`: the same for the reference HIU (consent and data requests by hand, or prompted by
// `abdm-sandbox run --hiu-operator-url`), optionally as one of its mutants.
import { InvalidArgumentError, type Command } from 'commander';
import { DEMO_HIP, DEMO_HIU } from '../../fixtures/partners/demo-credentials.js';
import { HIP_MUTANTS, hipMutant, type HipMutant } from '../../fixtures/partners/hip/mutants/index.js';
import { startReferenceHip } from '../../fixtures/partners/hip/reference-hip.js';
import { HIU_MUTANTS, hiuMutant } from '../../fixtures/partners/hiu/mutants/index.js';
import { startReferenceHiu } from '../../fixtures/partners/hiu/reference-hiu.js';
import type { PartnerOptions } from '../../fixtures/partners/shared/partner-options.js';
import { integerOption } from '../options.js';

/** The flags both partners take: where the gateway is, where to listen, and the client to log in as. */
interface PartnerFlags {
  gateway: string;
  port: number;
  host: string;
  publicUrl?: string;
  clientId: string;
  clientSecret: string;
}

/** Declares the PartnerFlags on `command`, defaulting to `port` and the partner's demo client. */
function partnerFlags(command: Command, port: { value: number; what: string }, demo: { clientId: string; clientSecret: string }): Command {
  return command
    .option('--gateway <url>', 'the gateway (an abdm-sandbox) base URL', 'http://localhost:8090')
    .option('--port <port>', port.what, integerOption('--port', 0, 65535), port.value)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--public-url <url>', 'the bridge URL to register (default http://127.0.0.1:<port>)')
    .option('--client-id <id>', 'gateway client id', demo.clientId)
    .option('--client-secret <secret>', 'gateway client secret', demo.clientSecret);
}

/** The start options the flags give, with the operator console on and a timestamped log on stdout. */
function partnerOptions(flags: PartnerFlags): PartnerOptions {
  return {
    gatewayUrl: flags.gateway,
    port: flags.port,
    host: flags.host,
    publicUrl: flags.publicUrl,
    clientId: flags.clientId,
    clientSecret: flags.clientSecret,
    operatorApi: true,
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  };
}

/** Runs until Ctrl-C (or SIGTERM), then closes the partner and exits. */
function closeOnSignal(partner: { close(): Promise<void> }): void {
  const stop = async () => {
    await partner.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

interface ReferenceHipFlags extends PartnerFlags {
  hipId?: string;
  otp: string;
  mutant?: HipMutant;
  listMutants?: boolean;
}

function hipMutantOption(value: string): HipMutant {
  const mutant = hipMutant(value);
  if (!mutant) throw new InvalidArgumentError(`--mutant must be one of ${HIP_MUTANTS.map((m) => m.id).join(', ')}, not "${value}" (see --list-mutants)`);
  return mutant;
}

function describeMutant(m: HipMutant): string {
  return `${m.id}: ${m.bug}; caught by ${m.caughtBy.tests.join(', ')} (${m.caughtBy.rule}, ${m.level})`;
}

interface ReferenceHiuFlags extends PartnerFlags {
  hiuId?: string;
  autoRequestData?: boolean;
  mutant?: string;
}

function hiuMutantOption(value: string): string {
  if (!hiuMutant(value)) throw new InvalidArgumentError(`no HIU mutant "${value}"; the mutants are ${HIU_MUTANTS.map((m) => m.id).join(', ')}`);
  return value;
}

export function registerReferenceCommand(program: Command): void {
  const reference = program.command('reference').description('Run a reference partner that does every flow correctly');
  partnerFlags(
    reference.command('hip').description('Run the reference HIP: a bridge that answers discovery, linking, consents, data requests and profile shares'),
    { value: 9090, what: 'port of the HIP bridge' },
    DEMO_HIP,
  )
    .option('--hip-id <id>', 'HIP service id (X-HIP-ID); default the first HIP of the client')
    .option('--otp <otp>', 'the OTP this HIP "texts" for linking', '123456')
    .option('--mutant <id>', 'run with one realistic integration bug (see --list-mutants), to watch the conformance run catch it', hipMutantOption)
    .option('--list-mutants', 'list the mutants (id, bug, the tests that catch it) and exit')
    .action(async (flags: ReferenceHipFlags) => {
      if (flags.listMutants) {
        for (const m of HIP_MUTANTS) console.log(describeMutant(m));
        return;
      }
      const hip = await startReferenceHip({
        ...partnerOptions(flags),
        hipId: flags.hipId,
        otp: flags.otp,
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
      closeOnSignal(hip);
    });

  partnerFlags(
    reference.command('hiu').description('Run the reference HIU: asks for consent, acknowledges and fetches artefacts, asks for data with fresh keys, decrypts and notifies'),
    { value: 9091, what: 'port of the HIU bridge, data-push URLs and operator console' },
    DEMO_HIU,
  )
    .option('--hiu-id <id>', 'HIU service id (X-HIU-ID); default the first HIU of the client')
    .option('--auto-request-data', 'ask for the data of every fetched artefact at once (default: only when asked at the operator console)')
    .option('--mutant <id>', `run as a mutant that breaks one rule (${HIU_MUTANTS.map((m) => m.id).join(', ')})`, hiuMutantOption)
    .action(async (flags: ReferenceHiuFlags) => {
      const mutant = flags.mutant ? hiuMutant(flags.mutant) : undefined;
      const hiu = await startReferenceHiu({
        ...partnerOptions(flags),
        hiuId: flags.hiuId,
        autoRequestData: flags.autoRequestData ?? false,
        ...(mutant ? mutant.variation() : {}),
      });
      console.log(
        [
          `reference HIU ${hiu.hiuId} (${hiu.hiuName}) ready${mutant ? `, as mutant ${mutant.id}: ${mutant.bug}` : ''}`,
          `  bridge       ${hiu.url}/api/v3/...   (registered with ${flags.gateway})`,
          `  consent      curl -s -X POST ${hiu.url}/operator/request-consent -H 'content-type: application/json' -d '{"abhaAddress":"..."}'`,
          `  data         curl -s -X POST ${hiu.url}/operator/request-data -H 'content-type: application/json' -d '{"consentId":"..."}'`,
          `  records      curl -s ${hiu.url}/operator/records`,
          `  graded by    abdm-sandbox run --suite hiu --hiu-id ${hiu.hiuId} --sandbox ${flags.gateway} --hiu-operator-url ${hiu.url}/operator --out results`,
          '  Ctrl-C to stop',
        ].join('\n'),
      );
      closeOnSignal(hiu);
    });
}
