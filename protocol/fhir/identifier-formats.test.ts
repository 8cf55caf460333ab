// isAbhaNumber answers the usual written forms itself; it must agree with the ids module's checker on every form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAbhaNumberChecksum } from '../ids/index.js';
import { isAbhaNumber } from './identifier-formats.js';

describe('isAbhaNumber', () => {
  it('takes Luhn-valid numbers plain or dashed, and refuses a bad check digit', () => {
    expect(isAbhaNumber('91686532731326')).toBe(true);
    expect(isAbhaNumber('91-6865-3273-1326')).toBe(true);
    expect(isAbhaNumber('91-6865-3273-1327')).toBe(false);
    expect(isAbhaNumber('9168-6532-7313-26')).toBe(true);
  });

  it('agrees with checkAbhaNumberChecksum on digits, dashes and stray characters', () => {
    const text = fc.array(fc.constantFrom('0', '1', '2', '6', '9', '-', ' ', 'a'), { minLength: 12, maxLength: 18 }).map((cs) => cs.join(''));
    const dashedDigits = fc.stringMatching(/^\d{2}-\d{4}-\d{4}-\d{4}$/);
    fc.assert(
      fc.property(fc.oneof(text, dashedDigits, fc.stringMatching(/^\d{14}$/)), (value) => {
        expect(isAbhaNumber(value)).toBe(checkAbhaNumberChecksum(value).ok);
      }),
      { numRuns: 5_000, seed: 20261125 },
    );
  });
});
