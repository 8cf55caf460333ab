// Declaring the M3 tests of a group: what its tests share (spec references, NHA test cases, required actions,
// tags) is given once; each test adds or overrides its own.
import { defineTest, type TestDeclaration, type TestDefinition } from '../../dsl/test-definition.js';

type Own = Pick<TestDeclaration, 'id' | 'title' | 'description' | 'level' | 'run'>;

/** The sandbox actions every M3 flow test needs: the patient's records, their consent policy, the virtual HIPs' pushes. */
export const M3_SETUP_ACTIONS = ['patient.care-contexts', 'patient.set-consent-policy', 'virtualhip.set-behaviour'];

/** A defineTest for one group's M3 tests, with the group's defaults. */
export function m3TestsWith(defaults: Partial<Omit<TestDeclaration, keyof Own>> & Pick<TestDeclaration, 'spec'>): (test: Own & Partial<TestDeclaration>) => TestDefinition {
  return (test) => defineTest({ milestone: 'M3', requires: M3_SETUP_ACTIONS, ...defaults, ...test });
}
