// The one source of "now" for domain code. Domain code never calls Date.now(): it is handed a Clock,
// so tests and replays can fix or advance time.

export interface Clock {
  /** Milliseconds since the epoch, UTC. */
  now(): number;
}

/** The machine's clock, for a running sandbox. */
export const systemClock: Clock = { now: () => Date.now() };

/** The machine's clock plus an offset that can be moved on: a sandbox whose time a test or the runner advances. */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** A clock that only moves when told to: for tests and deterministic replays. */
export class ManualClock implements Clock {
  constructor(private ms: number = Date.parse('2026-01-01T00:00:00.000Z')) {}
  now(): number {
    return this.ms;
  }
  set(iso: string | number): void {
    this.ms = typeof iso === 'number' ? iso : Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** ISO-8601 UTC with milliseconds and Z, the format ABDM uses for TIMESTAMP and body dates. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
