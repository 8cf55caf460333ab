import { describe, expect, it } from 'vitest';
import { linkTokenExpiry } from './link-token.js';

describe('linkTokenExpiry', () => {
  it('is six calendar months later, clamped to the end of a shorter month', () => {
    expect(new Date(linkTokenExpiry(Date.parse('2026-01-15T10:00:00.000Z'))).toISOString()).toBe('2026-07-15T10:00:00.000Z');
    expect(new Date(linkTokenExpiry(Date.parse('2025-08-31T23:59:00.000Z'))).toISOString()).toBe('2026-02-28T23:59:00.000Z');
    expect(new Date(linkTokenExpiry(Date.parse('2026-09-30T00:00:00.000Z'))).toISOString()).toBe('2027-03-30T00:00:00.000Z');
  });
});
