// `abdm-sandbox run`: runs the conformance suites against a partner's HIP, HIU or ABHA client through a sandbox (its
// own, or a running one by URL), prints progress per test, writes events.ndjson, results.json, junit.xml and report.html,
// signed by the sandbox, and exits 0 (every MUST passed), 1 (conformance failure), 2 (bad usage or config) or 3
// (harness error).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { testCaseListing, testCaseMarkdown } from '../../conformance/catalogue/test-case-catalogue.js';
import { parseExpectedFailures } from '../../conformance/results/expected-failures.js';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { ConfigError } from '../../conformance/runner/config-error.js';
import { ndjsonFileSink } from '../../conformance/runner/ndjson-file-sink.js';
import { allTestIds, runConformance, type PartnerOption, type RunOptions } from '../../conformance/runner/runner.js';
import { selectTests } from '../../conformance/runner/selection.js';
import { flowActions } from '../../conformance/sandbox-link/flow-actions.js';
import { abhaJourneyActions } from '../../conformance/sandbox-link/abha-journey-action.js';
import { InProcessSandboxLink } from '../../conformance/sandbox-link/in-process-link.js';
import { hiuFlowActions } from '../../conformance/sandbox-link/hiu-flow-actions.js';
import { hipOperatorActions, hiuOperatorActions } from '../../conformance/sandbox-link/operator-actions.js';
import { RemoteSandboxLink } from '../../conformance/sandbox-link/remote-link.js';
import type { ActorAction, SandboxLink } from '../../conformance/sandbox-link/sandbox-link.js';
import { SUITES } from '../../conformance/suites/index.js';
import { MAX_VALIDITY_DAYS } from '../../sandbox-server/auth/report-signing-key.js';
import { progressPrinter } from '../../reports/console/progress-lines.js';
import { DEFAULT_VALIDITY_DAYS } from '../../reports/bundle/signed-bundle.js';
import { serveSandbox } from '../../sandbox-server/http/server.js';
import { ABHA_MUTANTS, abhaMutant } from '../../fixtures/partners/abha/mutants/index.js';
import { REFERENCE_ABHA_CLIENT } from '../../fixtures/partners/abha/reference-abha-client.js';
import { OffsetClock, systemClock, type Clock } from '../../protocol/clock.js';
import { EXIT } from '../exit-codes.js';
import { choiceOption, integerOption } from '../options.js';
import { EVENT_LOG_FILE, FORMAT_NAMES as FORMATS, publishRun, type OutputFormat as Format } from '../run-outputs.js';

interface RunCliOptions {
  suite: 'hip' | 'hiu' | 'abha' | 'all';
  abhaClientId?: string;
  abhaMutant?: string;
  hipId?: string;
  hiuId?: string;
  hipClientId?: string;
  hipClientSecret?: string;
  hiuClientId?: string;
  hiuClientSecret?: string;
  gatewayPort?: number;
  sandbox?: string;
  hipOperatorUrl?: string;
  hiuOperatorUrl?: string;
  only?: string[];
  tags?: string[];
  seed: number;
  timeoutMs: number;
  startupTimeoutMs: number;
  concurrency: number;
  expectedFailures?: string;
  out?: string;
  format: Format[];
  population: number;
  signatureDays: number;
  list?: string | true;
}

const commaList = (value: string): string[] => value.split(',').map((v) => v.trim()).filter(Boolean);

function formatList(value: string): Format[] {
  const list = commaList(value);
  for (const f of list) if (!(FORMATS as ReadonlyArray<string>).includes(f)) throw new InvalidArgumentError(`--format takes ${FORMATS.join(', ')} (comma-separated), not "${f}"`);
  return list as Format[];
}

function urlOption(value: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(value)) throw new InvalidArgumentError(`give an http(s) URL such as http://localhost:8090, not "${value}"`);
  return value.replace(/\/+$/, '');
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run the conformance suites against your HIP, HIU or ABHA client through the sandbox, and grade it')
    .addOption(new Option('--suite <suite>', 'which suite: abha (M1), hip (M2), hiu (M3) or all').argParser(choiceOption('--suite', ['abha', 'hip', 'hiu', 'all'] as const)).default('all'))
    .option('--abha-client-id <id>', 'the ABHA client under test (M1): the runner grades the ABHA calls this client makes during the run; without it, --suite abha drives the reference M1 client')
    .option('--abha-mutant <id>', `drive a broken variant of the reference M1 client instead (${ABHA_MUTANTS.map((m) => m.id).join(', ')})`)
    .option('--hip-id <id>', 'the HIP under test (its HIP service id)')
    .option('--hiu-id <id>', 'the HIU under test (its HIU service id)')
    .option('--hip-client-id <id>', "the HIP's client id; with a secret, registers the HIP when the sandbox does not know it")
    .option('--hip-client-secret <secret>', "the HIP's client secret (better: the ABDM_HIP_CLIENT_SECRET environment variable)")
    .option('--hiu-client-id <id>', "the HIU's client id; with a secret, registers the HIU when the sandbox does not know it")
    .option('--hiu-client-secret <secret>', "the HIU's client secret (better: the ABDM_HIU_CLIENT_SECRET environment variable)")
    .option('--gateway-port <port>', 'port of the sandbox the runner starts (default 8090; 0 picks a free one)', integerOption('--gateway-port', 0, 65535))
    .option('--sandbox <url>', 'use a running sandbox (abdm-sandbox serve) at this URL instead of starting one', urlOption)
    .option('--hip-operator-url <url>', "your HIP's operator endpoints (test builds), through which HIP-initiated linking and notifies are prompted; see docs/conformance.md", urlOption)
    .option('--hiu-operator-url <url>', "your HIU's operator endpoints (test builds), through which its consent and data requests are prompted; see docs/conformance.md", urlOption)
    .option('--only <ids>', 'only these test ids or patterns, comma-separated (e.g. HIP.SECURITY.*,HIP.BRIDGE.01)', commaList)
    .option('--tags <tags>', 'only tests with any of these tags, comma-separated', commaList)
    .option('--seed <seed>', 'root seed: the same seed gives the same run (and world, for the sandbox the runner starts)', integerOption('--seed', 0, 2 ** 32 - 1), 1)
    .option('--timeout-ms <ms>', 'how long one wait for the partner lasts', integerOption('--timeout-ms', 100, 3_600_000), 10_000)
    .option('--startup-timeout-ms <ms>', 'how long to wait for the partner to get a session and register its bridge URL', integerOption('--startup-timeout-ms', 100, 3_600_000), 60_000)
    .option('--concurrency <n>', 'tests run at once (those sharing no state)', integerOption('--concurrency', 1, 64), 4)
    .option('--expected-failures <file>', 'JSON list of tests known to fail, each with a reason; see docs/conformance.md')
    .option('--out <dir>', 'where to write events.ndjson, results.json, junit.xml, report.html and the signed manifest')
    .option('--format <formats>', 'outputs besides the event log: json, junit, html (comma-separated)', formatList, [...FORMATS] as Format[])
    .option('--signature-days <days>', 'how long the bundle signature stays valid', integerOption('--signature-days', 1, MAX_VALIDITY_DAYS), DEFAULT_VALIDITY_DAYS)
    .option('--population <n>', 'ABHA accounts in the world of the sandbox the runner starts', integerOption('--population', 1, 1_000_000_000), 1_000_000)
    .option('--list [format]', 'print the selected tests (text, or markdown as in docs/test-cases.md) and exit')
    .action(async (opts: RunCliOptions) => {
      process.exitCode = await runCommand(opts);
    });
}

async function runCommand(opts: RunCliOptions): Promise<number> {
  const fail = (code: number, message: string) => {
    console.error(`abdm-sandbox run: ${message}`);
    return code;
  };
  const selection: { suites: string[]; only: string[]; tags: string[] } = { suites: opts.suite === 'all' ? [] : [opts.suite], only: opts.only ?? [], tags: opts.tags ?? [] };
  if (opts.list !== undefined) {
    if (opts.list !== true && opts.list !== 'text' && opts.list !== 'markdown') return fail(EXIT.usage, `--list takes text or markdown, not "${opts.list}"`);
    try {
      const chosen = selectTests(SUITES, selection);
      const suites = SUITES.filter((s) => chosen.some((c) => c.suite.id === s.id));
      process.stdout.write(opts.list === 'markdown' ? testCaseMarkdown(suites) : testCaseListing(chosen.map((c) => c.test)));
      return EXIT.ok;
    } catch (err) {
      if (err instanceof ConfigError) return fail(EXIT.usage, err.message);
      throw err;
    }
  }
  if (!opts.out) return fail(EXIT.usage, '--out <dir> is required: where to write the event log and results');
  if (opts.sandbox && opts.gatewayPort !== undefined) return fail(EXIT.usage, 'give either --sandbox (a running sandbox) or --gateway-port (the sandbox the runner starts), not both');
  if (opts.suite === 'all' && !opts.hipId && !opts.hiuId && !opts.abhaClientId) return fail(EXIT.usage, 'give --hip-id, --hiu-id and/or --abha-client-id (or --suite abha|hip|hiu)');
  if (opts.abhaMutant !== undefined && !abhaMutant(opts.abhaMutant)) return fail(EXIT.usage, `--abha-mutant takes ${ABHA_MUTANTS.map((m) => m.id).join(', ')}, not "${opts.abhaMutant}"`);
  if (opts.abhaMutant !== undefined && opts.abhaClientId) return fail(EXIT.usage, '--abha-mutant varies the reference client the runner drives; it does not apply to --abha-client-id (your own client)');
  const given = { hip: opts.hipId, hiu: opts.hiuId, abha: opts.abhaClientId };
  const suiteIds = opts.suite === 'all' ? SUITES.filter((s) => given[s.role]).map((s) => s.id) : [opts.suite];
  selection.suites = suiteIds;

  let expectedFailures;
  if (opts.expectedFailures) {
    let text: string;
    try {
      text = readFileSync(opts.expectedFailures, 'utf8');
    } catch (err) {
      return fail(EXIT.usage, `cannot read --expected-failures ${opts.expectedFailures}: ${(err as Error).message}`);
    }
    const parsed = parseExpectedFailures(text, allTestIds(SUITES));
    if ('problems' in parsed) return fail(EXIT.usage, `--expected-failures ${opts.expectedFailures}: ${parsed.problems.join('; ')}`);
    expectedFailures = parsed.entries;
  }

  const partners: RunOptions['partners'] = {};
  const secrets: string[] = [];
  for (const role of ['hip', 'hiu'] as const) {
    const serviceId = role === 'hip' ? opts.hipId : opts.hiuId;
    if (!serviceId) continue;
    const clientId = role === 'hip' ? opts.hipClientId : opts.hiuClientId;
    const clientSecret = (role === 'hip' ? opts.hipClientSecret : opts.hiuClientSecret) ?? process.env[`ABDM_${role.toUpperCase()}_CLIENT_SECRET`];
    if (clientSecret) secrets.push(clientSecret);
    partners[role] = { serviceId, ...(clientId ? { clientId } : {}), ...(clientSecret ? { clientSecret } : {}) };
  }

  // HIP-initiated steps and the HIU's requests are the partner's own: prompted through its operator endpoints when
  // given, skipped otherwise.
  const prompts: ReadonlyMap<string, ActorAction> = new Map([...(opts.hipOperatorUrl ? hipOperatorActions(opts.hipOperatorUrl) : []), ...(opts.hiuOperatorUrl ? hiuOperatorActions(opts.hiuOperatorUrl) : [])]);
  // The abha suite grades --abha-client-id's own journey, or the reference client (or a mutant) the runner drives.
  const drivesAbha = suiteIds.includes('abha') && !opts.abhaClientId;
  if (suiteIds.includes('abha')) {
    const reference = REFERENCE_ABHA_CLIENT;
    partners.abha = drivesAbha
      ? { clientId: reference.clientId, registration: { role: 'hip', serviceId: reference.serviceId, clientId: reference.clientId, clientSecret: reference.clientSecret } }
      : { clientId: opts.abhaClientId! };
  }

  let link: SandboxLink;
  try {
    if (opts.sandbox) {
      // A running sandbox's clock cannot be moved on: the reference client then really waits out its OTP resends.
      const abha = drivesAbha ? abhaActions(opts, opts.sandbox, systemClock, (ms) => new Promise((resolve) => setTimeout(resolve, ms))) : new Map<string, ActorAction>();
      link = await RemoteSandboxLink.connect(opts.sandbox, { actions: new Map([...prompts, ...abha]) });
    } else link = await ownSandbox(opts, prompts, drivesAbha);
  } catch (err) {
    return fail(EXIT.usage, (err as Error).message);
  }
  const file = ndjsonFileSink(join(opts.out, EVENT_LOG_FILE));
  const print = progressPrinter();
  try {
    await runConformance({
      link,
      suites: SUITES,
      selection,
      partners,
      seed: opts.seed,
      timeoutMs: opts.timeoutMs,
      startupTimeoutMs: opts.startupTimeoutMs,
      concurrency: opts.concurrency,
      expectedFailures,
      command: reproduceCommand(opts, partners),
      sinks: [file.sink],
      secrets,
      onEntry: (entry: RunLogEntry) => {
        for (const line of print(entry)) console.log(line);
      },
    });
    file.close();
    // Rendered from the file (the log that gets signed), while the sandbox is still there to sign it.
    const { summary } = await publishRun({ dir: opts.out, formats: opts.format, signer: link.reportSigner(), validityDays: opts.signatureDays, print: (line) => console.log(line) });
    return summary.verdict.exitCode;
  } catch (err) {
    if (err instanceof ConfigError) return fail(EXIT.usage, err.message);
    // The message first; the stack under it, for the bug report a harness error deserves.
    const stack = err instanceof Error && err.stack ? `\n${err.stack.split('\n').slice(1).join('\n')}` : '';
    return fail(EXIT.harnessError, `harness error: ${err instanceof Error ? err.message : String(err)}${stack}`);
  } finally {
    file.close();
    await link.close();
  }
}

/** The `abha.journey` action: the reference M1 client, or the --abha-mutant variant of it, against the sandbox at `url`. */
function abhaActions(opts: RunCliOptions, url: string, clock: Clock, sleep: (ms: number) => Promise<void>): Map<string, ActorAction> {
  const { clientId, clientSecret } = REFERENCE_ABHA_CLIENT;
  const mutant = opts.abhaMutant ? abhaMutant(opts.abhaMutant) : undefined;
  return abhaJourneyActions({ baseUrl: url, clientId, clientSecret, clock, sleep, ...(mutant ? { behaviour: mutant.variation() } : {}) });
}

/**
 * The sandbox the runner starts: in memory, the run's seed, quick redelivery so refused calls do not slow the run.
 * When the runner drives the reference ABHA client, the sandbox's clock is one the client's waits move on (the
 * 60 s before an OTP resend take no real time); only that client calls this sandbox then.
 */
async function ownSandbox(opts: RunCliOptions, prompts: ReadonlyMap<string, ActorAction>, drivesAbha: boolean): Promise<SandboxLink> {
  const port = opts.gatewayPort ?? 8090;
  try {
    const clock = new OffsetClock();
    const running = await serveSandbox({ port, inMemory: true, seed: opts.seed, population: opts.population, callbackRetryDelaysMs: [500, 1_000], ...(drivesAbha ? { clock } : {}) });
    const abha = drivesAbha ? abhaActions(opts, running.url, clock, async (ms) => clock.advance(ms)) : new Map<string, ActorAction>();
    const actions = new Map([...flowActions(running.sandbox), ...hiuFlowActions(running.sandbox), ...prompts, ...abha]);
    return new InProcessSandboxLink({ sandbox: running.sandbox, url: running.url, actions, onClose: () => running.close() });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} is in use: choose another --gateway-port, or point --sandbox at the sandbox that runs there`);
    if (code === 'EACCES') throw new Error(`port ${port} needs privileges: choose a --gateway-port above 1023`);
    throw err;
  }
}

/** The command line that runs the same tests with the same seed; a client secret shows as its environment variable. */
export function reproduceCommand(opts: RunCliOptions, partners: RunOptions['partners']): string {
  const args: string[] = [];
  const env: string[] = [];
  const add = (flag: string, value: string | number | undefined) => {
    if (value !== undefined) args.push(flag, shellQuote(String(value)));
  };
  add('--suite', opts.suite);
  for (const role of ['hip', 'hiu'] as const) {
    const p = partners[role];
    if (!p) continue;
    add(`--${role}-id`, p.serviceId);
    add(`--${role}-client-id`, p.clientId);
    if (p.clientSecret) env.push(`ABDM_${role.toUpperCase()}_CLIENT_SECRET=<secret>`);
  }
  add('--abha-client-id', opts.abhaClientId);
  add('--abha-mutant', opts.abhaMutant);
  if (opts.sandbox) add('--sandbox', opts.sandbox);
  else add('--gateway-port', opts.gatewayPort ?? 8090);
  add('--hip-operator-url', opts.hipOperatorUrl);
  add('--hiu-operator-url', opts.hiuOperatorUrl);
  if (opts.only?.length) add('--only', opts.only.join(','));
  if (opts.tags?.length) add('--tags', opts.tags.join(','));
  add('--seed', opts.seed);
  add('--timeout-ms', opts.timeoutMs);
  add('--startup-timeout-ms', opts.startupTimeoutMs);
  if (!opts.sandbox && opts.population !== 1_000_000) add('--population', opts.population);
  add('--expected-failures', opts.expectedFailures);
  add('--out', opts.out);
  add('--format', opts.format.join(','));
  if (opts.signatureDays !== DEFAULT_VALIDITY_DAYS) add('--signature-days', opts.signatureDays);
  return [...env, 'abdm-sandbox', 'run', ...args].join(' ');
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
