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
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
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

export async function runGatewayThroughputBenchmark(): Promise<object> {
  const execArgv = extension() === '.ts' ? ['--import', 'tsx'] : [];
  const dir = new URL('.', import.meta.url).pathname;
  const dataDir = mkdtempSync(join(tmpdir(), 'abdm-bench-'));
  try {
    const bare = await startServerProcess(join(dir, `servers/bare-express${extension()}`), [], execArgv);
    const bareResult = await measure(bare.port, {});
    await stopProcess(bare.child);

    const sandbox = await startServerProcess(join(dir, `servers/sandbox-server${extension()}`), [dataDir], execArgv);
    const session = await fetch(`http://127.0.0.1:${sandbox.port}/api/hiecm/gateway/v3/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'request-id': randomUUID(), timestamp: new Date().toISOString(), 'x-cm-id': 'sbx' },
      body: JSON.stringify({ clientId: 'SBX_DEMO_HIP', clientSecret: 'demo-hip-secret', grantType: 'client_credentials' }),
    });
    const { accessToken } = (await session.json()) as { accessToken: string };
    const gatewayResult = await measure(sandbox.port, { authorization: `Bearer ${accessToken}`, 'x-cm-id': 'sbx' });
    const journaled = await fetch(`http://127.0.0.1:${sandbox.port}/sandbox/journal?operation=gateway.bridge-url&limit=1`).then((r) => r.json() as Promise<{ exchanges: unknown[] }>);
    await stopProcess(sandbox.child);

    const ratio = gatewayResult.requestsPerSecond / bareResult.requestsPerSecond;
    const ok = ratio >= TARGET_RATIO && gatewayResult.non2xx === 0 && gatewayResult.errors === 0;
    printTable(`Gateway throughput (${CONNECTIONS} connections, ${DURATION_S} s each)`, [
      ['bare express req/s', bareResult.requestsPerSecond.toFixed(0)],
      ['gateway req/s (202, journaled)', gatewayResult.requestsPerSecond.toFixed(0)],
      ['gateway p50 / p99 ms', `${gatewayResult.p50Ms} / ${gatewayResult.p99Ms}`],
      ['gateway non-2xx / errors', `${gatewayResult.non2xx} / ${gatewayResult.errors}`],
      ['ratio (target ≥ 70%)', `${(ratio * 100).toFixed(1)}%`, verdict(ok)],
    ]);
    const file = writeResult('gateway-throughput', {
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      operation: `PATCH ${PATH}`,
      bareExpress: bareResult,
      gateway: gatewayResult,
      journalHasEntries: journaled.exchanges.length > 0,
      ratio,
      target: TARGET_RATIO,
      pass: ok,
    });
    console.log(`  written to ${file}`);
    return { ratio, pass: ok };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await runGatewayThroughputBenchmark();
}
