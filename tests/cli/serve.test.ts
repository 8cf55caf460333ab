import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

describe('abdm-sandbox serve', () => {
  it('prints the base URL, demo credentials and admin URLs, answers health, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/abdm-sandbox.ts', 'serve', '--port', '0', '--in-memory', '--population', '10000'], { cwd: root });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!out.includes('Ctrl-C to stop') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('abdm-sandbox ready');
    expect(out).toMatch(/demo HIP\s+clientId SBX_DEMO_HIP\s+clientSecret demo-hip-secret\s+X-HIP-ID IN\d{10}/);
    expect(out).toMatch(/demo HIU\s+clientId SBX_DEMO_HIU\s+clientSecret demo-hiu-secret/);
    const base = /gateway\s+(http:\/\/localhost:\d+)\/api\/hiecm/.exec(out)![1];
    expect(out).toContain(`${base}/sandbox/journal`);
    expect(out).toMatch(new RegExp(`report key +Ed25519 [\\w-]{43}, signs run bundles \\(${base}/sandbox/signing-key\\)`));
    const health = await fetch(`${base}/sandbox/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'UP', population: 10000, cmId: 'sbx' });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 30_000);

  it('refuses a bad option with exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/abdm-sandbox.ts', 'serve', '--port', 'eighty'], { cwd: root });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--port must be an integer, not "eighty"');
  });
});
