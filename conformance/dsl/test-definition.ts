// How a conformance test, a group and a suite are declared. A test is data (id, title, milestone, level, NHA
// test cases, spec references, tags) plus `run(ctx)`; groups collect tests and roll their results up.
import type { PartnerRole } from '../../protocol/operations/operation.js';
import type { TestContext } from './test-context.js';

/** RFC 2119 levels: only a failed MUST fails the run. */
export type RequirementLevel = 'MUST' | 'SHOULD' | 'MAY';

export type Milestone = 'M1' | 'M2' | 'M3';

/** The kind of partner a suite grades: a HIP or HIU (by its service), or an ABHA client (M1, by its client id). */
export type SuiteRole = PartnerRole | 'abha';

/**
 * When a test runs. `startup` tests wait for the partner to come up (session, bridge URL); `main` tests drive
 * it, in parallel; `review` tests grade the traffic of the whole run, after every other test has finished.
 */
export type Phase = 'startup' | 'main' | 'review';

export const PHASES: ReadonlyArray<Phase> = ['startup', 'main', 'review'];

export interface TestDefinition {
  /** Stable id, `<SUITE>.<GROUP>.<nn>` (e.g. `HIP.DISCOVER.01`); reports, `--only` and expected-failure files use it. */
  readonly id: string;
  readonly title: string;
  /** What the test does and why, in a sentence or two (markdown). */
  readonly description: string;
  readonly milestone: Milestone;
  readonly level: RequirementLevel;
  /** NHA functional test-case ids it covers (spec §5.13, §6.8); empty for prerequisites of every test case. */
  readonly nhaTestCases: ReadonlyArray<string>;
  /** Where the rule is written, e.g. `abdm-api.md §2.2`. */
  readonly spec: ReadonlyArray<string>;
  readonly tags: ReadonlyArray<string>;
  readonly phase: Phase;
  /**
   * Named state the test changes or depends on (e.g. `bridge-url`, a patient's consents): two tests that share a
   * name never run at the same time. Tests that only use their own ABDM ids share nothing and run in parallel.
   */
  readonly shares: ReadonlyArray<string>;
  /** Virtual-actor actions the test needs (`patient.discover`, ...); without them it is skipped. */
  readonly requires: ReadonlyArray<string>;
  /** Overall budget, when the default (derived from `--timeout-ms`) does not fit. */
  readonly timeoutMs?: number;
  run(ctx: TestContext): Promise<void>;
}

/** What a test file writes; optional fields get their defaults. */
export type TestDeclaration = Omit<TestDefinition, 'phase' | 'shares' | 'requires' | 'tags' | 'nhaTestCases'> &
  Partial<Pick<TestDefinition, 'phase' | 'shares' | 'requires' | 'tags' | 'nhaTestCases'>>;

export interface GroupDefinition {
  /** `<SUITE>.<GROUP>`, the prefix of its tests' ids. */
  readonly id: string;
  readonly title: string;
  readonly tests: ReadonlyArray<TestDefinition>;
}

export interface SuiteDefinition {
  /** `hip`, `hiu`, `abha`: what `--suite` selects. */
  readonly id: string;
  readonly title: string;
  /** The kind of partner the suite grades. */
  readonly role: SuiteRole;
  readonly groups: ReadonlyArray<GroupDefinition>;
}

/** Declares a test. */
export function defineTest(declaration: TestDeclaration): TestDefinition {
  return Object.freeze({
    phase: 'main' as Phase,
    shares: [],
    requires: [],
    tags: [],
    nhaTestCases: [],
    ...declaration,
  });
}

/** Declares a group of tests. */
export function defineGroup(id: string, title: string, tests: ReadonlyArray<TestDefinition>): GroupDefinition {
  return Object.freeze({ id, title, tests: [...tests] });
}

/** Declares a suite. */
export function defineSuite(suite: SuiteDefinition): SuiteDefinition {
  return Object.freeze({ ...suite, groups: [...suite.groups] });
}

/** Every test of the suites, in declaration order. */
export function testsOf(suites: ReadonlyArray<SuiteDefinition>): TestDefinition[] {
  return suites.flatMap((s) => s.groups.flatMap((g) => g.tests));
}
