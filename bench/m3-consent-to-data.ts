// Benchmark (issue #5): consent init → data decrypted at the HIU, end to end, for a consent covering 10 care
// contexts. The reference HIU asks a patient with exactly ten care contexts (at one or more virtual HIPs) for
// consent; the patient approves; the HIU fetches every artefact, asks for the data, the virtual HIPs encrypt and
// push the FHIR bundles, the HIU decrypts every entry and notifies. Measured from the HIU's consent request until
// the sandbox has the HIU's notify (sent once its last entry is decrypted) for every artefact, with all ten
// entries OK. Sandbox and HIU in this process over real sockets, in-memory store. Reports p50 and p99.
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DEMO_HIP } from '../fixtures/partners/demo-credentials.js';
import { startReferenceHiu } from '../fixtures/partners/hiu/reference-hiu.js';
import type { World } from '../fixtures/world/types.js';
import type { SandboxEvent } from '../sandbox-server/events/event-bus.js';
import { serveSandbox } from '../sandbox-server/http/server.js';
import { printTable, writeResult } from './bench-support.js';

const CONSENTS = Number(process.env.BENCH_CONSENTS ?? 100);
const WARMUP = 10;
const CARE_CONTEXTS = 10;
const SINCE = '2000-01-01T00:00:00.000Z';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Patients with exactly `CARE_CONTEXTS` care contexts in all, none at a partner HIP (every HIP leg virtual). */
function patientsWithTenCareContexts(world: World, partnerHips: ReadonlySet<string>, wanted: number): string[] {
  const found: string[] = [];
  for (let i = 0; i < world.options.population && found.length < wanted; i++) {
    const facilities = world.facilitiesVisitedBy(i);
    if (facilities.some((f) => partnerHips.has(f.id))) continue;
    const total = facilities.reduce((sum, f) => sum + world.careContexts(i, f.id).length, 0);
    if (total === CARE_CONTEXTS) found.push(world.patient(i).abhaAddress);
  }
  if (found.length < wanted) throw new Error(`only ${found.length} patients with ${CARE_CONTEXTS} care contexts in the world`);
  return found;
}

/** Every event as it happens, and a way to wait for one that may already have happened. */
function eventLog(subscribe: (listener: (e: SandboxEvent) => void) => () => void) {
  const seen: SandboxEvent[] = [];
  const waiting: Array<{ match: (e: SandboxEvent) => boolean; resolve: (e: SandboxEvent) => void }> = [];
  const stop = subscribe((e) => {
    seen.push(e);
    for (const w of waiting.filter((w) => w.match(e))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(e);
    }
  });
  return {
    stop,
    clear: () => seen.splice(0, seen.length),
    next(match: (e: SandboxEvent) => boolean, timeoutMs = 30_000): Promise<SandboxEvent> {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such event within the timeout')), timeoutMs);
        waiting.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
  };
}

export async function runM3ConsentToDataBenchmark(): Promise<object> {
  const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, population: 100_000 });
  const hiu = await startReferenceHiu({ gatewayUrl: running.url });
  const { ctx } = running.sandbox;
  const events = eventLog((listener) => ctx.events.subscribe(listener));
  try {
    const partnerHips = new Set(ctx.partners.client(DEMO_HIP.clientId)?.services.map((s) => s.serviceId) ?? []);
    const patients = patientsWithTenCareContexts(ctx.world, partnerHips, WARMUP + CONSENTS);
    const durations: number[] = [];
    let artefactCount = 0;
    for (let i = 0; i < patients.length; i++) {
      events.clear();
      const t0 = performance.now();
      const consentRequestId = await hiu.requestConsent({ abhaAddress: patients[i], dateRange: { from: SINCE, to: new Date().toISOString() } });
      const decided = await events.next((e) => e.type === 'consent.hiuNotified' && e.data.consentRequestId === consentRequestId);
      const artefacts = decided.data.consentArtefacts as string[];
      const notifies = await Promise.all(artefacts.map((id) => events.next((e) => e.type === 'transfer.notified' && e.data.consentId === id)));
      const ms = performance.now() - t0;
      const ok = notifies.flatMap((n) => (n.data.statusResponses as Array<{ hiStatus: string }>) ?? []).filter((r) => r.hiStatus === 'OK').length;
      if (ok !== CARE_CONTEXTS) throw new Error(`consent request ${consentRequestId} for ${patients[i]}: ${ok} of ${CARE_CONTEXTS} care contexts decrypted`);
      if (i >= WARMUP) {
        durations.push(ms);
        artefactCount += artefacts.length;
      }
    }
    durations.sort((a, b) => a - b);
    const p50 = percentile(durations, 50);
    const p99 = percentile(durations, 99);
    const load = loadavg()[0];
    printTable(`Consent init → 10 care contexts decrypted at the reference HIU (${CONSENTS} consents in turn after ${WARMUP} warm-up)`, [
      ['p50', `${p50.toFixed(1)} ms`],
      ['p99', `${p99.toFixed(1)} ms`],
      ['max', `${durations[durations.length - 1].toFixed(1)} ms`],
      ['artefacts (HIPs) per consent, mean', (artefactCount / CONSENTS).toFixed(2)],
      ['machine', `${availableParallelism()} cores, load ${load.toFixed(2)}`],
    ]);
    const file = writeResult('m3-consent-to-data', {
      consents: CONSENTS,
      careContextsPerConsent: CARE_CONTEXTS,
      measured: "the reference HIU's consent request → the sandbox has its health-information/notify for every artefact with all 10 entries OK (decision, notify, fetch, request, virtual-HIP encryption and pushes, decryption at the HIU); sandbox and HIU in one process, in-memory store",
      p50Ms: Number(p50.toFixed(1)),
      p99Ms: Number(p99.toFixed(1)),
      maxMs: Number(durations[durations.length - 1].toFixed(1)),
      meanArtefactsPerConsent: Number((artefactCount / CONSENTS).toFixed(2)),
      cpus: availableParallelism(),
      loadAverage1m: Number(load.toFixed(2)),
      pass: true,
    });
    console.log(`  written to ${file}`);
    return { p50, p99, pass: true };
  } finally {
    events.stop();
    await hiu.close();
    await running.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runM3ConsentToDataBenchmark();
}
