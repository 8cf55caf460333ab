// Seeded randomness for the whole project. Every random choice (synthetic people, ids the gateway mints,
// jitter) comes from an Rng derived from the root seed, so one seed always gives the same world.

/** Mixes any number of integers and strings into one 32-bit value (murmur3-style finaliser per part). */
export function hash32(...parts: ReadonlyArray<number | string>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === 'number') {
      // Split into two 32-bit halves so indexes above 2^32 still hash distinctly.
      h = mix(h ^ (part >>> 0));
      h = mix(h ^ Math.floor(part / 0x1_0000_0000));
    } else {
      for (let i = 0; i < part.length; i++) h = mix(h ^ part.charCodeAt(i));
      h = mix(h ^ part.length);
    }
  }
  return h >>> 0;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A small, fast PRNG (sfc32). Not cryptographic: it makes synthetic data and sandbox ids, never secrets. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 expands one 32-bit seed into the 128-bit state. The world builds an Rng per entity, millions
    // of times, so: no closure here, and the state is kept as int32 (values V8 stores without boxing).
    this.a = splitmix32(seed, 1) | 0;
    this.b = splitmix32(seed, 2) | 0;
    this.c = splitmix32(seed, 3) | 0;
    this.d = splitmix32(seed, 4) | 0;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  uint32(): number {
    const t = (this.a + this.b + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    if (maxExclusive <= 0x1_0000_0000) return Math.floor(this.next() * maxExclusive);
    // Wide ranges (up to 2^53) combine two draws.
    const hi = this.uint32() * 0x1_0000_0000 + this.uint32();
    return hi % maxExclusive;
  }

  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: ReadonlyArray<T>): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[this.int(items.length)];
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** Lower-case hex of `bytes` random bytes. */
  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i++) out += (this.uint32() & 0xff).toString(16).padStart(2, '0');
    return out;
  }

  /** A version-4-shaped UUID drawn from this generator. */
  uuid(): string {
    const h = this.hex(16).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) & 3];
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** A child generator for a named sub-stream, independent of how much this one has been used. */
  fork(...labels: ReadonlyArray<number | string>): Rng {
    // `a` has always been a signed int32 (an XOR result); b, c and d were unsigned: hash them as before.
    return new Rng(hash32(this.a, this.b >>> 0, this.c >>> 0, this.d >>> 0, ...labels));
  }
}

/** Output `step` of splitmix32 started at `seed` (the state advances by the golden-ratio constant per step). */
function splitmix32(seed: number, step: number): number {
  let z = ((seed >>> 0) + Math.imul(step, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** The generator for one entity: seed + path, e.g. `rngFor(seed, 'patient', 42)`. */
export function rngFor(seed: number, ...path: ReadonlyArray<number | string>): Rng {
  return new Rng(hash32(seed, ...path));
}
