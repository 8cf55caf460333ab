// Runs the conformance suites against test partners in one sandbox: each partner gets its own client and
// HIP/HIU id, so runs can share the sandbox (and run in parallel), as partners share a real one.
import type { PartnerRole } from '../../protocol/operations/operation.js';
import { runConformance, type RunOptions, type RunResult } from '../../conformance/runner/runner.js';
import { InProcessSandboxLink } from '../../conformance/sandbox-link/in-process-link.js';
import { SUITES } from '../../conformance/suites/index.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox-server/http/server.js';
import { SMALL_WORLD } from './test-sandbox.js';
import { TestPartner, type TestPartnerBugs } from './test-partner.js';

export interface ConformanceHarness {
  running: RunningSandbox;
  link: InProcessSandboxLink;
  /** Registers a fresh partner, starts it, runs the role's suite against it, stops it. */
  runAgainst(role: PartnerRole, bugs?: TestPartnerBugs, options?: Partial<RunOptions>): Promise<RunResult>;
  close(): Promise<void>;
}

let partnerCount = 0;

export async function startConformanceHarness(): Promise<ConformanceHarness> {
  const running = await serveSandbox({ port: 0, host: '127.0.0.1', inMemory: true, ...SMALL_WORLD, callbackTimeoutMs: 2_000, callbackRetryDelaysMs: [50, 100] });
  const link = new InProcessSandboxLink({ sandbox: running.sandbox, url: running.url });
  return {
    running,
    link,
    async runAgainst(role, bugs = {}, options = {}) {
      partnerCount += 1;
      const serviceId = `TEST_${role.toUpperCase()}_${partnerCount}`;
      const clientId = `TEST_CLIENT_${partnerCount}`;
      const clientSecret = `test-partner-secret-${partnerCount}`;
      await running.sandbox.ctx.partners.register({ role, serviceId, clientId, clientSecret });
      const partner = await TestPartner.start({ role, gatewayUrl: running.url, clientId, clientSecret, serviceId, bugs });
      try {
        return await runConformance({
          link,
          suites: SUITES,
          // The test partner implements the gateway core only (the M2 flows are graded against the reference HIP).
          selection: { suites: [role], only: [], tags: ['gateway-core'] },
          partners: { [role]: { serviceId } },
          seed: 1,
          timeoutMs: 4_000,
          startupTimeoutMs: 15_000,
          concurrency: 4,
          secrets: [clientSecret],
          ...options,
        });
      } finally {
        await partner.stop();
      }
    },
    close: () => running.close(),
  };
}
