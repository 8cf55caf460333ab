// Which patient each HIU test asks for consent. Every patient of the sandbox's world has their visits linked
// already, at HIPs the sandbox plays (virtual HIPs), so any patient will do; each test gets one of its own, so
// that its consent policy and virtual-HIP behaviour touch no other test and tests run in parallel. The
// assignment is fixed (the table below, stricter needs first, each taking the first free patient of the world
// that fits), so a test gets the same patient alone (--only) or with the whole suite, and the same seed gives
// the same run.
import type { SyntheticCareContext, SyntheticPatient, World } from '../../../fixtures/world/types.js';
import type { TestContext } from '../../dsl/test-context.js';

/** What a test needs of its patient's records. */
export type HiuPatientNeed = 'one-hip' | 'two-hips' | 'three-records' | 'two-hi-types';

export interface HiuPatient {
  patient: SyntheticPatient;
  /** The HIPs holding the patient's records (HFR facility ids), with their care contexts. */
  hips: Array<{ hipId: string; careContexts: SyntheticCareContext[] }>;
  /** Every care context, all HIPs. */
  careContexts: SyntheticCareContext[];
}

const FITS: Record<HiuPatientNeed, (p: HiuPatient) => boolean> = {
  'one-hip': (p) => p.hips.length === 1,
  'two-hips': (p) => p.hips.length >= 2 && p.hips.every((h) => h.careContexts.length >= 2),
  'three-records': (p) => p.hips.length === 1 && p.careContexts.length >= 3 && new Set(p.careContexts.map((c) => c.date)).size >= 3,
  'two-hi-types': (p) => p.hips.length === 1 && new Set(p.careContexts.map((c) => c.hiType)).size >= 2,
};
const STRICTNESS: HiuPatientNeed[] = ['two-hips', 'three-records', 'two-hi-types', 'one-hip'];

/** Every test that asks a patient for consent, and what it needs. */
export const HIU_CASTING: Readonly<Record<string, HiuPatientNeed>> = {
  'HIU.CONSENT.01': 'one-hip',
  'HIU.CONSENT.02': 'one-hip',
  'HIU.CONSENT.03': 'one-hip',
  'HIU.CONSENT.04': 'one-hip',
  'HIU.CONSENT.05': 'one-hip',
  'HIU.CONSENT.06': 'one-hip',
  'HIU.CONSENT.07': 'two-hips',
  'HIU.DATA.01': 'three-records',
  'HIU.DATA.02': 'one-hip',
  'HIU.DATA.03': 'two-hips',
  'HIU.RECEIVE.01': 'two-hips',
  'HIU.RECEIVE.02': 'three-records',
  'HIU.RECEIVE.03': 'one-hip',
  'HIU.RECEIVE.04': 'three-records',
  'HIU.RECEIVE.05': 'one-hip',
  'HIU.STOP.01': 'one-hip',
  'HIU.STOP.02': 'one-hip',
};

/** How far into the world the casting looks (patients in population order). */
const SCAN = 5_000;

const casts = new WeakMap<World, Map<string, HiuPatient>>();

function describe(world: World, index: number): HiuPatient {
  const hips = world
    .facilitiesVisitedBy(index)
    .filter((f) => f.isHip)
    .map((f) => ({ hipId: f.id, careContexts: world.careContexts(index, f.id) }))
    .filter((h) => h.careContexts.length > 0);
  return { patient: world.patient(index), hips, careContexts: hips.flatMap((h) => h.careContexts) };
}

/** The patient of every test of HIU_CASTING in this world. */
function castOf(world: World): Map<string, HiuPatient> {
  let cast = casts.get(world);
  if (cast) return cast;
  cast = new Map();
  const taken = new Set<number>();
  const order = Object.entries(HIU_CASTING).sort(([, a], [, b]) => STRICTNESS.indexOf(a) - STRICTNESS.indexOf(b));
  const end = Math.min(world.options.population, SCAN);
  for (const [testId, need] of order) {
    for (let i = 0; i < end; i++) {
      if (taken.has(i)) continue;
      const candidate = describe(world, i);
      if (!FITS[need](candidate)) continue;
      taken.add(i);
      cast.set(testId, candidate);
      break;
    }
  }
  casts.set(world, cast);
  return cast;
}

/**
 * This test's own patient. The test is skipped when the HIU cannot be prompted, the world has too few patients that fit, or one of the
 * patient's HIPs is a partner HIP registered in this sandbox (a HIP under test answers for its records itself).
 */
export async function castHiuPatient(ctx: TestContext): Promise<HiuPatient> {
  // Every flow test starts with the HIU's own request: without a way to prompt it, nothing is set up for nothing.
  if (!ctx.canAct('hiu.request-consent')) {
    ctx.skip("This run cannot prompt the HIU to act on its own (hiu.request-consent): give --hiu-operator-url, the operator endpoints of your HIU's test build (see docs/conformance.md)");
  }
  const need = HIU_CASTING[ctx.test.id];
  if (!need) throw new Error(`${ctx.test.id} has no entry in HIU_CASTING (conformance/suites/hiu/hiu-patients.ts)`);
  const chosen = castOf(await ctx.world()).get(ctx.test.id);
  if (!chosen) ctx.skip(`The sandbox's world (seed ${ctx.sandbox.seed}, ${ctx.sandbox.population} accounts) has too few patients for this test to have its own (it needs ${need.replace(/-/g, ' ')})`);
  const { data } = await ctx.act('patient.care-contexts', { abhaAddress: chosen.patient.abhaAddress });
  const partners = ((data as { hips?: Array<{ hipId: string; mode: string }> } | undefined)?.hips ?? []).filter((h) => h.mode !== 'virtual');
  if (partners.length > 0) {
    ctx.skip(`${chosen.patient.abhaAddress} has records at ${partners.map((h) => h.hipId).join(', ')}, a partner HIP registered in this sandbox; the HIU tests need HIPs the sandbox plays`);
  }
  ctx.info(`Patient: ${chosen.patient.abhaAddress}, ${chosen.careContexts.length} care context(s) at ${chosen.hips.map((h) => `${h.hipId} (${h.careContexts.length})`).join(', ')}`);
  return chosen;
}
