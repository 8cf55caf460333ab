import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyPathOf, jsonLines } from './json-lines.js';

describe('jsonLines', () => {
  it('prints any JSON value exactly as JSON.stringify(value, null, 2) does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonLines(value).map((l) => l.text).join('\n')).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('knows the path of the value each line starts, in the gateway notation of finding paths', () => {
    const lines = jsonLines({ patient: { id: 'a@sbx', careContexts: [{ referenceNumber: 'CC1' }] }, 'odd key': 1 });
    const at = (path: string) => lines.find((l) => l.path === path)?.text.trim();
    expect(at('')).toBe('{');
    expect(at('.patient.id')).toBe('"id": "a@sbx",');
    expect(at('.patient.careContexts[0].referenceNumber')).toBe('"referenceNumber": "CC1"');
    expect(at('["odd key"]')).toBe('"odd key": 1');
    // Closing lines belong to no path, so a finding marks the line where its value starts, not where it ends.
    expect(lines.filter((l) => l.path === '.patient')).toHaveLength(1);
  });
});

describe('bodyPathOf', () => {
  it('reads body and $ paths, and leaves other paths (headers) alone', () => {
    expect(bodyPathOf('body')).toBe('');
    expect(bodyPathOf('body.patient[0].count')).toBe('.patient[0].count');
    expect(bodyPathOf('$.keyMaterial')).toBe('.keyMaterial');
    expect(bodyPathOf('TIMESTAMP')).toBeUndefined();
    expect(bodyPathOf('bodyguard')).toBeUndefined();
  });
});
