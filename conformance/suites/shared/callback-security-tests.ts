// Callback security, the same for HIPs and HIUs (spec §2.2, §2.3, §12.2 #10): the partner verifies the gateway's
// JWT on every call it receives. The sandbox sends the probe signed by a key that is not in the JWKS (under the
// real kid), and with a token that expired an hour ago: the partner must refuse both (non-2xx) and never act on
// them. A genuine call first, as a control: a partner that refuses everything proves nothing.
import type { TokenFault } from '../../../sandbox-server/dispatch/delivery-faults.js';
import { describeDelivery } from '../../checks/delivery-description.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup, defineTest, type GroupDefinition } from '../../dsl/test-definition.js';
import { quietWindowMs, stopwatch } from './quiet-window.js';
import type { RoleProfile } from './role-profile.js';

const JWKS_URLS = '/gateway/v0.5/certs, /auth/realms/central-registry/protocol/openid-connect/certs or /api/hiecm/gateway/v3/certs';

interface FaultCase {
  n: number;
  fault: TokenFault;
  title: string;
  ruleId: string;
  /** The token, in words. */
  token: string;
  /** What the partner must do, when it accepted the call. */
  fix: string;
}

const CASES: FaultCase[] = [
  {
    n: 1,
    fault: 'forged-key',
    title: 'Refuses a gateway call signed by a key that is not in the JWKS',
    ruleId: 'callback-signature-verified',
    token: "a token signed by a key that is not in the gateway's JWKS (under the real key's kid)",
    fix: `verify the RS256 signature against the gateway's JWKS (${JWKS_URLS}), not just the kid or the claims`,
  },
  {
    n: 2,
    fault: 'expired',
    title: 'Refuses a gateway call whose token has expired',
    ruleId: 'callback-expiry-verified',
    token: 'a genuine gateway token that expired an hour before the call',
    fix: "check `exp`; a leeway of some minutes is right (a redelivery comes ~16 minutes later with the same token), but not an hour",
  },
];

async function refusesFaultyCall(ctx: TestContext, p: RoleProfile, c: FaultCase): Promise<void> {
  const pace = stopwatch();
  const control = await ctx.callPartner(p.probe.callbackId, p.probe.body(ctx.rng));
  const controlOutcome = await control.outcome;
  ctx.assert(
    'genuine-call-accepted',
    controlOutcome.delivered,
    `The partner must accept a genuine gateway call before its refusal of a bad one means anything; the control call got ${describeDelivery(controlOutcome, p.probe.path)}`,
    controlOutcome.exchangeIds,
  );
  // How fast the partner acts on a genuine call: the watch for an act on the faulty one is scaled to it (quiet-window.ts).
  const answered = await ctx.waitFor('exchange', { correlation: control.requestId, where: (e) => e.data.direction === 'inbound' && e.data.operationId === p.probe.answerOperationId });
  const paceMs = answered ? pace() : undefined;

  const faulty = await ctx.callPartner(p.probe.callbackId, p.probe.body(ctx.rng), { faults: { token: c.fault } });
  const outcome = await faulty.outcome;
  ctx.check(
    c.ruleId,
    !outcome.delivered,
    outcome.delivered
      ? `The partner accepted (HTTP ${outcome.status}) ${p.probe.describe} carrying ${c.token}; ${c.fix}`
      : `The partner refused the call carrying ${c.token}: ${describeDelivery(outcome, p.probe.path)}`,
    outcome.exchangeIds,
  );
  if (!outcome.delivered && outcome.status !== undefined && outcome.status !== 401 && outcome.status !== 403) {
    ctx.warn(`Refused with HTTP ${outcome.status}; 401 says why, to the gateway and in your own logs`, outcome.exchangeIds);
  } else if (!outcome.delivered && outcome.status === undefined) {
    ctx.warn(`Refused by ${outcome.failure} rather than an HTTP status; answer 401`, outcome.exchangeIds);
  }
  await ctx.expectNothing('exchange', {
    correlation: faulty.correlation,
    where: (e) => e.data.direction === 'inbound',
    ruleId: `${c.ruleId.replace(/-verified$/, '')}-not-acted-on`,
    description: `call from the partner acting on the faulty call (carrying its ids ${faulty.correlation.join(', ')})`,
    forMs: quietWindowMs(ctx, paceMs),
  });
}

/** The SECURITY group for a role. */
export function callbackSecurityGroup(p: RoleProfile): GroupDefinition {
  const group = `${p.prefix}.SECURITY`;
  return defineGroup(
    group,
    "Gateway calls verified against the gateway's JWKS",
    CASES.map((c) =>
      defineTest({
        id: `${group}.0${c.n}`,
        title: c.title,
        description: `The sandbox sends ${p.probe.describe}, carrying ${c.token}. The ${p.prefix} answers non-2xx (401) and never acts on it (no answer, no call carrying its ids). A genuine call goes first: it must be accepted.`,
        milestone: p.milestone,
        level: 'MUST',
        spec: ['abdm-api.md §2.2', 'abdm-api.md §2.3', 'abdm-api.md §12.2 #10'],
        tags: ['security', 'jwks', 'gateway-core'],
        run: (ctx) => refusesFaultyCall(ctx, p, c),
      }),
    ),
  );
}
