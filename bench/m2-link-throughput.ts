// Benchmark: HIP-initiated linking throughput. Link tokens are generated once per patient, then link/carecontext
// calls (one care context each, 64 in flight) run against a sandbox in its own process with a file-backed store;
// a link counts when its on_carecontext reaches the HIP's bridge. Target: the national record of 27 lakh links
// in a day replayed in ≤ 20 minutes, i.e. ≥ 2,250 links/s. Reported both as wall-clock links/s on this machine
// (the load generator shares its two cores) and as links per CPU-second of the sandbox process.
import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld } from '../fixtures/world/world.js';
import { printTable, startServerProcess, stopProcess, verdict, writeResult } from './bench-support.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const WARMUP_S = 2;
const PATIENTS = 200;
const TARGET_LINKS_PER_SECOND = 2_250;

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS * 2 });

function post(port: number, path: string, body: unknown, headers: Record<string, string>): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSecondsOf(pid: number, ticksPerSecond: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runM2LinkThroughputBenchmark(): Promise<object> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  // BENCH_PROFILE_DIR=/some/dir writes a V8 CPU profile of the sandbox process there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const execArgv = [...(ext === '.ts' ? ['--import', 'tsx'] : []), ...profile];
  const dataDir = mkdtempSync(join(tmpdir(), 'abdm-bench-m2-'));
  const sandbox = await startServerProcess(join(new URL('.', import.meta.url).pathname, `servers/sandbox-server${ext}`), [dataDir], execArgv);
  const ticks = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

  // The HIP's bridge: answers 202 and hands each on_* body to whoever waits for its response.requestId.
  const waiting = new Map<string, (body: any) => void>();
  const bridge = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(202).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const done = waiting.get(body.response?.requestId);
      if (done) {
        waiting.delete(body.response.requestId);
        done(body);
      }
    });
  });
  await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve));
  const bridgePort = (bridge.address() as AddressInfo).port;
  try {
    const port = sandbox.port;
    const std = () => ({ 'request-id': randomUUID(), timestamp: new Date().toISOString(), 'x-cm-id': 'sbx' });
    const session = await fetch(`http://127.0.0.1:${port}/api/hiecm/gateway/v3/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', ...std() }, body: JSON.stringify({ clientId: 'SBX_DEMO_HIP', clientSecret: 'demo-hip-secret', grantType: 'client_credentials' }) });
    const { accessToken } = (await session.json()) as { accessToken: string };
    const services = (await (await fetch(`http://127.0.0.1:${port}/api/hiecm/gateway/v3/bridge-services`, { headers: { authorization: `Bearer ${accessToken}`, ...std() } })).json()) as { services: Array<{ id: string }> };
    const hipId = services.services[0].id;
    const auth = { authorization: `Bearer ${accessToken}`, 'x-hip-id': hipId };
    await fetch(`http://127.0.0.1:${port}/api/hiecm/gateway/v3/bridge/url`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...auth, ...std() }, body: JSON.stringify({ url: `http://127.0.0.1:${bridgePort}` }) });

    const ask = (path: string, body: unknown, extra: Record<string, string> = {}) => {
      const headers = { ...auth, ...std(), ...extra };
      const answered = new Promise<any>((resolve) => waiting.set(headers['request-id'], resolve));
      return post(port, path, body, headers).then((status) => ({ status, answered }));
    };

    // Link tokens, once per patient (the world is the server's: seed 1, one million people).
    const world = createWorld({ seed: 1, population: 1_000_000 });
    const tokens: Array<{ abhaAddress: string; abhaNumber: string; token: string }> = [];
    for (let i = 0; i < PATIENTS; i++) {
      const p = world.patient(i * 4999);
      const { status, answered } = await ask('/api/hiecm/v3/token/generate-token', { abhaNumber: Number(p.abhaNumber), abhaAddress: p.abhaAddress, name: p.name.full, gender: p.gender, yearOfBirth: p.yearOfBirth });
      if (status !== 202) throw new Error(`generate-token answered ${status}`);
      tokens.push({ abhaAddress: p.abhaAddress, abhaNumber: p.abhaNumber, token: (await answered).linkToken });
    }

    let measuring = false;
    let stop = false;
    let completed = 0;
    let failed = 0;
    const latencies: number[] = [];
    let sequence = 0;
    const worker = async () => {
      while (!stop) {
        const n = sequence++;
        const t = tokens[n % tokens.length];
        const body = { abhaNumber: t.abhaNumber, abhaAddress: t.abhaAddress, patient: [{ referenceNumber: `MRN-${n % tokens.length}`, display: 'Bench patient', careContexts: [{ referenceNumber: `CC-${n}`, display: 'OPD visit' }], hiType: 'OPConsultation', count: 1 }] };
        const started = performance.now();
        const { status, answered } = await ask('/api/hiecm/hip/v3/link/carecontext', body, { 'x-link-token': t.token });
        const answer = status === 202 ? await answered : undefined;
        if (!measuring) continue;
        if (answer && !answer.error) {
          completed++;
          latencies.push(performance.now() - started);
        } else failed++;
      }
    };
    const workers = Array.from({ length: CONNECTIONS }, worker);
    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
    const cpu0 = cpuSecondsOf(sandbox.child.pid!, ticks);
    const self0 = process.cpuUsage();
    const t0 = performance.now();
    measuring = true;
    await new Promise((r) => setTimeout(r, DURATION_S * 1000));
    measuring = false;
    const elapsedS = (performance.now() - t0) / 1000;
    const sandboxCpuS = cpuSecondsOf(sandbox.child.pid!, ticks) - cpu0;
    const selfCpu = process.cpuUsage(self0);
    stop = true;
    await Promise.all(workers);

    latencies.sort((a, b) => a - b);
    const linksPerSecond = completed / elapsedS;
    const linksPerSandboxCpuSecond = completed / sandboxCpuS;
    const replayMinutes = 2_700_000 / linksPerSecond / 60;
    const pass = linksPerSecond >= TARGET_LINKS_PER_SECOND;
    printTable(`HIP-initiated linking throughput (${CONNECTIONS} in flight, ${DURATION_S} s, ${PATIENTS} link tokens, file-backed store)`, [
      ['links completed (on_carecontext received)', `${completed} (${failed} failed)`],
      ['links/s, wall clock (target ≥ 2,250)', linksPerSecond.toFixed(0), verdict(pass)],
      ['27 lakh links would take', `${replayMinutes.toFixed(1)} min (target ≤ 20)`],
      ['sandbox CPU per second of wall clock', `${(sandboxCpuS / elapsedS).toFixed(2)} cores`],
      ['links per sandbox CPU-second', linksPerSandboxCpuSecond.toFixed(0)],
      ['load generator CPU per second', `${((selfCpu.user + selfCpu.system) / 1e6 / elapsedS).toFixed(2)} cores`],
      ['latency link → on_carecontext p50 / p99', `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms`],
      ['machine', `${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}`],
    ]);
    const file = writeResult('m2-link-throughput', {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      linkTokens: PATIENTS,
      completed,
      failed,
      linksPerSecond: Math.round(linksPerSecond),
      replay27LakhMinutes: Number(replayMinutes.toFixed(1)),
      sandboxCoresUsed: Number((sandboxCpuS / elapsedS).toFixed(2)),
      linksPerSandboxCpuSecond: Math.round(linksPerSandboxCpuSecond),
      loadGeneratorCoresUsed: Number(((selfCpu.user + selfCpu.system) / 1e6 / elapsedS).toFixed(2)),
      latencyMs: { p50: Number(percentile(latencies, 50).toFixed(1)), p99: Number(percentile(latencies, 99).toFixed(1)) },
      cpus: availableParallelism(),
      loadAverage1m: Number(loadavg()[0].toFixed(2)),
      target: TARGET_LINKS_PER_SECOND,
      pass,
    });
    console.log(`  written to ${file}`);
    return { linksPerSecond, pass };
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => bridge.close(() => resolve()));
    bridge.closeAllConnections();
    await stopProcess(sandbox.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await runM2LinkThroughputBenchmark();
}
