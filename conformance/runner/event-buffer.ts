// Every sandbox event since the run started, in order, with waiting on what is still to come. Tests search it
// by ABDM ids, so an answer that arrives before the test starts waiting is not lost, and parallel tests each
// find their own events.
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';

export type EventMatch = (event: SandboxEvent) => boolean;

export class TestAborted extends Error {
  constructor() {
    super('the test ran out of time');
    this.name = 'TestAborted';
  }
}

export class EventBuffer {
  private readonly events: SandboxEvent[] = [];
  private readonly waiters = new Set<(event: SandboxEvent) => void>();

  push(event: SandboxEvent): void {
    this.events.push(event);
    for (const waiter of this.waiters) waiter(event);
  }

  /** A position to search from later ("since now"). */
  mark(): number {
    return this.events.length;
  }

  /** Events from position `from` that match. */
  matching(match: EventMatch, from = 0): SandboxEvent[] {
    const out: SandboxEvent[] = [];
    for (let i = from; i < this.events.length; i++) if (match(this.events[i])) out.push(this.events[i]);
    return out;
  }

  /** The first matching event from `from` on, already here or arriving within `timeoutMs`; undefined when none. */
  next(match: EventMatch, options: { from?: number; timeoutMs: number; signal?: AbortSignal }): Promise<SandboxEvent | undefined> {
    const { from = 0, timeoutMs, signal } = options;
    if (signal?.aborted) return Promise.reject(new TestAborted());
    const found = this.matching(match, from)[0];
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const done = (result: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
        result();
      };
      const waiter = (event: SandboxEvent) => {
        if (match(event)) done(() => resolve(event));
      };
      const onAbort = () => done(() => reject(new TestAborted()));
      const timer = setTimeout(() => done(() => resolve(undefined)), timeoutMs);
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
