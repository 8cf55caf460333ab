// Which tests a run executes: `--suite`, `--only` (ids or patterns) and `--tags` (any of them).
import type { GroupDefinition, SuiteDefinition, TestDefinition } from '../dsl/test-definition.js';
import { ConfigError } from './config-error.js';
import { idMatches } from '../dsl/test-id-pattern.js';

export interface Selection {
  /** Suite ids; empty means every suite. */
  suites: ReadonlyArray<string>;
  /** Test ids or patterns; empty means every test of the suites. */
  only: ReadonlyArray<string>;
  /** Tags; a test is selected when it has any of them. Empty means no tag filter. */
  tags: ReadonlyArray<string>;
}

export interface SelectedTest {
  suite: SuiteDefinition;
  group: GroupDefinition;
  test: TestDefinition;
}

/** The selected tests in declaration order; throws ConfigError when a filter names nothing. */
export function selectTests(all: ReadonlyArray<SuiteDefinition>, selection: Selection): SelectedTest[] {
  for (const id of selection.suites) {
    if (!all.some((s) => s.id === id)) throw new ConfigError(`unknown suite "${id}"; the suites are ${all.map((s) => s.id).join(', ')}`);
  }
  const suites = selection.suites.length > 0 ? all.filter((s) => selection.suites.includes(s.id)) : all;
  const candidates = suites.flatMap((suite) => suite.groups.flatMap((group) => group.tests.map((test) => ({ suite, group, test }))));
  for (const pattern of selection.only) {
    if (!candidates.some((c) => idMatches(pattern, c.test.id))) {
      throw new ConfigError(`--only ${pattern} matches no test of the suite(s) ${suites.map((s) => s.id).join(', ')}`);
    }
  }
  const selected = candidates.filter(
    (c) =>
      (selection.only.length === 0 || selection.only.some((p) => idMatches(p, c.test.id))) &&
      (selection.tags.length === 0 || c.test.tags.some((t) => selection.tags.includes(t))),
  );
  if (selected.length === 0) throw new ConfigError('the selection (--suite, --only, --tags) matches no test');
  return selected;
}
