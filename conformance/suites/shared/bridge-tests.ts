// Bridge test, the same for HIPs and HIUs (spec §3.5, §3.4): the partner registers a bridge URL, and the gateway
// can deliver a call there. The sandbox's advice on the URL (https, no IP or port, no /api/v3 suffix) are warnings.
import { describeDelivery } from '../../checks/delivery-description.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup, defineTest, type GroupDefinition } from '../../dsl/test-definition.js';
import type { RoleProfile } from './role-profile.js';

const BRIDGE_URL = '/api/hiecm/gateway/v3/bridge/url';
/** The sandbox's advice on a bridge URL the live sandbox would refuse (sandbox-server/services/bridges.ts). */
const BRIDGE_URL_FINDINGS = ['bridge-url-https', 'bridge-url-host', 'bridge-url-path'];

/** The BRIDGE group for a role. */
export function bridgeGroup(p: RoleProfile): GroupDefinition {
  const group = `${p.prefix}.BRIDGE`;
  return defineGroup(group, 'Bridge (callback) URL', [
    defineTest({
      id: `${group}.01`,
      title: 'Registers a bridge URL the gateway can reach',
      description: `The ${p.prefix} registers its callback URL with PATCH ${BRIDGE_URL}, and a gateway call to {bridgeUrl}${p.probe.path} (${p.probe.describe}) gets a 2xx. The test waits for the registration while the partner starts.`,
      milestone: p.milestone,
      level: 'MUST',
      spec: ['abdm-api.md §3.5', 'abdm-api.md §3.4', 'abdm-api.md §3.1'],
      tags: ['bridge', 'gateway-core'],
      phase: 'startup',
      async run(ctx: TestContext) {
        let url = await ctx.bridgeUrl();
        if (!url) {
          ctx.info(`Waiting up to ${ctx.startupTimeoutMs / 1000} s for client ${ctx.partner.clientId} to register its bridge URL`);
          await ctx.expect('bridge.updated', {
            correlation: ctx.partner.clientId,
            timeoutMs: ctx.startupTimeoutMs,
            ruleId: 'bridge-url-registered',
            description: `bridge URL registration by client ${ctx.partner.clientId} (PATCH ${BRIDGE_URL})`,
          });
          url = await ctx.bridgeUrl();
        }
        const registrations = (await ctx.partnerExchanges({ operationId: 'gateway.bridge-url', sinceRunStart: false })).filter((e) => e.direction === 'inbound' && e.status === 202);
        const latest = registrations[registrations.length - 1];
        ctx.check('bridge-url-registered', url !== undefined, url ? `The bridge URL is ${url}` : 'No bridge URL is registered', latest);
        // Only the URL advice: header near misses on the same call are the header tests' business.
        if (latest) ctx.checkFindings([latest], { ruleIds: BRIDGE_URL_FINDINGS });

        const call = await ctx.callPartner(p.probe.callbackId, p.probe.body(ctx.rng));
        const outcome = await call.outcome;
        ctx.check(
          'bridge-reachable',
          outcome.delivered,
          `${outcome.delivered ? 'The gateway reached' : 'The gateway could not deliver to'} ${url ?? '(no URL)'}${p.probe.path}: ${describeDelivery(outcome, p.probe.path)}`,
          outcome.exchangeIds,
        );
      },
    }),
  ]);
}
