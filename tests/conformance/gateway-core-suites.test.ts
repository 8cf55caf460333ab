// The gateway-core tests of the HIP and HIU suites against test partners, in process: a correct partner passes
// every test (but the refresh test, which a short run cannot observe); a broken one is shown with its evidence.
// Every broken variant through `abdm-sandbox run`, with its exit code, is in run-command.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../conformance/runner/runner.js';
import { startConformanceHarness, type ConformanceHarness } from '../support/conformance-harness.js';

let h: ConformanceHarness;
beforeAll(async () => {
  h = await startConformanceHarness();
});
afterAll(async () => {
  await h.close();
});

const notPassed = (r: RunResult) => r.summary.tests.filter((t) => t.outcome !== 'pass').map((t) => `${t.id} ${t.outcome}`);

describe('a correct partner', () => {
  it.concurrent.each(['hip', 'hiu'] as const)('passes every %s test; the session refresh is skipped with the reason', async (role) => {
    const r = await h.runAgainst(role);
    const prefix = role.toUpperCase();
    expect(notPassed(r)).toEqual([`${prefix}.SESSION.02 skip`]);
    expect(r.summary.tests.find((t) => t.id === `${prefix}.SESSION.02`)?.summary).toMatch(/^Refresh is not observable in this run: the partner's token was valid until \d+ s after the run ended \(a token lives 1200 s\)$/);
    expect(r.summary.verdict).toMatchObject({ exitCode: 0, outcome: 'pass' });
    expect(r.summary.unmatched).toEqual([]);
    // Warnings from the sandbox's findings: this bridge URL is plain http with an IP and a port.
    const bridge = r.summary.tests.find((t) => t.id === `${prefix}.BRIDGE.01`)!;
    expect(bridge.messages.filter((m) => m.level === 'warning').map((m) => m.ruleId).sort()).toEqual(['bridge-url-host', 'bridge-url-https']);
  }, 60_000);
});

describe('a broken partner (every variant, with its exit code, is in run-command.test.ts)', () => {
  it('a partner that acts on a forged call is shown acting: its answer is the evidence', async () => {
    const r = await h.runAgainst('hip', { skipsJwtVerification: true }, { selection: { suites: ['hip'], only: ['HIP.SECURITY.01'], tags: [] } });
    const test = r.summary.tests[0];
    const actedOn = test.checks.find((c) => c.ruleId === 'callback-signature-not-acted-on')!;
    expect(actedOn.passed).toBe(false);
    const answer = r.summary.exchanges.find((e) => e.id === actedOn.evidence[0])!;
    expect(answer).toMatchObject({ direction: 'inbound', operationId: 'uil.on-discover' });
  }, 60_000);

  it('a TIMESTAMP with an offset and no milliseconds is a warning from the gateway\'s finding, not a failure', async () => {
    const r = await h.runAgainst('hip', { timestampWithOffset: true });
    expect(r.summary.verdict.exitCode).toBe(0);
    const timestamps = r.summary.tests.find((t) => t.id === 'HIP.HEADERS.03')!;
    expect(timestamps.outcome).toBe('pass');
    expect(timestamps.messages.filter((m) => m.ruleId === 'hdr-timestamp-format').length).toBeGreaterThan(0);
  }, 60_000);
});
