// The M1 suite end to end: the runner drives the reference ABHA client through the declared journey against an
// in-process sandbox (its clock moved on for the OTP resend waits) and grades the journal; every MUST passes. Each
// mutant breaks one rule, and the test meant for it fails with that rule. A remote-style run (no journey action)
// grades calls the client made itself, with the same tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runM1Journey } from '../../fixtures/partners/abha/m1-journey.js';
import { ABHA_MUTANTS } from '../../fixtures/partners/abha/mutants/index.js';
import { ReferenceAbhaClient, type AbhaClientBehaviour } from '../../fixtures/partners/abha/reference-abha-client.js';
import type { RunSummary, TestResult } from '../../conformance/results/run-summary.js';
import { runConformance } from '../../conformance/runner/runner.js';
import { abhaJourneyActions } from '../../conformance/sandbox-link/abha-journey-action.js';
import { InProcessSandboxLink } from '../../conformance/sandbox-link/in-process-link.js';
import { ATTESTATION_PREFIX } from '../../conformance/suites/abha/attestation.js';
import { SUITES } from '../../conformance/suites/index.js';
import { OffsetClock } from '../../protocol/clock.js';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { rngFor } from '../../protocol/random.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox-server/http/server.js';
import { renderHtmlReport } from '../../reports/html/html-report.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-process.js';
import { SMALL_WORLD } from '../support/test-sandbox.js';

let running: RunningSandbox;
const clock = new OffsetClock();
let runs = 0;

beforeAll(async () => {
  running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, ...SMALL_WORLD, clock });
});
afterAll(() => running.close());

/** A fresh client id per run (runs share the sandbox, as partners share a real one), and a seed of its own. */
function identity() {
  runs += 1;
  return { clientId: `ABHA_TEST_CLIENT_${runs}`, clientSecret: `abha-test-secret-${runs}`, serviceId: `ABHA_TEST_APP_${runs}`, seed: runs };
}

/** Runs the abha suite with the runner driving the reference client (or a mutant's variation of it). */
async function runDriven(behaviour?: Partial<AbhaClientBehaviour>) {
  const who = identity();
  const actions = abhaJourneyActions({ baseUrl: running.url, clientId: who.clientId, clientSecret: who.clientSecret, clock, sleep: async (ms) => clock.advance(ms), ...(behaviour ? { behaviour } : {}) });
  const link = new InProcessSandboxLink({ sandbox: running.sandbox, url: running.url, actions });
  const result = await runConformance({
    link,
    suites: SUITES,
    selection: { suites: ['abha'], only: [], tags: [] },
    partners: { abha: { clientId: who.clientId, registration: { role: 'hip', serviceId: who.serviceId, clientId: who.clientId, clientSecret: who.clientSecret } } },
    seed: who.seed,
    timeoutMs: 2_000,
    startupTimeoutMs: 5_000,
    concurrency: 4,
    secrets: [who.clientSecret],
  });
  return result;
}

const test = (summary: RunSummary, id: string): TestResult => summary.tests.find((t) => t.id === id)!;

describe('the abha suite against the reference M1 client', () => {
  let summary: RunSummary;
  let html: string;
  beforeAll(async () => {
    const result = await runDriven();
    summary = result.summary;
    html = renderHtmlReport(result.log);
  });

  it('passes every MUST test and exits 0', () => {
    const mustProblems = summary.tests.filter((t) => t.level === 'MUST' && !t.tags.includes('attestation') && t.outcome !== 'pass');
    expect(mustProblems.map((t) => `${t.id}: ${t.outcome} ${t.summary}`)).toEqual([]);
    expect(summary.verdict.exitCode).toBe(0);
  });

  it('grades the SHOULD tests too: the reference client does all of them', () => {
    const should = summary.tests.filter((t) => t.level === 'SHOULD');
    expect(should.length).toBeGreaterThan(4);
    expect(should.filter((t) => t.outcome !== 'pass').map((t) => `${t.id}: ${t.summary}`)).toEqual([]);
  });

  it('ran every step of the journey, with two accepted OTP resends 60 s apart', () => {
    const journey = test(summary, 'ABHA.JOURNEY.01');
    expect(journey.checks.map((c) => c.message.split(':')[0])).toEqual(['enrolment', 'profile-card-qr', 'login-abha-number', 'login-mobile', 'login-aadhaar', 'abha-address-login']);
    expect(test(summary, 'ABHA.ENROL.03').checks[0].message).toMatch(/3 \(the first and 2 resends/);
  });

  it('lists the human-only cases as attestation items, not graded, and the report shows them for a reviewer', () => {
    const attest = summary.tests.filter((t) => t.tags.includes('attestation'));
    expect(attest.map((t) => t.id)).toContain('ABHA.ATTEST.07');
    expect(test(summary, 'ABHA.ATTEST.07').nhaTestCases).toEqual(['LINK_ABHA_701']);
    for (const t of attest) {
      expect(t.outcome).toBe('skip');
      expect(t.summary).toContain(ATTESTATION_PREFIX);
    }
    expect(html).toContain('To be attested by a reviewer');
    expect(html).toContain('Links the ABHA number to an existing ABHA address');
  });

  it('maps the NHA M1 test cases named in the spec', () => {
    const covered = new Set(summary.tests.flatMap((t) => t.nhaTestCases));
    for (const id of ['CRT_ABHA_101', 'CRT_ABHA_106', 'CRT_ABHA_112', 'CRT_ABHA_114', 'VRFY_ABHA_101', 'VRFY_ABHA_401', 'PROF_ABHA_601', 'LINK_ABHA_701']) expect(covered).toContain(id);
  });
});

describe('the abha suite against the mutants', () => {
  for (const mutant of ABHA_MUTANTS) {
    it(`${mutant.id}: ${mutant.caughtBy.tests.join(', ')} fails with ${mutant.caughtBy.rule}, exit ${mutant.level === 'MUST' ? 1 : 0}`, async () => {
      const { summary } = await runDriven(mutant.variation());
      for (const id of mutant.caughtBy.tests) {
        const t = test(summary, id);
        expect(t.outcome, `${id}: ${t.summary}`).toBe('fail');
        expect(t.checks.filter((c) => !c.passed).map((c) => c.ruleId)).toContain(mutant.caughtBy.rule);
        expect(t.level).toBe(mutant.level);
      }
      expect(summary.verdict.exitCode).toBe(mutant.level === 'MUST' ? 1 : 0);
    });
  }
});

describe('grading a client that runs its own journey (remote partner)', () => {
  it('waits for the client\'s calls and grades them with the same tests; a run where it calls nothing fails', async () => {
    const who = identity();
    await running.sandbox.ctx.partners.register({ role: 'hip', serviceId: who.serviceId, clientId: who.clientId, clientSecret: who.clientSecret });
    const link = new InProcessSandboxLink({ sandbox: running.sandbox, url: running.url });
    const options = {
      link,
      suites: SUITES,
      selection: { suites: ['abha'], only: [], tags: [] },
      partners: { abha: { clientId: who.clientId } },
      timeoutMs: 2_000,
      startupTimeoutMs: 20_000,
      concurrency: 4,
    };
    // The partner's app, started on its own once the runner waits for it; the early resend is its own bug.
    const client = new ReferenceAbhaClient({ baseUrl: running.url, clientId: who.clientId, clientSecret: who.clientSecret, clock, sleep: async (ms) => clock.advance(ms), rng: rngFor(99), behaviour: { resendWaitMs: 30_000 } });
    let journey: ReturnType<typeof runM1Journey> | undefined;
    const { summary } = await runConformance({
      ...options,
      seed: 50,
      onEntry: (entry) => {
        if (entry.kind === 'test.started' && entry.testId === 'ABHA.JOURNEY.01') journey = runM1Journey(client, { aadhaar: syntheticAadhaar(7_654_321), communicationMobile: '9876500011' });
      },
    });
    const report = await journey!;
    expect(report.steps.find((s) => s.name === 'enrolment')?.ok).toBe(true);
    expect(test(summary, 'ABHA.JOURNEY.01').outcome).toBe('pass');
    expect(test(summary, 'ABHA.ENROL.01').outcome).toBe('pass');
    expect(test(summary, 'ABHA.CRYPTO.01').outcome).toBe('pass');
    expect(test(summary, 'ABHA.ENROL.02').checks.filter((c) => !c.passed).map((c) => c.ruleId)).toContain('abha-otp-resend-too-early');
    expect(summary.verdict.exitCode).toBe(1);

    const silent = await runConformance({ ...options, seed: 51, startupTimeoutMs: 300 });
    expect(test(silent.summary, 'ABHA.JOURNEY.01')).toMatchObject({ outcome: 'fail' });
    expect(test(silent.summary, 'ABHA.JOURNEY.01').summary).toMatch(/fetched no ABHA card/);
  });
});

describe('abdm-sandbox run --suite abha', () => {
  it('drives the reference client (exit 0) and a mutant (exit 1), and refuses an unknown mutant', async () => {
    const common = ['run', '--suite', 'abha', '--gateway-port', '0', '--population', '10000', '--format', 'json'];
    const [good, bad, unknown] = await Promise.all([
      runCli([...common, '--out', mkdtempSync(join(tmpdir(), 'abha-cli-'))]),
      runCli([...common, '--abha-mutant', 'pkcs1-padding', '--out', mkdtempSync(join(tmpdir(), 'abha-cli-'))]),
      runCli([...common, '--abha-mutant', 'nope', '--out', mkdtempSync(join(tmpdir(), 'abha-cli-'))]),
    ]);
    expect(good.code, good.output).toBe(0);
    expect(good.output).toMatch(/M1: incomplete — 16 of 22 MUST tests pass, 6 to be attested by a reviewer/);
    const out = good.output.match(/outputs: (\S+)\/events\.ndjson/)![1];
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.run.partners.abha).toEqual({ role: 'abha', serviceId: 'SBX_ABHA_REFERENCE', clientId: 'SBX_ABHA_REFERENCE' });
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/FAIL {2}ABHA\.CRYPTO\.01/);
    expect(bad.output).toContain('reproduce: abdm-sandbox run --suite abha --abha-mutant pkcs1-padding');
    expect(unknown.code).toBe(2);
    expect(unknown.output).toMatch(/--abha-mutant takes pkcs1-padding, /);
  }, 60_000);
});
