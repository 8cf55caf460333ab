// `abdm-sandbox run` end to end, as CI runs it: the runner starts its own sandbox (or uses a running one by URL),
// the partner starts against it, and the exit code, the progress lines and the output files are what a user sees.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseRunLog } from '../../conformance/results/run-log-entry.js';
import { verifyBundle } from '../../reports/bundle/bundle-verification.js';
import { startReferenceHip } from '../../fixtures/partners/hip/reference-hip.js';
import { serveSandbox } from '../../sandbox-server/http/server.js';
import { startCli, runCli } from '../support/cli-process.js';
import { facilityServing } from '../support/reference-hip-runs.js';
import { SMALL_WORLD } from '../support/test-sandbox.js';
import { TestPartner, type TestPartnerBugs } from '../support/test-partner.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const validateResults = addFormats(new Ajv({ allErrors: true, strict: true })).compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/results-schema.json'), 'utf8')) as object);

const SECRET = 'cli-partner-secret-42';
// The test partner implements the gateway core only; the flow tests (HIP.DISCOVER, ...) run against the reference
// HIP and its mutants in hip-mutants.test.ts, and through a running sandbox below.
const FAST = ['--tags', 'gateway-core', '--timeout-ms', '3000', '--startup-timeout-ms', '30000', '--population', '10000'];

/** Runs a suite with the runner's own sandbox; the partner starts once the runner says where the sandbox is. */
async function ownSandboxRun(n: number, bugs: TestPartnerBugs, extraArgs: string[] = [], role: 'hip' | 'hiu' = 'hip') {
  const out = mkdtempSync(join(tmpdir(), 'abdm-run-'));
  const R = role.toUpperCase();
  const [serviceId, clientId] = [`CLI_${R}_${n}`, `CLI_${R}_CLIENT_${n}`];
  const cli = startCli(['run', '--suite', role, `--${role}-id`, serviceId, `--${role}-client-id`, clientId, '--gateway-port', '0', ...FAST, '--out', out, ...extraArgs], { [`ABDM_${R}_CLIENT_SECRET`]: SECRET });
  const [, url] = await cli.waitFor(/start your partner against (http:\/\/\S+) now/, 60_000);
  const partner = await TestPartner.start({ role, gatewayUrl: url, clientId, clientSecret: SECRET, serviceId, bugs });
  const code = await cli.exit;
  await partner.stop();
  return { code, output: cli.output(), out };
}

/** Every output but the bundle's signature, which is a JWT by design (a public statement, not a credential). */
function outputs(dir: string): string {
  return readdirSync(dir).filter((f) => f !== 'manifest.jws').map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

// exit: 1 when a MUST test catches the bug; 0 when only a SHOULD test does (it still fails, and is named).
const VARIANTS: Array<{ role: 'hip' | 'hiu'; bugs: TestPartnerBugs; caughtBy: string[]; exit?: number }> = [
  { role: 'hip', bugs: { skipsJwtVerification: true }, caughtBy: ['HIP.SECURITY.01', 'HIP.SECURITY.02'] },
  { role: 'hip', bugs: { acceptsExpiredTokens: true }, caughtBy: ['HIP.SECURITY.02'] },
  { role: 'hip', bugs: { noDeduplication: true }, caughtBy: ['HIP.ROBUST.01'], exit: 0 },
  { role: 'hip', bugs: { fixedRequestId: true }, caughtBy: ['HIP.HEADERS.02'] },
  { role: 'hip', bugs: { omitsCmIdOnAnswers: true }, caughtBy: ['HIP.HEADERS.04'] },
  { role: 'hiu', bugs: { skipsJwtVerification: true }, caughtBy: ['HIU.SECURITY.01', 'HIU.SECURITY.02'] },
  { role: 'hiu', bugs: { acceptsExpiredTokens: true }, caughtBy: ['HIU.SECURITY.02'] },
  { role: 'hiu', bugs: { fixedRequestId: true }, caughtBy: ['HIU.HEADERS.02'] },
];

describe('each broken partner is caught by the test meant for its bug, and only by it: abdm-sandbox run exits 1 (0 for a SHOULD)', () => {
  it.concurrent.each(VARIANTS.map((v, i) => ({ ...v, n: 100 + i })))('$role $bugs → $caughtBy', async ({ role, bugs, caughtBy, exit, n }) => {
    const { code, output, out } = await ownSandboxRun(n, bugs, [], role);
    expect(code, output).toBe(exit ?? 1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const failed = results.tests.filter((t: { outcome: string }) => t.outcome === 'fail').map((t: { id: string }) => t.id);
    expect(failed).toEqual(caughtBy);
    expect(results.tests.filter((t: { outcome: string }) => t.outcome === 'error')).toEqual([]);
    for (const id of caughtBy) {
      expect(output).toMatch(new RegExp(`  FAIL  ${id.replace(/\./g, '\\.')} `));
      expect(results.tests.find((t: { id: string }) => t.id === id).evidence.length).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('abdm-sandbox run', () => {
  it('with its own sandbox: a correct HIP exits 0, with progress per test, a valid results.json, junit.xml and the event log', async () => {
    const { code, output, out } = await ownSandboxRun(1, {});
    expect(code, output).toBe(0);
    expect(output).toMatch(/ {2}PASS {2}HIP\.SESSION\.01 +Obtains a gateway session token/);
    expect(output).toMatch(/ {2}SKIP {2}HIP\.SESSION\.02 .*\n {8}Refresh is not observable in this run/);
    expect(output).toContain('verdict: exit 0 (every MUST test passed)');
    expect(readdirSync(out).sort()).toEqual(['events.ndjson', 'junit.xml', 'manifest.json', 'manifest.jws', 'report.html', 'results.json']);

    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(validateResults(results), JSON.stringify(validateResults.errors)).toBe(true);
    expect(results.verdict.exitCode).toBe(0);
    expect(results.run.seed).toBe(1);
    expect(results.run.partners.hip).toEqual({ role: 'hip', serviceId: 'CLI_HIP_1', clientId: 'CLI_HIP_CLIENT_1' });
    expect(results.run.command).toBe(
      `ABDM_HIP_CLIENT_SECRET=<secret> abdm-sandbox run --suite hip --hip-id CLI_HIP_1 --hip-client-id CLI_HIP_CLIENT_1 --gateway-port 0 --tags gateway-core --seed 1 --timeout-ms 3000 --startup-timeout-ms 30000 --population 10000 --out ${out} --format json,junit,html`,
    );
    expect(output).toContain(`reproduce: ${results.run.command}`);

    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).toHaveLength(12);
    expect(junit).toContain('failures="0" errors="0" skipped="1"');
    const log = parseRunLog(readFileSync(join(out, 'events.ndjson'), 'utf8'));
    expect(log[log.length - 1].kind).toBe('run.finished');
    expect(log.filter((e) => e.kind === 'exchange').length).toBeGreaterThan(10);

    // Redaction: the client secret and the tokens never reach an output.
    expect(outputs(out) + output).not.toContain(SECRET);
    expect(outputs(out)).not.toMatch(/eyJ[\w-]{10,}\.eyJ/);
  }, 60_000);

  it('a HIP that skips JWT verification exits 1 and is named; listed as an expected failure it exits 0', async () => {
    const failures = mkdtempSync(join(tmpdir(), 'abdm-xfail-'));
    const file = join(failures, 'expected-failures.json');
    writeFileSync(file, JSON.stringify({ expectedFailures: [{ test: 'HIP.SECURITY.*', reason: 'JWT verification ships in release 2.3 (#41)' }] }));
    const [plain, expected] = await Promise.all([ownSandboxRun(2, { skipsJwtVerification: true }), ownSandboxRun(3, { skipsJwtVerification: true }, ['--expected-failures', file])]);

    expect(plain.code, plain.output).toBe(1);
    expect(plain.output).toMatch(/ {2}FAIL {2}HIP\.SECURITY\.01 +.*\n {8}✗ The partner accepted \(HTTP 202\)/);
    expect(plain.output).toContain('  ✗ HIP.SECURITY.02 (MUST) failed:');
    expect(plain.output).toContain('verdict: exit 1 (conformance failure)');
    expect(readFileSync(join(plain.out, 'junit.xml'), 'utf8')).toContain('<failure type="MUST" message="The partner accepted (HTTP 202)');

    expect(expected.code, expected.output).toBe(0);
    expect(expected.output).toContain('  ! HIP.SECURITY.01 failed as expected: JWT verification ships in release 2.3 (#41)');
    expect(readFileSync(join(expected.out, 'junit.xml'), 'utf8')).toContain('<skipped message="expected failure: JWT verification ships in release 2.3 (#41)"/>');
  }, 90_000);

  it('with --sandbox URL: grades an HIU through a running sandbox\'s admin API', async () => {
    const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, ...SMALL_WORLD, callbackTimeoutMs: 2_000, callbackRetryDelaysMs: [50, 100] });
    await running.sandbox.ctx.partners.register({ role: 'hiu', serviceId: 'REMOTE_HIU_1', clientId: 'REMOTE_HIU_CLIENT', clientSecret: SECRET });
    const partner = await TestPartner.start({ role: 'hiu', gatewayUrl: running.url, clientId: 'REMOTE_HIU_CLIENT', clientSecret: SECRET, serviceId: 'REMOTE_HIU_1' });
    const out = mkdtempSync(join(tmpdir(), 'abdm-remote-'));
    try {
      const { code, output } = await runCli(['run', '--suite', 'hiu', '--hiu-id', 'REMOTE_HIU_1', '--sandbox', running.url, '--timeout-ms', '3000', '--out', out]);
      expect(code, output).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.run.sandbox).toMatchObject({ mode: 'remote', url: running.url, cmId: 'sbx' });
      expect(results.tests.filter((t: { outcome: string }) => t.outcome === 'pass')).toHaveLength(10);
      expect(results.unmatched).toEqual([]);
      // The security tests' gateway calls went through POST /sandbox/callbacks, matched by their REQUEST-IDs.
      const security = results.tests.find((t: { id: string }) => t.id === 'HIU.SECURITY.01');
      expect(security.exchanges.length).toBeGreaterThanOrEqual(4);
      // The running sandbox signed the bundle over its admin API, with the key it publishes.
      const bundle = await verifyBundle(out, { now: Date.now(), pinnedKeyId: running.sandbox.ctx.reportKey.info.keyId });
      expect(bundle.problems).toEqual([]);
      expect(output).toContain(`signed: manifest.jws by the sandbox at ${running.sandbox.ctx.config.publicUrl}`);
    } finally {
      await partner.stop();
      await running.close();
    }
  }, 60_000);

  it('with --sandbox URL and --hip-operator-url: grades the reference HIP through a running sandbox, prompting its HIP-initiated steps', async () => {
    const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, ...SMALL_WORLD, callbackTimeoutMs: 2_000, callbackRetryDelaysMs: [50, 100] });
    // Patient-initiated flows (the admin API's virtual patient, consent manager and HIU) and HIP-initiated ones (the operator endpoints).
    const only = ['HIP.DISCOVER.02', 'HIP.LINK.03', 'HIP.LINK-TOKEN.01', 'HIP.NOTIFY.01', 'HIP.NOTIFY.02', 'HIP.DATA.02', 'HIP.REFUSE.01'];
    const hipId = await facilityServing(running.sandbox.ctx.world, only, (id) => running.sandbox.ctx.partners.service(id) !== undefined);
    await running.sandbox.ctx.partners.register({ role: 'hip', serviceId: hipId, clientId: 'REMOTE_HIP_CLIENT', clientSecret: SECRET });
    const hip = await startReferenceHip({ gatewayUrl: running.url, clientId: 'REMOTE_HIP_CLIENT', clientSecret: SECRET, hipId, operatorApi: true });
    const out = mkdtempSync(join(tmpdir(), 'abdm-remote-hip-'));
    try {
      const args = ['run', '--suite', 'hip', '--hip-id', hipId, '--sandbox', running.url, '--hip-operator-url', `${hip.url}/operator`, '--only', only.join(','), '--timeout-ms', '4000', '--out', out];
      const { code, output } = await runCli(args);
      expect(code, output).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.run.sandbox).toMatchObject({ mode: 'remote', url: running.url });
      expect(Object.fromEntries(results.tests.map((t: { id: string; outcome: string }) => [t.id, t.outcome]))).toEqual(Object.fromEntries(only.map((id) => [id, 'pass'])));
      expect(results.unmatched).toEqual([]);
      expect(results.run.command).toContain(`--hip-operator-url ${hip.url}/operator`);
      // The HIP-initiated link went from the HIP to the gateway, prompted through the operator endpoint.
      const linkToken = results.tests.find((t: { id: string }) => t.id === 'HIP.LINK-TOKEN.01');
      const linked = results.exchanges.filter((e: { id: number; direction: string; url: string }) => linkToken.exchanges.includes(e.id) && e.direction === 'inbound' && /\/hip\/v3\/link\/carecontext$/.test(e.url));
      expect(linked.length, JSON.stringify(linkToken.exchanges)).toBeGreaterThan(0);
    } finally {
      await hip.close();
      await running.close();
    }
  }, 60_000);

  it('bad usage or configuration exits 2 with one clear line, before any test runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'abdm-usage-'));
    const badFile = join(out, 'xfail.json');
    writeFileSync(badFile, JSON.stringify([{ test: 'HIP.SECURITY.01' }]));
    const cases: Array<[string[], RegExp]> = [
      [['run', '--suite', 'hip', '--hip-id', 'X'], /--out <dir> is required/],
      [['run', '--suite', 'hip', '--hip-id', 'X', '--out', out, '--sandbox', 'http://localhost:1', '--gateway-port', '0'], /give either --sandbox .* or --gateway-port/],
      [['run', '--suite', 'hip', '--hip-id', 'X', '--out', out, '--format', 'xml'], /--format takes json, junit/],
      [['run', '--suite', 'hip', '--hip-id', 'X', '--out', out, '--expected-failures', badFile], /entry 1 \(HIP.SECURITY.01\): "reason" must say why/],
      [['run', '--suite', 'hip', '--hip-id', 'NOT_REGISTERED', '--gateway-port', '0', '--population', '1000', '--out', out], /HIP NOT_REGISTERED is not registered in the sandbox; give --hip-client-id and --hip-client-secret/],
      [['run', '--suite', 'hip', '--hip-id', 'X', '--only', 'HIP.NOPE.01', '--gateway-port', '0', '--population', '1000', '--out', out], /--only HIP.NOPE.01 matches no test/],
      [['run', '--suite', 'hip', '--hip-id', 'X', '--sandbox', 'http://127.0.0.1:9', '--out', out], /no sandbox answers at http:\/\/127.0.0.1:9/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach(({ code, output }, i) => {
      expect(code, output).toBe(2);
      expect(output).toMatch(cases[i][1]);
    });
    // Nothing ran, so nothing was written.
    expect(readdirSync(out)).toEqual(['xfail.json']);
  }, 60_000);

  it('a sandbox that fails under the runner is a harness error: exit 3', async () => {
    // Looks like a sandbox (health, event stream) but fails when asked for its partners.
    const server = createServer((req, res) => {
      if (req.url === '/sandbox/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'UP', version: '0.1.0', seed: 1, population: 10, publicUrl: 'http://x', cmId: 'sbx' }));
      if (req.url === '/sandbox/events') return void res.writeHead(200, { 'content-type': 'text/event-stream' }).write(': abdm-sandbox event stream\n\n');
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"ABDM-9999","message":"disk full"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { code, output } = await runCli(['run', '--suite', 'hip', '--hip-id', 'X', '--sandbox', url, '--out', mkdtempSync(join(tmpdir(), 'abdm-h-'))]);
      expect(code, output).toBe(3);
      expect(output).toContain('abdm-sandbox run: harness error: GET /sandbox/partners answered 500');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 30_000);
});
