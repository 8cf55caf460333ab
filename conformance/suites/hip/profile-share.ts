// HIP.SHARE: profile share, "scan and share" at a HIP counter (spec §5.11, §12.2 #9). The virtual patient scans a
// counter's QR code; the HIP answers with a token number for that counter, the same one again on a rescan within
// 30 minutes, and numbers rising through the day at each counter. Each test scans counters of its own.
import type { SandboxEvent } from '../../../sandbox-server/events/event-bus.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup } from '../../dsl/test-definition.js';
import { awaitOutcome, describeError } from './flow-steps.js';
import { m2TestsWith } from './m2-test.js';
import { castOf, castPatient } from './patient-casting.js';

const test = m2TestsWith({
  spec: ['abdm-api.md §5.11', 'abdm-api.md §12.2 #9'],
  nhaTestCases: ['SHARE_PATIENT_PROFILE_701'],
  requires: ['patient.share-profile', 'patient.links'],
  tags: ['profile-share'],
});

/** A counter id of this test's own (as in the QR code's counter-id: letters and digits). */
const counterOf = (ctx: TestContext) => `OPD${ctx.rng.hex(3).toUpperCase()}`;

/** The patient scans the counter; resolves with the HIP's answer (`profile.shared`), which must be a token. */
async function scan(ctx: TestContext, abhaAddress: string, counterId: string): Promise<SandboxEvent> {
  const started = await ctx.act('patient.share-profile', { abhaAddress, hipId: ctx.partner.serviceId, counterId });
  const { requestId } = started.data as { requestId: string };
  const shared = await awaitOutcome(ctx, 'profile.shared', { correlation: requestId, answer: 'share.on-share', description: `on-share from the HIP for ${abhaAddress} at counter ${counterId}` });
  ctx.checkFindings([shared]);
  ctx.assert('share-token', shared.data.outcome === 'shared' && shared.data.tokenNumber !== undefined, `The HIP must answer a scan with a token number; it answered ${describeError(shared.data.error)}`, shared);
  ctx.info(`${abhaAddress} at counter ${counterId}: token ${String(shared.data.tokenNumber)}`);
  return shared;
}

const tokenOf = (e: SandboxEvent) => Number(e.data.tokenNumber);

export const hipProfileShareGroup = defineGroup('HIP.SHARE', 'Profile share at a HIP counter', [
  test({
    id: 'HIP.SHARE.01',
    title: 'Answers a scan with SUCCESS, the patient\'s ABHA address, the counter and a token number',
    description: 'The patient scans a counter\'s QR code. on-share answers the share call with acknowledgement.status SUCCESS, the abhaAddress shared, profile.context = the counter scanned and a tokenNumber.',
    level: 'MUST',
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const counterId = counterOf(ctx);
      const shared = await scan(ctx, hp.patient.abhaAddress, counterId);
      ctx.check('share-counter', shared.data.counterId === counterId, `The token is for counter ${String(shared.data.counterId)}`, shared);
    },
  }),
  test({
    id: 'HIP.SHARE.02',
    title: 'Gives the same token when the patient scans again within 30 minutes',
    description: 'The patient scans the same counter twice in a row. The token is valid 30 minutes, so the rescan gets the same token number, not a new place in the queue.',
    level: 'MUST',
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const counterId = counterOf(ctx);
      const first = await scan(ctx, hp.patient.abhaAddress, counterId);
      const rescan = await scan(ctx, hp.patient.abhaAddress, counterId);
      ctx.check('share-rescan-same-token', rescan.data.tokenNumber === first.data.tokenNumber, `Rescan token ${String(rescan.data.tokenNumber)}; the first scan got ${String(first.data.tokenNumber)}`, [first, rescan]);
    },
  }),
  test({
    id: 'HIP.SHARE.03',
    title: 'Numbers tokens per counter, rising through the day',
    description:
      'Two patients scan one counter, then the first scans another counter. The second token at the first counter is above the first one, and the other counter keeps its own numbering (its first token is not above the first counter\'s first).',
    level: 'SHOULD',
    async run(ctx: TestContext) {
      const hp = await castPatient(ctx);
      const other = (await castOf(ctx)).stranger.person;
      const [counterA, counterB] = [counterOf(ctx), counterOf(ctx)];
      const a1 = await scan(ctx, hp.patient.abhaAddress, counterA);
      const a2 = await scan(ctx, other.abhaAddress, counterA);
      const b1 = await scan(ctx, hp.patient.abhaAddress, counterB);
      ctx.check('share-token-rises', tokenOf(a2) > tokenOf(a1), `At counter ${counterA}: ${String(a1.data.tokenNumber)}, then ${String(a2.data.tokenNumber)}`, [a1, a2]);
      ctx.check('share-token-per-counter', tokenOf(b1) <= tokenOf(a1), `First token at counter ${counterB}: ${String(b1.data.tokenNumber)}; at ${counterA}: ${String(a1.data.tokenNumber)}`, [a1, b1]);
    },
  }),
]);
