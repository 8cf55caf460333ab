// Duplicate deliveries (spec §3.3, §12.2 #10): the gateway redelivers a call with the same REQUEST-ID when it
// did not see the answer, so a partner deduplicates on the inbound REQUEST-ID and answers once. A second answer
// is refused by the gateway (ABDM-1106 for on-discover, ...) and means the partner did the work twice.
import { eventLine } from '../../checks/exchange-line.js';
import { describeDelivery } from '../../checks/delivery-description.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup, defineTest, type GroupDefinition } from '../../dsl/test-definition.js';
import { quietWindowMs, stopwatch } from './quiet-window.js';
import type { RoleProfile } from './role-profile.js';

/** The ROBUST group for a role. */
export function duplicateDeliveryGroup(p: RoleProfile): GroupDefinition {
  const group = `${p.prefix}.ROBUST`;
  return defineGroup(group, 'Robustness to gateway redelivery', [
    defineTest({
      id: `${group}.01`,
      title: 'Answers once when the gateway delivers the same call twice',
      description: `The sandbox delivers ${p.probe.describe} twice, with the same REQUEST-ID and token (as a redelivery after a lost answer). The ${p.prefix} answers once (${p.probe.answerOperationId}); the second copy gets a 2xx or a refusal, and no second answer.`,
      milestone: p.milestone,
      level: 'SHOULD', // spec §3.3 and NHA-LEARN §1.9 say partners "should" deduplicate; the gateway refuses the second answer anyway
      spec: ['abdm-api.md §3.3', 'abdm-api.md §12.2 #10'],
      tags: ['robustness', 'gateway-core'],
      async run(ctx: TestContext) {
        const pace = stopwatch();
        const call = await ctx.callPartner(p.probe.callbackId, p.probe.body(ctx.rng), { faults: { deliveries: 2 } });
        const outcome = await call.outcome;
        ctx.assert('duplicate-delivered', outcome.delivered && outcome.attempts >= 2, `Both copies of the call must reach the partner; got ${describeDelivery(outcome, p.probe.path)}`, outcome.exchangeIds);
        const isAnswer = (e: { data: Record<string, unknown> }) => e.data.direction === 'inbound' && e.data.operationId === p.probe.answerOperationId;
        const first = await ctx.waitFor('exchange', { correlation: call.requestId, where: isAnswer });
        if (!first) ctx.skip(`The partner sent no ${p.probe.answerOperationId} for the call within ${ctx.timeoutMs} ms, so whether it answers once cannot be graded`);
        const paceMs = pace();
        ctx.info(`First answer: ${eventLine(first)}`, first);
        await ctx.expectNothing('exchange', {
          correlation: call.requestId,
          where: (e) => isAnswer(e) && e.seq !== first.seq,
          ruleId: 'redelivery-answered-once',
          description: `second ${p.probe.answerOperationId} answering REQUEST-ID ${call.requestId}`,
          // The second copy arrived right after the first: a second answer would come about as fast as the first did.
          forMs: quietWindowMs(ctx, paceMs),
        });
      },
    }),
  ]);
}
