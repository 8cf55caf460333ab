// Benchmark: discover → on-discover round trip with the reference HIP, one discovery at a time: from the virtual
// patient's discover call to the `discovery.completed` event, through real sockets (sandbox and reference HIP in
// this process, in-memory store). Reports p50 and p99.
import { availableParallelism, loadavg } from 'node:os';
import { startReferenceHip } from '../fixtures/partners/hip/reference-hip.js';
import { patientsOfFacility } from '../fixtures/world/facility-patients.js';
import { startDiscovery } from '../sandbox-server/flows/discovery-flow.js';
import { serveSandbox } from '../sandbox-server/http/server.js';
import { printTable, writeResult } from './bench-support.js';

const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 1000);
const WARMUP = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runM2DiscoverLatencyBenchmark(): Promise<object> {
  const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, population: 1_000_000 });
  const hip = await startReferenceHip({ gatewayUrl: running.url });
  await hip.records.index(); // measured against a HIP whose patient index is built, as in service
  try {
    const { ctx } = running.sandbox;
    const patients = patientsOfFacility(ctx.world, hip.hipId, { limit: 50 });
    const durations: number[] = [];
    let unmatched = 0;
    for (let i = 0; i < WARMUP + ROUND_TRIPS; i++) {
      const patient = patients[i % patients.length];
      const t0 = performance.now();
      const { transactionId } = startDiscovery(ctx, { abhaAddress: patient.abhaAddress, hipId: hip.hipId });
      const event = await ctx.events.waitFor((e) => e.type === 'discovery.completed' && e.correlation.includes(transactionId), 10_000);
      const ms = performance.now() - t0;
      if (event.data.outcome !== 'matched') unmatched++;
      if (i >= WARMUP) durations.push(ms);
    }
    durations.sort((a, b) => a - b);
    const p50 = percentile(durations, 50);
    const p99 = percentile(durations, 99);
    printTable(`Discover → on-discover with the reference HIP (${ROUND_TRIPS} sequential round trips after ${WARMUP} warm-up)`, [
      ['p50', `${p50.toFixed(2)} ms`],
      ['p99', `${p99.toFixed(2)} ms`],
      ['max', `${durations[durations.length - 1].toFixed(2)} ms`],
      ['not matched (should be 0)', String(unmatched)],
      ['machine', `${availableParallelism()} cores, load ${loadavg()[0].toFixed(2)}`],
    ]);
    const file = writeResult('m2-discover-latency', {
      roundTrips: ROUND_TRIPS,
      measured: 'startDiscovery() → discovery.completed: gateway discover call to the reference HIP, its matching, its on-discover over HTTP, the gateway checks; sandbox and HIP in one process, in-memory store',
      p50Ms: Number(p50.toFixed(2)),
      p99Ms: Number(p99.toFixed(2)),
      maxMs: Number(durations[durations.length - 1].toFixed(2)),
      unmatched,
      cpus: availableParallelism(),
      loadAverage1m: Number(loadavg()[0].toFixed(2)),
      pass: unmatched === 0,
    });
    console.log(`  written to ${file}`);
    return { p50, p99, pass: unmatched === 0 };
  } finally {
    await hip.close();
    await running.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await runM2DiscoverLatencyBenchmark();
}
