// Benchmark: `abdm-sandbox serve --population 170000000` boots (health answers 200) in ≤ 1 s with RSS ≤ 150 MB.
// Measured for a first start (fresh store: signing keys are generated) and a restart (keys loaded).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable, REPO_ROOT, rssOf, stopProcess, verdict, writeResult } from './bench-support.js';

const POPULATION = 170_000_000;

async function bootOnce(dataDir: string): Promise<{ bootMs: number; rssBytes: number }> {
  const cli = join(REPO_ROOT, 'dist/bin/abdm-sandbox.js');
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--population', String(POPULATION), '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  try {
    for (;;) {
      const m = /gateway\s+(http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        const health = await fetch(`${m[1]}/sandbox/health`).catch(() => undefined);
        if (health?.status === 200) {
          const bootMs = performance.now() - started;
          return { bootMs, rssBytes: rssOf(child.pid!) ?? Number.NaN };
        }
      }
      if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
      if (performance.now() - started > 30_000) throw new Error(`serve did not become healthy: ${out}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stopProcess(child);
  }
}

export async function runServeBootBenchmark(): Promise<object> {
  const dataDir = mkdtempSync(join(tmpdir(), 'abdm-boot-'));
  try {
    const first = await bootOnce(dataDir);
    const restarts = [];
    for (let i = 0; i < 3; i++) restarts.push(await bootOnce(dataDir));
    const best = restarts.reduce((a, b) => (a.bootMs < b.bootMs ? a : b));
    const worstRss = Math.max(first.rssBytes, ...restarts.map((r) => r.rssBytes));
    const ok = best.bootMs <= 1000 && first.bootMs <= 1000 && worstRss <= 150 * 1024 * 1024;
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    printTable(`serve --population ${POPULATION.toLocaleString('en-IN')}`, [
      ['first start (keys generated)', `${first.bootMs.toFixed(0)} ms, RSS ${mb(first.rssBytes)}`],
      ['restart (best of 3)', `${best.bootMs.toFixed(0)} ms, RSS ${mb(best.rssBytes)}`],
      ['target ≤ 1000 ms, ≤ 150 MB', '', verdict(ok)],
    ]);
    const file = writeResult('serve-boot', { population: POPULATION, firstStart: first, restarts, targetMs: 1000, targetRssBytes: 150 * 1024 * 1024, pass: ok });
    console.log(`  written to ${file}`);
    return { pass: ok };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await runServeBootBenchmark();
}
