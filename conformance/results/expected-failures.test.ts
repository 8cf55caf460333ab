import { describe, expect, it } from 'vitest';
import { expectedFailureFor, parseExpectedFailures } from './expected-failures.js';

const known = ['HIP.SECURITY.01', 'HIP.SECURITY.02', 'HIP.HEADERS.03'];

describe('expected-failures file', () => {
  it('reads entries with ids or patterns and a reason; either the wrapped or the bare list', () => {
    const doc = { expectedFailures: [{ test: 'HIP.SECURITY.*', reason: 'JWT check lands in 2.3 (#41)' }] };
    expect(parseExpectedFailures(JSON.stringify(doc), known)).toEqual({ entries: doc.expectedFailures });
    expect(parseExpectedFailures(JSON.stringify(doc.expectedFailures), known)).toEqual({ entries: doc.expectedFailures });
  });

  it('refuses entries without a reason, ids that match no test, and files that are not the format', () => {
    const r = parseExpectedFailures(JSON.stringify([{ test: 'HIP.SECURITY.01' }, { test: 'HIP.NOPE.01', reason: 'x' }]), known);
    expect(r).toEqual({ problems: ['entry 1 (HIP.SECURITY.01): "reason" must say why the failure is accepted', 'entry 2: HIP.NOPE.01 matches no test'] });
    expect(parseExpectedFailures('{"HIP.SECURITY.01": true}', known)).toEqual({ problems: [expect.stringContaining('expected {"expectedFailures"')] });
    expect(parseExpectedFailures('not json', known)).toEqual({ problems: [expect.stringMatching(/^not JSON/)] });
  });

  it('finds the entry listing a test', () => {
    const entries = [{ test: 'HIP.HEADERS.03', reason: 'a' }, { test: 'HIP.*', reason: 'b' }];
    expect(expectedFailureFor('HIP.HEADERS.03', entries)?.reason).toBe('a');
    expect(expectedFailureFor('HIP.SECURITY.01', entries)?.reason).toBe('b');
    expect(expectedFailureFor('HIU.SECURITY.01', entries)).toBeUndefined();
  });
});
