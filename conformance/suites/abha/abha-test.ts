// Declares an ABHA (M1) test: milestone M1, graded in the review phase over the journey's calls unless it says
// otherwise.
import { defineTest, type TestDeclaration, type TestDefinition } from '../../dsl/test-definition.js';

export function abhaTest(declaration: Omit<TestDeclaration, 'milestone'>): TestDefinition {
  return defineTest({ phase: 'review', ...declaration, milestone: 'M1', tags: ['abha', ...(declaration.tags ?? [])] });
}
