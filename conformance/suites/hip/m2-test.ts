// Declaring the M2 tests of a group: what its tests share (spec references, NHA test cases, required actions,
// tags) is given once; each test adds or overrides its own.
import { defineTest, type TestDeclaration, type TestDefinition } from '../../dsl/test-definition.js';

type Own = Pick<TestDeclaration, 'id' | 'title' | 'description' | 'level' | 'run'>;

/** A defineTest for one group's M2 tests, with the group's defaults. */
export function m2TestsWith(defaults: Partial<Omit<TestDeclaration, keyof Own>> & Pick<TestDeclaration, 'spec'>): (test: Own & Partial<TestDeclaration>) => TestDefinition {
  return (test) => defineTest({ milestone: 'M2', ...defaults, ...test });
}
