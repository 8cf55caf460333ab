// The HIU suite (M3) against the reference HIU and its mutants, in one sandbox: the reference passes every MUST
// (exit 0); each mutant, run with only the tests meant for it, fails there with its rule (exit 1 for a MUST).
// Each HIU gets its own client and HIU id, so the runs share the sandbox and go in parallel.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIU_MUTANTS, type HiuMutant } from '../../fixtures/partners/hiu/mutants/index.js';
import { startReferenceHiu, type ReferenceHiuOptions } from '../../fixtures/partners/hiu/reference-hiu.js';
import { runConformance, type RunResult } from '../../conformance/runner/runner.js';
import { flowActions } from '../../conformance/sandbox-link/flow-actions.js';
import { hiuFlowActions } from '../../conformance/sandbox-link/hiu-flow-actions.js';
import { InProcessSandboxLink } from '../../conformance/sandbox-link/in-process-link.js';
import { hiuOperatorActions } from '../../conformance/sandbox-link/operator-actions.js';
import { SUITES } from '../../conformance/suites/index.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox-server/http/server.js';
import { runCli, startCli } from '../support/cli-process.js';
import { SMALL_WORLD } from '../support/test-sandbox.js';

let running: RunningSandbox;
let count = 0;

beforeAll(async () => {
  running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, ...SMALL_WORLD, callbackTimeoutMs: 2_000, callbackRetryDelaysMs: [50, 100] });
});
afterAll(async () => {
  await running?.close();
});

/** Starts a reference HIU (with a mutant's variation) under a fresh client, runs the HIU suite (or `only` its tests) against it. */
async function runAgainst(variation: Partial<ReferenceHiuOptions> = {}, only: string[] = [], timeoutMs = 4_000): Promise<RunResult> {
  count += 1;
  const serviceId = `SUITE_HIU_${count}`;
  const clientId = `SUITE_HIU_CLIENT_${count}`;
  const clientSecret = `suite-hiu-secret-${count}`;
  await running.sandbox.ctx.partners.register({ role: 'hiu', serviceId, clientId, clientSecret });
  const hiu = await startReferenceHiu({ gatewayUrl: running.url, clientId, clientSecret, hiuId: serviceId, operatorApi: true, autoRequestData: false, answerTimeoutMs: 5_000, transferTimeoutMs: 5_000, ...variation });
  const actions = new Map([...flowActions(running.sandbox), ...hiuFlowActions(running.sandbox), ...hiuOperatorActions(`${hiu.url}/operator`)]);
  const link = new InProcessSandboxLink({ sandbox: running.sandbox, url: running.url, actions });
  try {
    return await runConformance({
      link,
      suites: SUITES,
      selection: { suites: ['hiu'], only, tags: [] },
      partners: { hiu: { serviceId } },
      seed: 1,
      timeoutMs,
      startupTimeoutMs: 15_000,
      concurrency: 4,
      secrets: [clientSecret],
    });
  } finally {
    await hiu.close();
  }
}

const outcomes = (r: RunResult) => Object.fromEntries(r.summary.tests.map((t) => [t.id, t.outcome]));

describe('the HIU suite against the reference HIU', () => {
  it('passes every MUST and SHOULD (the session refresh cannot be observed in a short run) and exits 0', async () => {
    const started = performance.now();
    const r = await runAgainst();
    const seconds = (performance.now() - started) / 1000;
    const notPassed = r.summary.tests.filter((t) => t.outcome !== 'pass').map((t) => `${t.id} ${t.outcome}: ${t.summary}`);
    expect(notPassed).toEqual([expect.stringMatching(/^HIU\.SESSION\.02 skip: Refresh is not observable/)]);
    expect(r.summary.verdict).toMatchObject({ exitCode: 0, outcome: 'pass' });
    expect(r.summary.unmatched).toEqual([]);
    // Every flow group is there and graded something.
    for (const group of ['HIU.CONSENT', 'HIU.DATA', 'HIU.RECEIVE', 'HIU.STOP']) expect(r.summary.tests.filter((t) => t.id.startsWith(`${group}.`) && t.outcome === 'pass').length).toBeGreaterThan(1);
    console.log(`HIU suite against the reference HIU: ${r.summary.tests.length} tests in ${seconds.toFixed(1)} s`);
  }, 90_000);
});

describe.each(HIU_MUTANTS.map((m) => [m.id, m] as [string, HiuMutant]))('mutant %s', (_id, mutant) => {
  it(`is caught by ${mutant.caughtBy.tests.join(', ')} with ${mutant.caughtBy.rule}`, async () => {
    const r = await runAgainst(mutant.variation(), mutant.caughtBy.tests, 2_000);
    for (const id of mutant.caughtBy.tests) {
      const t = r.summary.tests.find((x) => x.id === id)!;
      expect(t.outcome, `${id}: ${t.summary}`).toBe('fail');
      expect(t.checks.filter((c) => !c.passed && c.severity === 'error').map((c) => c.ruleId)).toContain(mutant.caughtBy.rule);
    }
    expect(r.summary.verdict.exitCode).toBe(mutant.level === 'MUST' ? 1 : 0);
    expect(Object.values(outcomes(r))).not.toContain('error');
    expect(r.summary.unmatched).toEqual([]);
  }, 60_000);
});

describe('from the command line', () => {
  it('abdm-sandbox reference hiu --mutant, graded by abdm-sandbox run --sandbox URL --hiu-operator-url: caught, exit 1', async () => {
    await running.sandbox.ctx.partners.register({ role: 'hiu', serviceId: 'CLI_HIU_1', clientId: 'CLI_HIU_CLIENT', clientSecret: 'cli-hiu-secret-1' });
    const hiu = startCli(['reference', 'hiu', '--gateway', running.url, '--port', '0', '--client-id', 'CLI_HIU_CLIENT', '--client-secret', 'cli-hiu-secret-1', '--hiu-id', 'CLI_HIU_1', '--mutant', 'requests-after-revoke']);
    try {
      const [, url] = await hiu.waitFor(/bridge +(http:\/\/\S+)\/api\/v3/);
      expect(hiu.output()).toContain('as mutant requests-after-revoke: keeps asking for data under an artefact after it was revoked or expired');
      const out = mkdtempSync(join(tmpdir(), 'abdm-hiu-cli-'));
      const only = 'HIU.CONSENT.03,HIU.RECEIVE.04,HIU.STOP.01';
      const { code, output } = await runCli(['run', '--suite', 'hiu', '--hiu-id', 'CLI_HIU_1', '--sandbox', running.url, '--hiu-operator-url', `${url}/operator`, '--only', only, '--timeout-ms', '3000', '--out', out]);
      expect(code, output).toBe(1);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.run.sandbox).toMatchObject({ mode: 'remote' });
      expect(results.run.command).toContain(`--hiu-operator-url ${url}/operator`);
      // The sandbox's side (policies, virtual-HIP behaviour, revocation) went through the admin API.
      expect(Object.fromEntries(results.tests.map((t: { id: string; outcome: string }) => [t.id, t.outcome]))).toEqual({ 'HIU.CONSENT.03': 'pass', 'HIU.RECEIVE.04': 'pass', 'HIU.STOP.01': 'fail' });
      expect(output).toMatch(/FAIL {2}HIU\.STOP\.01 +Asks for no data under a REVOKED consent/);
      expect(results.unmatched).toEqual([]);
    } finally {
      hiu.child.kill();
      await hiu.exit;
    }
  }, 90_000);

  it('abdm-sandbox reference hiu refuses an unknown mutant, naming the mutants', async () => {
    const { code, output } = await runCli(['reference', 'hiu', '--mutant', 'no-such-bug']);
    expect(code).not.toBe(0);
    expect(output).toContain('no HIU mutant "no-such-bug"; the mutants are wrong-purpose-text, object-acknowledgement');
  }, 30_000);
});
