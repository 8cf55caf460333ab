// How long a negative test watches for something the partner must not do (act on a forged call, answer a
// redelivery twice, push under a refused request). No finite window proves a negative; the window is set by the
// partner's own pace, measured in the same test on the genuine counterpart of the act (its answer to the control
// call, to the first copy, to the request): a partner that does the wrong thing does it in the same handler, about
// as fast as it does the right one (and the first genuine act also pays for warm-ups the wrong one does not).
// Three times that pace, at least a second, at most the run's --timeout-ms (also the window when the pace could not
// be measured). Against the reference partners this is the floor of a second, where a fixed --timeout-ms window
// made these few tests most of a run's wall time; the HIP mutants that act wrongly are caught well within it.
import type { TestContext } from '../../dsl/test-context.js';

export const QUIET_FLOOR_MS = 1_000;
export const QUIET_PACE_FACTOR = 3;

/** Milliseconds since the call: `const pace = stopwatch(); ...; pace()`. Wall time, as the partner experiences it. */
export function stopwatch(): () => number {
  const start = performance.now();
  return () => performance.now() - start;
}

/** The window for `ctx.expectNothing`, given how long the partner took to do the genuine act (undefined: not seen). */
export function quietWindowMs(ctx: Pick<TestContext, 'timeoutMs'>, paceMs: number | undefined): number {
  if (paceMs === undefined) return ctx.timeoutMs;
  return Math.round(Math.min(ctx.timeoutMs, Math.max(QUIET_FLOOR_MS, QUIET_PACE_FACTOR * paceMs)));
}
