// The reference rig: a sandbox with the reference HIP and HIU logged in as its demo clients, the reference ABHA
// client the M1 suite drives, and the sandbox link through which the runner grades them. The demo runs every suite
// on it; so does the suites benchmark.
//
// Everyone shares one clock, the sandbox's: the ABHA client waits out its 60 s OTP resends by moving that clock on
// (no real minutes pass), and the HIP and HIU read the same clock, so their TIMESTAMPs and the gateway's tokens
// stay in step with the sandbox when it jumps.
import { flowActions } from '../../conformance/sandbox-link/flow-actions.js';
import { InProcessSandboxLink } from '../../conformance/sandbox-link/in-process-link.js';
import { hiuFlowActions } from '../../conformance/sandbox-link/hiu-flow-actions.js';
import { hipOperatorActions, hiuOperatorActions } from '../../conformance/sandbox-link/operator-actions.js';
import type { AbhaPartnerOption, PartnerOption } from '../../conformance/runner/runner.js';
import { abhaJourneyActions } from '../../conformance/sandbox-link/abha-journey-action.js';
import { REFERENCE_ABHA_CLIENT } from '../../fixtures/partners/abha/reference-abha-client.js';
import { OffsetClock } from '../../protocol/clock.js';
import { DEMO_HIP, DEMO_HIU } from '../../fixtures/partners/demo-credentials.js';
import { startReferenceHip, type ReferenceHip } from '../../fixtures/partners/hip/reference-hip.js';
import { startReferenceHiu, type ReferenceHiu } from '../../fixtures/partners/hiu/reference-hiu.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox-server/http/server.js';

/**
 * How the demo grades the rig: the reference partners answer in milliseconds, so a wait of 5 s is generous and the
 * negative tests (which wait the whole timeout for nothing to happen) stay short; most tests wait rather than
 * compute, so eight run at once.
 */
export const DEMO_RUN = { timeoutMs: 5_000, concurrency: 8 } as const;

export interface RigOptions {
  seed: number;
  population: number;
  /** The store's directory; in memory when absent. */
  dataDir?: string;
  /** Told as each part is up, with what it is and how long it took. */
  onReady?: (part: 'sandbox' | 'reference HIP' | 'reference HIU', description: string, ms: number) => void;
}

export interface ReferenceRig {
  running: RunningSandbox;
  hip: ReferenceHip;
  hiu: ReferenceHiu;
  link: InProcessSandboxLink;
  partners: { hip: PartnerOption; hiu: PartnerOption; abha: AbhaPartnerOption };
  /** The demo clients' secrets, to keep out of every output. */
  secrets: string[];
  close(): Promise<void>;
}

/**
 * One facility per 1,400 people, so the demo HIP has about seventy patients: enough for every HIP test to have its
 * own, while the HIP's walk of the population for them stays short (the full-size default is one per 50).
 */
export function rigFacilityCount(population: number): number {
  return Math.max(1, Math.round(population / 1_400));
}

export async function startReferenceRig(options: RigOptions): Promise<ReferenceRig> {
  const ready = options.onReady ?? (() => undefined);
  const timed = async <T>(part: 'sandbox' | 'reference HIP' | 'reference HIU', start: () => Promise<T>, describe: (value: T) => string): Promise<T> => {
    const t0 = Date.now();
    const value = await start();
    ready(part, describe(value), Date.now() - t0);
    return value;
  };
  const facilityCount = rigFacilityCount(options.population);
  const store = options.dataDir ? { dataDir: options.dataDir } : { inMemory: true };
  const clock = new OffsetClock();
  const now = () => clock.now();
  const running = await timed(
    'sandbox',
    () => serveSandbox({ port: 0, host: '127.0.0.1', ...store, seed: options.seed, population: options.population, facilityCount, clock, callbackRetryDelaysMs: [500, 1_000] }),
    (r) => `${r.url}, seed ${options.seed}, ${options.population.toLocaleString('en-IN')} ABHA accounts, ${facilityCount.toLocaleString('en-IN')} facilities, store ${options.dataDir ?? 'in memory'}`,
  );
  let hip: ReferenceHip | undefined;
  try {
    const gatewayUrl = running.url;
    hip = await timed(
      'reference HIP',
      async () => {
        const started = await startReferenceHip({ gatewayUrl, clientId: DEMO_HIP.clientId, clientSecret: DEMO_HIP.clientSecret, operatorApi: true, now });
        // The HIP indexes its patients in the background as it starts; the demo waits for that, so the first
        // discovery is graded against a ready HIP.
        await started.records.index();
        return started;
      },
      (h) => `${h.hipId} (${h.hipName}) at ${h.url}, its patients indexed`,
    );
    // The HIU asks for data when the suite prompts it, as `abdm-sandbox reference hiu` does by default: asking on its
    // own right after each fetch would race the revocations of the STOP tests.
    const hiu = await timed('reference HIU', () => startReferenceHiu({ gatewayUrl, clientId: DEMO_HIU.clientId, clientSecret: DEMO_HIU.clientSecret, operatorApi: true, now, autoRequestData: false }), (h) => `${h.hiuId} (${h.hiuName}) at ${h.url}`);
    const abha = REFERENCE_ABHA_CLIENT;
    const journey = abhaJourneyActions({ baseUrl: gatewayUrl, clientId: abha.clientId, clientSecret: abha.clientSecret, clock, sleep: async (ms) => clock.advance(ms) });
    const actions = new Map([
      ...flowActions(running.sandbox),
      ...hiuFlowActions(running.sandbox),
      ...hipOperatorActions(`${hip.url}/operator`),
      ...hiuOperatorActions(`${hiu.url}/operator`),
      ...journey,
    ]);
    const link = new InProcessSandboxLink({ sandbox: running.sandbox, url: gatewayUrl, actions });
    const startedHip = hip;
    return {
      running,
      hip: startedHip,
      hiu,
      link,
      partners: {
        hip: { serviceId: startedHip.hipId, clientId: DEMO_HIP.clientId },
        hiu: { serviceId: hiu.hiuId, clientId: DEMO_HIU.clientId },
        abha: { clientId: abha.clientId, registration: { role: 'hip', serviceId: abha.serviceId, clientId: abha.clientId, clientSecret: abha.clientSecret } },
      },
      secrets: [DEMO_HIP.clientSecret, DEMO_HIU.clientSecret, abha.clientSecret],
      async close() {
        await hiu.close();
        await startedHip.close();
        await running.close();
      },
    };
  } catch (err) {
    await hip?.close();
    await running.close();
    throw err;
  }
}
