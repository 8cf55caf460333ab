// The expected-failures file: tests known to fail, each with the written reason. A listed test that fails does
// not fail the run; a listed test that passes does (the list is out of date). Format:
//   {"expectedFailures": [{"test": "HIP.SECURITY.01", "reason": "JWT check lands in release 2.3 (#41)"}]}
import { idMatches } from '../dsl/test-id-pattern.js';
import type { ExpectedFailure } from './run-log-entry.js';

/** Parses and checks the file's text against the known test ids; returns the entries or the problems. */
export function parseExpectedFailures(text: string, knownTestIds: ReadonlyArray<string>): { entries: ExpectedFailure[] } | { problems: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { problems: [`not JSON (${err instanceof Error ? err.message : String(err)})`] };
  }
  const list = Array.isArray(doc) ? doc : (doc as { expectedFailures?: unknown } | null)?.expectedFailures;
  if (!Array.isArray(list)) return { problems: ['expected {"expectedFailures": [{"test": "<id or pattern>", "reason": "<why>"}]}'] };
  const problems: string[] = [];
  const entries: ExpectedFailure[] = [];
  list.forEach((item, i) => {
    const { test, reason } = (item ?? {}) as { test?: unknown; reason?: unknown };
    if (typeof test !== 'string' || test.trim() === '') return void problems.push(`entry ${i + 1}: "test" must be a test id or pattern`);
    if (typeof reason !== 'string' || reason.trim() === '') return void problems.push(`entry ${i + 1} (${test}): "reason" must say why the failure is accepted`);
    if (!knownTestIds.some((id) => idMatches(test, id))) return void problems.push(`entry ${i + 1}: ${test} matches no test`);
    entries.push({ test, reason });
  });
  return problems.length > 0 ? { problems } : { entries };
}

/** The entry that lists this test, if any (the first, in file order). */
export function expectedFailureFor(testId: string, entries: ReadonlyArray<ExpectedFailure>): ExpectedFailure | undefined {
  return entries.find((e) => idMatches(e.test, testId));
}
