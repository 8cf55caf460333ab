// In-process publish/subscribe for the sandbox's events: every journaled exchange and every domain event
// (`discovery.completed`, `consent.notified`, ...). The runner and the SSE stream wait on these, never on sleeps.
import type { Clock } from '../../protocol/clock.js';
import type { Finding } from '../../protocol/findings.js';

export interface SandboxEvent {
  /** Increasing sequence number within this process. */
  seq: number;
  type: string;
  /** ISO-8601 UTC. */
  at: string;
  /** ABDM ids this event is about (REQUEST-IDs, transactionId, consent ids, ...), for matching by correlation. */
  correlation: string[];
  /** The journal exchange behind the event, when there is one. */
  exchangeId?: number;
  findings: Finding[];
  data: Record<string, unknown>;
}

export type EventListener = (event: SandboxEvent) => void;

export interface EmitOptions {
  correlation?: ReadonlyArray<string>;
  exchangeId?: number;
  findings?: ReadonlyArray<Finding>;
}

export class EventBus {
  private seq = 0;
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly clock: Clock) {}

  emit(type: string, data: Record<string, unknown>, options: EmitOptions = {}): SandboxEvent {
    const event: SandboxEvent = {
      seq: ++this.seq,
      type,
      at: new Date(this.clock.now()).toISOString(),
      correlation: [...(options.correlation ?? [])],
      exchangeId: options.exchangeId,
      findings: [...(options.findings ?? [])],
      data,
    };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A faulty subscriber must not break the gateway or the other subscribers.
      }
    }
    return event;
  }

  /** True when someone listens: lets hot paths skip building events nobody will read. */
  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  /** Subscribes; returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event that matches, or rejects after `timeoutMs`. */
  waitFor(match: (event: SandboxEvent) => boolean, timeoutMs: number): Promise<SandboxEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`no matching event within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (!match(event)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(event);
      });
    });
  }
}
