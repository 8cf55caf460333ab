import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
