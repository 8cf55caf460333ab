import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldName, isAbdmName } from './demographic-name.js';

// The regex as V3-LT publishes it: the reference the linear rewrite must agree with (on short inputs only).
const PUBLISHED = /^[a-zA-Z]+(([',. -][a-zA-Z ])?[a-zA-Z]*)*$/;

describe('isAbdmName', () => {
  it('accepts what V3-LT accepts and refuses what it refuses', () => {
    for (const ok of ['Ramesh Kumar', "D'Souza", 'Anil K. Sharma', 'Mary-Anne', 'A', 'ab  ']) expect(isAbdmName(ok)).toBe(true);
    for (const bad of ['', ' Ramesh', 'Ramesh.', 'Ramesh 2', 'a - b', 'Rāmesh', '-a']) expect(isAbdmName(bad)).toBe(false);
  });

  it('agrees with the published regex on every short string over its alphabet', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', "'", ',', '.', '-', '1'), maxLength: 9 }), (s) => {
        expect(isAbdmName(s)).toBe(PUBLISHED.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('stays fast on a long name with a bad last character (the published regex backtracks for ages)', () => {
    const hostile = `${'a'.repeat(5000)}1`;
    expect(isAbdmName(hostile)).toBe(false);
  });
});

describe('foldName', () => {
  it('ignores case, punctuation and extra spaces', () => {
    expect(foldName("  Anil  K. D'Souza ")).toBe('anil k d souza');
  });
});
