// Test outcomes and message levels, and how a group rolls its tests' outcomes up (Inferno's priority order).
import type { RequirementLevel } from '../dsl/test-definition.js';

/** `error` is a harness fault (the test could not be graded), never a partner failure. */
export type Outcome = 'pass' | 'fail' | 'skip' | 'error';

export type MessageLevel = 'info' | 'warning' | 'error';

/**
 * Tests with this tag check what only a person can judge (a consent text on screen, a label): they end as `skip`
 * with what to check as the reason, and reports list them apart, for a reviewer to attest.
 */
export const ATTESTATION_TAG = 'attestation';

/** True for an attestation item still waiting for its reviewer. */
export const awaitsAttestation = (t: { tags: ReadonlyArray<string>; outcome: Outcome }): boolean => t.outcome === 'skip' && t.tags.includes(ATTESTATION_TAG);

/** Highest first: a group with an error is an error, else with a failure a failure, and so on. */
export const OUTCOME_PRIORITY: ReadonlyArray<Outcome> = ['error', 'fail', 'skip', 'pass'];

export interface RolledChild {
  outcome: Outcome;
  level: RequirementLevel;
}

/**
 * A group's outcome: the highest-priority outcome of its MUST tests; SHOULD and MAY tests count only when the
 * group has nothing else (they are optional, as in Inferno). An empty group is skipped.
 */
export function rollUp(children: ReadonlyArray<RolledChild>): Outcome {
  const required = children.filter((c) => c.level === 'MUST');
  const counted = required.length > 0 ? required : children;
  if (counted.length === 0) return 'skip';
  for (const outcome of OUTCOME_PRIORITY) if (counted.some((c) => c.outcome === outcome)) return outcome;
  return 'skip';
}
