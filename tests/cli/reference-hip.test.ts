import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli, startCli } from '../support/cli-process.js';
import { facilityServing } from '../support/reference-hip-runs.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const root = join(import.meta.dirname, '../..');
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('abdm-sandbox reference hip', () => {
  it('logs in as the demo HIP, registers its bridge, serves its patients on the operator console, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/abdm-sandbox.ts', 'reference', 'hip', '--gateway', t.running.url, '--port', '0'], { cwd: root });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const deadline = Date.now() + 20_000;
      while (!out.includes('Ctrl-C to stop') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toContain(`reference HIP ${t.hipId}`);
      const bridge = /bridge\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v3/.exec(out)![1];
      expect(t.running.sandbox.ctx.partners.client('SBX_DEMO_HIP')!.bridgeUrl).toBe(bridge);
      const patients = (await (await fetch(`${bridge}/operator/patients?limit=2`)).json()) as Array<{ abhaAddress: string; careContexts: unknown[] }>;
      expect(patients).toHaveLength(2);
      expect(patients[0].careContexts.length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  }, 30_000);

  it('--mutant <id> runs it with that bug, and `abdm-sandbox run` through the same sandbox catches it with the test meant for it', async () => {
    const { partners, world } = t.running.sandbox.ctx;
    const hipId = await facilityServing(world, ['HIP.NOTIFY.02'], (id) => partners.service(id) !== undefined);
    await partners.register({ role: 'hip', serviceId: hipId, clientId: 'MUTANT_CLIENT', clientSecret: 'mutant-secret-1234' });
    const hip = startCli(['reference', 'hip', '--gateway', t.running.url, '--port', '0', '--client-id', 'MUTANT_CLIENT', '--client-secret', 'mutant-secret-1234', '--hip-id', hipId, '--mutant', 'masked-sms-phone']);
    try {
      const [, bridge] = await hip.waitFor(/bridge\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/v3/, 20_000);
      expect(hip.output()).toContain('MUTANT       masked-sms-phone: sms/notify2 carries a masked phone number; caught by HIP.NOTIFY.02 (HIP-SMS-PHONE, MUST)');
      const run = await runCli(['run', '--suite', 'hip', '--hip-id', hipId, '--sandbox', t.running.url, '--hip-operator-url', `${bridge}/operator`, '--only', 'HIP.NOTIFY.02', '--timeout-ms', '4000', '--out', mkdtempSync(join(tmpdir(), 'abdm-mutant-'))]);
      expect(run.code, run.output).toBe(1);
      expect(run.output).toMatch(/ {2}FAIL {2}HIP\.NOTIFY\.02 .*\n {8}✗ .*phoneNo "\d{6}\*{4}"/);
    } finally {
      hip.child.kill('SIGTERM');
    }
    expect(await hip.exit).toBe(0);
  }, 60_000);

  it('--mutant with an unknown id is a usage error that lists the mutants; --list-mutants lists them', async () => {
    const [bad, list] = await Promise.all([runCli(['reference', 'hip', '--mutant', 'nope']), runCli(['reference', 'hip', '--list-mutants'])]);
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/--mutant must be one of skips-jwt-signature, .*masked-sms-phone/);
    expect(list.code).toBe(0);
    expect(list.output.trim().split('\n').length).toBeGreaterThanOrEqual(15);
    expect(list.output).toContain('accepts-wrong-otp: link confirm links whatever OTP the patient typed; caught by HIP.LINK.03 (link-wrong-otp-refused, MUST)');
  }, 30_000);
});
