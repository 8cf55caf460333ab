// nrces-bundle-04 compares Bundle.timestamp with Composition.date as Date.parse reads them; isEarlier
// compares most such times by their text, and must answer exactly as Date.parse would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEarlier } from './profile-composition.js';

const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));
// Times near and beyond the ranges Date.parse accepts or rolls over (day 29-32, hour 24, minute 60, offset 14+),
// with fractions of one to four digits.
const time = fc.record({
  base: fc.tuple(fc.constantFrom('0000', '1999', '2024', '2025'), two(0, 13), two(0, 32), two(0, 24), two(0, 60), two(0, 60)).map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d}T${h}:${mi}:${s}`),
  fraction: fc.constantFrom('', '.000', '.123', '.999', '.5', '.6', '.1234', '.1235'),
  offset: fc.constantFrom('Z', '+05:30', '-05:30', '+00:00', '+13:59', '+14:00', '+24:00', '+05:60', ''),
});
type Time = { base: string; fraction: string; offset: string };
const text = (t: Time) => `${t.base}${t.fraction}${t.offset}`;

describe('isEarlier', () => {
  it('reads typical IST times', () => {
    expect(isEarlier('2024-03-15T10:15:00+05:30', '2024-03-15T10:15:01+05:30')).toBe(true);
    expect(isEarlier('2024-03-15T10:15:01+05:30', '2024-03-15T10:15:00+05:30')).toBe(false);
    expect(isEarlier('2024-03-15T10:15:00+05:30', '2024-03-15T04:45:00Z')).toBe(false);
    expect(isEarlier('2024-03-15T10:15:00+05:30', '2024-03-15T04:46:00Z')).toBe(true);
    expect(isEarlier('2023-01-24T16:19:00.000+05:30', '2023-01-24T16:19:00.001+05:30')).toBe(true);
    expect(isEarlier('2023-01-24T16:19:00.000+05:30', '2023-01-24T16:19:00.000+05:30')).toBe(false);
    // Date.parse rolls 30 February over to 1 March: the two are the same instant, so neither is earlier.
    expect(isEarlier('2024-02-30T10:00:00Z', '2024-03-01T10:00:00Z')).toBe(false);
  });

  it('answers as Date.parse does, on times valid, rolled over and unreadable', () => {
    fc.assert(
      fc.property(time, time, fc.boolean(), fc.boolean(), (ta, tb, sameForm, sameSecond) => {
        // Often of one form (fraction length and offset), the case compared by text; sometimes in one second.
        const a = text(ta);
        const base = sameSecond ? ta.base : tb.base;
        const b = text(sameForm ? { base, offset: ta.offset, fraction: tb.fraction.length === ta.fraction.length ? tb.fraction : ta.fraction } : { ...tb, base });
        expect(isEarlier(a, b)).toBe(Date.parse(a) < Date.parse(b));
      }),
      { numRuns: 20_000, seed: 20261125 },
    );
  });
});
