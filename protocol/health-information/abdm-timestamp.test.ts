import { describe, expect, it } from 'vitest';
import { parseAbdmTimestamp } from './abdm-timestamp.js';

describe('parseAbdmTimestamp', () => {
  it('reads the forms ABDM peers send', () => {
    const at = Date.UTC(2026, 4, 10, 9, 5, 24, 238);
    expect(parseAbdmTimestamp('2026-05-10T09:05:24.238Z')).toBe(at);
    expect(parseAbdmTimestamp('2026-05-10T09:05:24.238')).toBe(at); // no zone: UTC
    expect(parseAbdmTimestamp('2026-05-10T09:05:24.238924')).toBe(at); // Java microseconds
    expect(parseAbdmTimestamp('2026-05-10T14:35:24.238+05:30')).toBe(at);
    expect(parseAbdmTimestamp('2026-05-10T14:35:24.238+0530')).toBe(at);
    expect(parseAbdmTimestamp('2026-05-10T09:05Z')).toBe(Date.UTC(2026, 4, 10, 9, 5));
  });

  it('refuses what is not a timestamp or names an impossible date', () => {
    for (const bad of ['', 'tomorrow', '2026-05-10', '2026-02-30T00:00:00Z', '2026-05-10T24:00:00Z', '10/05/2026 09:05', '2026-05-10T09:05:61Z']) {
      expect(parseAbdmTimestamp(bad)).toBeUndefined();
    }
  });
});
