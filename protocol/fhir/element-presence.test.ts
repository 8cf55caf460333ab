// compilePresence must answer exactly what collectMissing would: "complete" only when it finds nothing missing.
// Checked on hand cases of each rule of FHIR JSON presence and on random nested values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectMissing, compilePresence, elementPath } from './element-presence.js';

type Node = Record<string, unknown>;

const missingOf = (root: Node, texts: ReadonlyArray<string>): string[] => {
  const into: string[] = [];
  for (const text of texts) collectMissing(root, elementPath(text), 'R', into);
  return into;
};

describe('compilePresence', () => {
  const status = compilePresence([elementPath('status')]);
  const attesterMode = compilePresence([elementPath('attester.mode')]);
  const occurrence = compilePresence([elementPath('occurrence[x]')]);
  const priceType = compilePresence([elementPath('lineItem.priceComponent.type')]);

  it('counts a value, or a primitive given only as its _element companion, as present', () => {
    expect(status({ status: 'final' })).toBe(true);
    expect(status({ _status: { extension: [] } })).toBe(true);
    expect(status({})).toBe(false);
    expect(status({ status: null })).toBe(false);
    expect(status({ status: [] })).toBe(false);
    expect(status({ status: [], _status: {} })).toBe(true);
  });

  it('takes any x[Type] element for a choice, and nothing else', () => {
    expect(occurrence({ occurrenceDateTime: '2024-01-01' })).toBe(true);
    expect(occurrence({ occurrenceString: 'last winter' })).toBe(true);
    expect(occurrence({ occurrence: '2024-01-01' })).toBe(false);
    expect(occurrence({ occurrencedate: '2024-01-01' })).toBe(false);
  });

  it('requires the leaf in every instance of its parents, and nothing when the parent is absent', () => {
    expect(attesterMode({})).toBe(true);
    expect(attesterMode({ attester: [] })).toBe(true);
    expect(attesterMode({ attester: [{ mode: 'legal' }, { mode: 'official' }] })).toBe(true);
    expect(attesterMode({ attester: [{ mode: 'legal' }, { time: '2024' }] })).toBe(false);
    expect(attesterMode({ attester: { time: '2024' } })).toBe(false);
    expect(attesterMode({ attester: ['legal'] })).toBe(true);
    expect(priceType({ lineItem: [{ priceComponent: [{ type: 'base' }] }, { sequence: 2 }] })).toBe(true);
    expect(priceType({ lineItem: [{ priceComponent: [{ type: 'base' }, { code: {} }] }] })).toBe(false);
  });

  it('agrees with collectMissing on random nested values', () => {
    const all = ['status', 'attester.mode', 'occurrence[x]', 'lineItem.priceComponent.type', 'identifier.type', 'identifier'];
    // Each path alone (so "complete" is common) and all of them together.
    const sets = [...all.map((p) => [p]), all].map((paths) => ({ paths, complete: compilePresence(paths.map(elementPath)) }));
    const key = fc.constantFrom('status', '_status', 'attester', 'mode', '_mode', 'occurrence', 'occurrenceDateTime', 'lineItem', 'priceComponent', 'type', '_type', 'identifier', 'other');
    const leaf = fc.constantFrom<unknown>(null, 'x', 0, true, [], {});
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
      object: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
      array: fc.array(tie('tree'), { maxLength: 3 }),
    }));
    const root = fc.dictionary(key, tree, { maxKeys: 6 });
    let complete = 0;
    let checks = 0;
    fc.assert(
      fc.property(root, (r) => {
        for (const set of sets) {
          const expected = missingOf(r as Node, set.paths).length === 0;
          checks++;
          if (expected) complete++;
          expect(set.complete(r as Node)).toBe(expected);
        }
      }),
      { numRuns: 2000, seed: 20261125 },
    );
    // Both answers occur often enough for the agreement to mean something.
    expect(complete).toBeGreaterThan(checks / 10);
    expect(complete).toBeLessThan(checks - checks / 10);
  });
});
