import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bloomMayContain, bloomOf } from './bloom-filter.js';

describe('Bloom filter', () => {
  it('always finds what was added', () => {
    const ids = Array.from({ length: 1000 }, () => randomUUID());
    const filter = bloomOf(ids, ids.length);
    expect(ids.every((id) => bloomMayContain(filter, id))).toBe(true);
  });

  it('rarely claims what was not added (under 1%)', () => {
    const filter = bloomOf(Array.from({ length: 256 }, () => randomUUID()), 256);
    const misses = Array.from({ length: 20_000 }, () => randomUUID()).filter((id) => bloomMayContain(filter, id)).length;
    expect(misses / 20_000).toBeLessThan(0.01);
  });

  it('an empty filter holds nothing', () => {
    expect(bloomMayContain(bloomOf([], 0), 'anything')).toBe(false);
  });
});
