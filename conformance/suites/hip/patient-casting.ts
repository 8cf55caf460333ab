// Which of the HIP's patients each test uses. Every test that links, consents or shares gets a patient of its own,
// so tests run in parallel without seeing each other's links; the assignment is fixed (the table below, the
// stricter needs first, each taking the first free patient that fits), so a test gets the same patient whether it
// runs alone (--only) or with the whole suite, and the same seed gives the same run.
import type { TestContext } from '../../dsl/test-context.js';
import { hipCast, type HipCast, type HipPatient } from './hip-patients.js';

/** What a test needs of its patient. */
export type PatientNeed = 'one-record' | 'two-records' | 'two-hi-types' | 'two-dates';

const FITS: Record<PatientNeed, (p: HipPatient) => boolean> = {
  'one-record': (p) => p.careContexts.length >= 1,
  'two-records': (p) => p.careContexts.length >= 2,
  'two-hi-types': (p) => new Set(p.careContexts.map((c) => c.hiType)).size >= 2,
  'two-dates': (p) => new Set(p.careContexts.map((c) => c.date)).size >= 2,
};
const STRICTNESS: PatientNeed[] = ['two-hi-types', 'two-dates', 'two-records', 'one-record'];

/** Every test that uses a patient of the HIP, and what it needs. */
export const CASTING: Readonly<Record<string, PatientNeed>> = {
  'HIP.DISCOVER.01': 'one-record',
  'HIP.DISCOVER.02': 'one-record',
  'HIP.DISCOVER.03': 'one-record',
  'HIP.DISCOVER.07': 'two-records',
  'HIP.LINK.01': 'one-record',
  'HIP.LINK.02': 'two-records',
  'HIP.LINK.03': 'one-record',
  'HIP.LINK.04': 'one-record',
  'HIP.LINK-TOKEN.01': 'one-record',
  'HIP.LINK-TOKEN.02': 'two-records',
  'HIP.LINK-TOKEN.03': 'one-record',
  'HIP.NOTIFY.01': 'one-record',
  'HIP.NOTIFY.02': 'one-record',
  'HIP.SHARE.01': 'one-record',
  'HIP.SHARE.02': 'one-record',
  'HIP.SHARE.03': 'one-record',
  'HIP.CONSENT.01': 'one-record',
  'HIP.CONSENT.02': 'one-record',
  'HIP.CONSENT.03': 'one-record',
  'HIP.DATA.01': 'one-record',
  'HIP.DATA.02': 'two-records',
  'HIP.DATA.03': 'two-records',
  'HIP.DATA.04': 'two-hi-types',
  'HIP.DATA.05': 'two-dates',
  'HIP.DATA.06': 'one-record',
  'HIP.REFUSE.01': 'one-record',
  'HIP.REFUSE.02': 'one-record',
};

const assignments = new WeakMap<HipCast, Map<string, HipPatient | undefined>>();

/** The patient each test of CASTING uses in this cast (undefined when the HIP has too few that fit). */
function assign(cast: HipCast): Map<string, HipPatient | undefined> {
  let out = assignments.get(cast);
  if (out) return out;
  out = new Map();
  const taken = new Set<number>();
  const order = Object.entries(CASTING).sort(([, a], [, b]) => STRICTNESS.indexOf(a) - STRICTNESS.indexOf(b));
  for (const [testId, need] of order) {
    const found = cast.patients.find((p) => !taken.has(p.patient.index) && FITS[need](p));
    if (found) taken.add(found.patient.index);
    out.set(testId, found);
  }
  assignments.set(cast, out);
  return out;
}

/** The HIP's cast, or the test is skipped: the partner is not a facility of the sandbox's world. */
export async function castOf(ctx: TestContext): Promise<HipCast> {
  const cast = await hipCast(await ctx.world(), ctx.partner.serviceId);
  if (!cast) {
    ctx.skip(
      `HIP ${ctx.partner.serviceId} is not a HIP facility of the sandbox's world (seed ${ctx.sandbox.seed}), so the sandbox knows none of its patients; register your HIP under one of the world's HFR facility ids and load that facility's patients (abdm-sandbox fixtures)`,
    );
  }
  return cast;
}

/**
 * This test's own patient of the HIP, with care contexts none of which is linked yet; the test is skipped when the
 * HIP has too few patients that fit, or when an earlier run against this sandbox already linked this one.
 */
export async function castPatient(ctx: TestContext): Promise<HipPatient> {
  const need = CASTING[ctx.test.id];
  if (!need) throw new Error(`${ctx.test.id} has no entry in CASTING (conformance/suites/hip/patient-casting.ts)`);
  const cast = await castOf(ctx);
  const chosen = assign(cast).get(ctx.test.id);
  if (!chosen) ctx.skip(`HIP ${ctx.partner.serviceId} has too few patients in this world for every test to have its own (this one needs ${need.replace(/-/g, ' ')})`);
  const { data } = await ctx.act('patient.links', { abhaAddress: chosen.patient.abhaAddress, hipId: ctx.partner.serviceId });
  const links = (data as { links?: unknown[] } | undefined)?.links ?? [];
  if (links.length > 0) {
    ctx.skip(`${chosen.patient.abhaAddress} already has ${links.length} care context(s) linked at ${ctx.partner.serviceId}, from an earlier run against this sandbox; run against a fresh sandbox`);
  }
  ctx.info(`Patient: ${chosen.patient.abhaAddress} (${chosen.patient.name.full}), ${chosen.careContexts.length} care context(s) at ${ctx.partner.serviceId}`);
  return chosen;
}

/** What the discovery tests need of the cast besides a patient of their own, to do their full job (not skip or weaken). */
const CAST_NEEDS: Readonly<Record<string, (cast: HipCast) => boolean>> = {
  'HIP.DISCOVER.04': (cast) => cast.stranger.of !== undefined,
  'HIP.DISCOVER.05': (cast) => cast.relative !== undefined,
  'HIP.DISCOVER.06': (cast) => cast.ambiguous !== undefined,
};

/**
 * Whether the test finds in this cast all it needs to grade fully: its own patient (CASTING), the namesake, relative
 * or indistinguishable pair of the discovery tests. For choosing which of the world's facilities a HIP under test
 * should be registered as (tests that run several HIPs in one sandbox).
 */
export function castServes(cast: HipCast, testId: string): boolean {
  if (CASTING[testId] && !assign(cast).get(testId)) return false;
  return CAST_NEEDS[testId]?.(cast) ?? true;
}
