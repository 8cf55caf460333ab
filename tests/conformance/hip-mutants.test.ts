// The proof that the HIP suite grades honestly: the whole suite passes against the reference HIP, and each mutant
// of it (one realistic integration bug, fixtures/partners/hip/mutants) is caught by the tests meant for it, with a
// failed check of the rule it breaks, and the run's verdict says so (exit 1; 0 for a SHOULD). All in one sandbox:
// every HIP is a facility of the world of its own, so runs do not see each other's links or consents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testsOf } from '../../conformance/dsl/test-definition.js';
import type { RunResult } from '../../conformance/runner/runner.js';
import { SUITES } from '../../conformance/suites/index.js';
import { HIP_MUTANTS } from '../../fixtures/partners/hip/mutants/index.js';
import { startReferenceHipRuns, type ReferenceHipRuns } from '../support/reference-hip-runs.js';

const HIP_TESTS = testsOf(SUITES.filter((s) => s.id === 'hip'));
const LEVEL = new Map(HIP_TESTS.map((t) => [t.id, t.level]));

let h: ReferenceHipRuns;
/** The facility the reference HIP runs as, then one per mutant (in HIP_MUTANTS order). */
let referenceHipId: string;
let mutantHipIds: string[];

beforeAll(async () => {
  h = await startReferenceHipRuns();
  [referenceHipId, ...mutantHipIds] = await h.facilitiesFor([HIP_TESTS.map((t) => t.id), ...HIP_MUTANTS.map((m) => m.caughtBy.tests)]);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const failedRules = (r: RunResult, testId: string) => (r.summary.tests.find((t) => t.id === testId)?.checks ?? []).filter((c) => !c.passed).map((c) => c.ruleId);

describe('the HIP suite against the reference HIP', () => {
  it('passes every test (only a SHOULD may be skipped, with the reason); the verdict is exit 0 and no traffic is left unmatched', async () => {
    const r = await h.runAgainst(referenceHipId);
    expect(r.summary.tests.map((t) => t.id)).toEqual(HIP_TESTS.map((t) => t.id));
    const notPassed = r.summary.tests.filter((t) => t.outcome !== 'pass');
    expect(notPassed.filter((t) => t.outcome !== 'skip' || LEVEL.get(t.id) !== 'SHOULD').map((t) => `${t.id} ${t.outcome}: ${t.summary}`)).toEqual([]);
    for (const t of notPassed) expect(t.summary, t.id).toMatch(/\w{10,}/);
    expect(r.summary.verdict).toMatchObject({ exitCode: 0, outcome: 'pass' });
    expect(r.summary.unmatched).toEqual([]);
  }, 90_000);
});

describe('every mutant of the reference HIP is caught by the tests meant for it', () => {
  it('there are at least 15, with distinct ids, each naming tests of the suite', () => {
    expect(HIP_MUTANTS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(HIP_MUTANTS.map((m) => m.id)).size).toBe(HIP_MUTANTS.length);
    for (const m of HIP_MUTANTS) for (const id of m.caughtBy.tests) expect(LEVEL.has(id), `${m.id}: ${id}`).toBe(true);
  });

  it('docs/conformance.md lists each, with its bug and the tests that catch it', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/conformance.md'), 'utf8');
    for (const m of HIP_MUTANTS) expect(doc).toContain(`| \`${m.id}\` | ${m.bug} | ${m.caughtBy.tests.join(', ')} (\`${m.caughtBy.rule}\`) | ${m.level} |`);
    const table = doc.slice(doc.indexOf('| Mutant | The bug | Caught by (rule) | Level |')).split('\n\n')[0];
    expect(table.split('\n')).toHaveLength(2 + HIP_MUTANTS.length);
  });

  it.concurrent.each(HIP_MUTANTS.map((m, i) => ({ ...m, i })))('$id → $caughtBy.tests ($caughtBy.rule)', async (m) => {
    const r = await h.runAgainst(mutantHipIds[m.i], m.variation(), { selection: { suites: ['hip'], only: m.caughtBy.tests, tags: [] } });
    const outcomes = Object.fromEntries(r.summary.tests.map((t) => [t.id, t.outcome]));
    expect(outcomes).toEqual(Object.fromEntries(m.caughtBy.tests.map((id) => [id, 'fail'])));
    for (const id of m.caughtBy.tests) {
      const failed = failedRules(r, id);
      expect(failed, `${id} fails with ${m.caughtBy.rule}`).toContain(m.caughtBy.rule);
      // Caught for the bug, not for a step before it that went wrong (a setup the mutant does not touch), nor by a
      // wait that ran out when the rule is another.
      expect(failed.filter((rule) => rule.startsWith('setup-') || (rule === 'wait-expired' && m.caughtBy.rule !== rule)), id).toEqual([]);
    }
    // A mutant is MUST when a MUST test catches it: that failure is what makes the run exit 1.
    expect(m.caughtBy.tests.some((id) => LEVEL.get(id) === 'MUST')).toBe(m.level === 'MUST');
    expect(r.summary.verdict.exitCode).toBe(m.level === 'MUST' ? 1 : 0);
    expect(r.summary.unmatched).toEqual([]);
  }, 90_000);
});
