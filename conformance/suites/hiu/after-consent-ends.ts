// HIU.STOP: nothing more under a consent that ended (spec §6.4, §7, §12.3 #6; TC HIU_FLOW_202, HIU_FLOW_301). The
// patient grants, the HIU fetches the artefact, then the consent is revoked or expires (the sandbox ends it now, on
// its clock, instead of waiting for dataEraseAt). Prompted afterwards to open the records, the HIU must not ask for
// data under the ended artefact: the consent manager would refuse it (ABDM-1112), and the HIU must stop showing it.
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { castHiuPatient } from './hiu-patients.js';
import { endedAfterFetch, preparePatient } from './hiu-steps.js';
import { M3_SETUP_ACTIONS, m3TestsWith } from './m3-test.js';

const test = m3TestsWith({ spec: ['abdm-api.md §6.4', 'abdm-api.md §7', 'abdm-api.md §12.3 #6'], tags: ['consent', 'data-transfer'] });

/** Grant, fetch, end the consent; then prompt a data request and expect none under the ended artefacts. */
async function nothingAfter(ctx: TestContext, how: 'revoke' | 'expire'): Promise<void> {
  const hp = await castHiuPatient(ctx);
  await preparePatient(ctx, hp);
  const { artefacts, status, acknowledged } = await endedAfterFetch(ctx, hp, how);
  const { notice, ack } = acknowledged;
  ctx.assert('setup-acknowledged', ack !== undefined, `Setup: the HIU must take the ${status} notification`, notice);
  if (!ctx.canAct('hiu.request-data')) ctx.skip('This run cannot prompt the HIU to ask for data (hiu.request-data): give --hiu-operator-url, the operator endpoints of your HIU\'s test build (see docs/conformance.md)');
  for (const consentId of artefacts) {
    try {
      await ctx.act('hiu.request-data', { consentId });
      ctx.info(`Prompted to ask for the data of ${status} artefact ${consentId}, the HIU went ahead`);
    } catch (err) {
      ctx.info(`Prompted to ask for the data of ${status} artefact ${consentId}, the HIU declined: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`);
    }
  }
  const offending = await ctx.expectNothing('data.requested', {
    correlation: artefacts,
    where: (e) => e.seq > notice.seq,
    // The prompt returns once the HIU acted (on-request came) or declined: what it did is in already.
    forMs: Math.min(ctx.timeoutMs, 500),
    ruleId: 'HIU-HI-CONSENT-STATE',
    description: `health-information request under the ${status} artefact(s) ${artefacts.join(', ')}`,
  });
  // The refused request's on-request carries only REQUEST-IDs: claimed, so it is shown under this test.
  if (offending) ctx.own(...offending.correlation.filter((id): id is string => typeof id === 'string'));
}

export const hiuStopGroup = defineGroup('HIU.STOP', 'Nothing more under an ended consent', [
  test({
    id: 'HIU.STOP.01',
    title: 'Asks for no data under a REVOKED consent',
    description: 'After the patient revokes the consent, the HIU, prompted to open the records, asks for nothing under the revoked artefact.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_202'],
    requires: [...M3_SETUP_ACTIONS, 'consent.revoke-request'],
    run: (ctx) => nothingAfter(ctx, 'revoke'),
  }),
  test({
    id: 'HIU.STOP.02',
    title: 'Asks for no data under an EXPIRED consent',
    description: 'After the consent expires, the HIU, prompted to open the records, asks for nothing under the expired artefact.',
    level: 'MUST',
    nhaTestCases: ['HIU_FLOW_301'],
    requires: [...M3_SETUP_ACTIONS, 'consent.expire-request'],
    run: (ctx) => nothingAfter(ctx, 'expire'),
  }),
]);
