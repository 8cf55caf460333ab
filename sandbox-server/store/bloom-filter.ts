// A Bloom filter over strings: "certainly not here" or "maybe here". The journal keeps one per segment for
// its correlation ids, so finding an exchange by REQUEST-ID needs no per-exchange index row on the write path.
import { hash32 } from '../../protocol/random.js';

const BITS_PER_ITEM = 16;
const HASHES = 7;

/** Builds the filter for `items`: 16 bits per item (false positives about 1 in 1,700), at least 1,024 bits. */
export function bloomOf(items: Iterable<string>, count: number): Uint8Array {
  let bits = 1024;
  while (bits < count * BITS_PER_ITEM) bits *= 2;
  const filter = new Uint8Array(bits / 8);
  for (const item of items) {
    const [h1, h2] = hashes(item);
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) % bits;
      filter[bit >>> 3] |= 1 << (bit & 7);
    }
  }
  return filter;
}

/** False when `item` was certainly not added; true when it probably was. */
export function bloomMayContain(filter: Uint8Array, item: string): boolean {
  const bits = filter.length * 8;
  const [h1, h2] = hashes(item);
  for (let i = 0; i < HASHES; i++) {
    const bit = (h1 + i * h2) % bits;
    if ((filter[bit >>> 3] & (1 << (bit & 7))) === 0) return false;
  }
  return true;
}

function hashes(item: string): [number, number] {
  // Double hashing (Kirsch–Mitzenmacher); h2 is odd so it cycles through every bit position.
  return [hash32(item), (hash32(item, 0x9e3779b9) | 1) >>> 0];
}
