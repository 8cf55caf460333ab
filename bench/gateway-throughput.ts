// Benchmark: accepted, authenticated, validated, journaled requests per second through the gateway
// (PATCH bridge/url → 202) against a bare express endpoint measured in the same run; autocannon, 50
// connections, each server in its own process. Target: the gateway does at least 70% of bare express.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable, startServerProcess, stopProcess, verdict, writeResult } from './bench-support.js';

const PATH = '/api/hiecm/gateway/v3/bridge/url';
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 0.7;

function extension(): string {
  return import.meta.url.endsWith('.ts') ? '.ts' : '.js';
}

async function measure(port: number, headers: Record<string, string>): Promise<{ requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number }> {
  const body = JSON.stringify({ url: 'https://bench-hip.example.in' });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'PATCH',
        path: PATH,
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          body,
          headers: { ...headers, 'content-type': 'application/json', 'request-id': randomUUID(), timestamp: new Date().toISOString() },
        }),
      },
    ],
  });
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

type Measurement = Awaited<ReturnType<typeof measure>>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function runGatewayThroughputBenchmark(): Promise<object> {
  const execArgv = extension() === '.ts' ? ['--import', 'tsx'] : [];
  const dir = new URL('.', import.meta.url).pathname;
  const dataDir = mkdtempSync(join(tmpdir(), 'abdm-bench-'));
  const sandbox = await startServerProcess(join(dir, `servers/sandbox-server${extension()}`), [dataDir], execArgv);
  const bare = await startServerProcess(join(dir, `servers/bare-express${extension()}`), [], execArgv);
  try {
    const session = await fetch(`http://127.0.0.1:${sandbox.port}/api/hiecm/gateway/v3/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'request-id': randomUUID(), timestamp: new Date().toISOString(), 'x-cm-id': 'sbx' },
      body: JSON.stringify({ clientId: 'SBX_DEMO_HIP', clientSecret: 'demo-hip-secret', grantType: 'client_credentials' }),
    });
    const { accessToken } = (await session.json()) as { accessToken: string };
    // Both servers get byte-for-byte the same requests, token included; the bare one ignores the headers.
    const headers = { authorization: `Bearer ${accessToken}`, 'x-cm-id': 'sbx' };
    // Rounds alternate between the two servers so that load from anything else on the machine hits both alike;
    // the verdict uses the median of the per-round ratios.
    const rounds: Array<{ bare: Measurement; gateway: Measurement; ratio: number }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const bareResult = await measure(bare.port, headers);
      const gatewayResult = await measure(sandbox.port, headers);
      rounds.push({ bare: bareResult, gateway: gatewayResult, ratio: gatewayResult.requestsPerSecond / bareResult.requestsPerSecond });
    }
    const journaled = await fetch(`http://127.0.0.1:${sandbox.port}/sandbox/journal?operation=gateway.bridge-url&limit=1`).then((r) => r.json() as Promise<{ exchanges: unknown[] }>);
    const ratio = median(rounds.map((r) => r.ratio));
    const failures = rounds.reduce((n, r) => n + r.gateway.non2xx + r.gateway.errors, 0);
    const ok = ratio >= TARGET_RATIO && failures === 0 && journaled.exchanges.length > 0;
    printTable(`Gateway throughput (${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${DURATION_S} s)`, [
      ...rounds.map((r, i): [string, string] => [`round ${i + 1}`, `bare ${r.bare.requestsPerSecond.toFixed(0)} req/s, gateway ${r.gateway.requestsPerSecond.toFixed(0)} req/s (p99 ${r.gateway.p99Ms} ms) → ${(r.ratio * 100).toFixed(1)}%`]),
      ['gateway non-2xx + errors', String(failures)],
      ['median ratio (target ≥ 70%)', `${(ratio * 100).toFixed(1)}%`, verdict(ok)],
    ]);
    const file = writeResult('gateway-throughput', {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      operation: `PATCH ${PATH} (202, authenticated, validated, journaled in a file-backed SQLite store)`,
      rounds,
      ratio,
      target: TARGET_RATIO,
      pass: ok,
    });
    console.log(`  written to ${file}`);
    return { ratio, pass: ok };
  } finally {
    await stopProcess(bare.child);
    await stopProcess(sandbox.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await runGatewayThroughputBenchmark();
}
