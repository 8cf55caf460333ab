// Runs the HIP suite against reference HIPs (and their mutants) in one sandbox: each HIP is registered as a
// facility of the sandbox's world, under a client of its own, so runs share the sandbox (and run in parallel)
// without seeing each other's links, consents or counters.
import { runConformance, type RunOptions, type RunResult } from '../../conformance/runner/runner.js';
import { flowActions } from '../../conformance/sandbox-link/flow-actions.js';
import { InProcessSandboxLink } from '../../conformance/sandbox-link/in-process-link.js';
import { hipOperatorActions } from '../../conformance/sandbox-link/operator-actions.js';
import { hipCast } from '../../conformance/suites/hip/hip-patients.js';
import { castServes } from '../../conformance/suites/hip/patient-casting.js';
import { SUITES } from '../../conformance/suites/index.js';
import { startReferenceHip, type ReferenceHip, type ReferenceHipOptions } from '../../fixtures/partners/hip/reference-hip.js';
import { serveSandbox, type RunningSandbox, type ServeOptions } from '../../sandbox-server/http/server.js';
import type { World } from '../../fixtures/world/types.js';
import { SMALL_WORLD } from './test-sandbox.js';

/** What differs from the reference HIP (a mutant's variation()). */
export type HipVariation = Pick<ReferenceHipOptions, 'parts' | 'outgoing' | 'state'>;

export interface ReferenceHipRuns {
  running: RunningSandbox;
  /**
   * The first facilities of the world, in world order, not registered nor handed out before, each of which lets every test in
   * the matching entry of `tests` grade fully (a patient of its own, the namesake, relative or pair it needs).
   */
  facilitiesFor(tests: ReadonlyArray<ReadonlyArray<string>>): Promise<string[]>;
  /** Registers `hipId` under a new client, starts a reference HIP (varied) as it, runs the HIP suite against it, stops it. */
  runAgainst(hipId: string, variation?: HipVariation, options?: Partial<RunOptions>): Promise<RunResult>;
  close(): Promise<void>;
}

let clients = 0;

/** The first HIP facility of the world, in world order and not `taken`, that lets every test of `tests` grade fully. */
export async function facilityServing(world: World, tests: ReadonlyArray<string>, taken: (facilityId: string) => boolean = () => false): Promise<string> {
  for (let i = 0; i < world.options.facilityCount; i++) {
    const facility = world.facility(i);
    if (!facility.isHip || taken(facility.id)) continue;
    // Cached per world: runs against this world grade with the same casts.
    const cast = await hipCast(world, facility.id);
    if (cast && tests.every((id) => castServes(cast, id))) return facility.id;
  }
  throw new Error(`no facility of the world left for ${tests.join(', ')}`);
}

export async function startReferenceHipRuns(serve: ServeOptions = {}): Promise<ReferenceHipRuns> {
  const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, ...SMALL_WORLD, callbackTimeoutMs: 2_000, callbackRetryDelaysMs: [50, 100], ...serve });
  const { world } = running.sandbox.ctx;
  const handedOut = new Set<string>();
  return {
    running,
    async facilitiesFor(tests) {
      const out: string[] = [];
      for (const wanted of tests) {
        const found = await facilityServing(world, wanted, (id) => handedOut.has(id) || running.sandbox.ctx.partners.service(id) !== undefined);
        handedOut.add(found);
        out.push(found);
      }
      return out;
    },
    async runAgainst(hipId, variation = {}, options = {}) {
      clients += 1;
      const clientId = `REF_HIP_CLIENT_${clients}`;
      const clientSecret = `reference-hip-secret-${clients}`;
      await running.sandbox.ctx.partners.register({ role: 'hip', serviceId: hipId, clientId, clientSecret });
      let hip: ReferenceHip | undefined;
      try {
        hip = await startReferenceHip({ gatewayUrl: running.url, clientId, clientSecret, hipId, world, operatorApi: true, ...variation });
        const link = new InProcessSandboxLink({ sandbox: running.sandbox, url: running.url, actions: new Map([...flowActions(running.sandbox), ...hipOperatorActions(`${hip.url}/operator`)]) });
        return await runConformance({
          link,
          suites: SUITES,
          selection: { suites: ['hip'], only: [], tags: [] },
          partners: { hip: { serviceId: hipId } },
          seed: 1,
          timeoutMs: 4_000,
          startupTimeoutMs: 15_000,
          concurrency: 4,
          secrets: [clientSecret],
          ...options,
        });
      } finally {
        await hip?.close();
      }
    },
    close: () => running.close(),
  };
}
