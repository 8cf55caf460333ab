// The domain events of the flows the sandbox plays toward HIPs, and how they are emitted: always (the runner
// waits on them), with the ABDM ids they are about and the findings of what the HIP got wrong, each finding
// naming the journal exchanges that show it.
import type { Finding } from '../../protocol/findings.js';
import type { SandboxContext } from '../context.js';
import type { SandboxEvent } from '../events/event-bus.js';

/** Every event type the M2 flows emit (docs/m2-flows.md describes each). */
export const FLOW_EVENT_TYPES = [
  'discovery.requested',
  'discovery.completed',
  'link.requested',
  'link.initiated',
  'link.confirmed',
  'linkToken.issued',
  'linkToken.refused',
  'careContext.linked',
  'context.notified',
  'sms.notified',
  'profile.shared',
  'consent.notified',
  'consent.acknowledged',
  'data.requested',
  'data.acknowledged',
  'data.pushed',
  'transfer.notified',
  'answer.refused',
] as const;

export type FlowEventType = (typeof FLOW_EVENT_TYPES)[number];

/** A finding on a flow event: which exchanges (journal ids) are the evidence. */
export interface FlowFinding extends Finding {
  exchangeIds: number[];
}

export interface FlowEventOptions {
  /** ABDM ids the event is about: REQUEST-IDs, transactionId, consent id, link reference. */
  correlation: ReadonlyArray<string | undefined>;
  /** The exchanges behind the event, oldest first; the last is the event's exchangeId. */
  exchangeIds?: ReadonlyArray<number | undefined>;
  findings?: ReadonlyArray<Finding>;
}

/** Emits a flow event; findings are stamped with the event's exchange ids unless they carry their own. */
export function emitFlowEvent(ctx: SandboxContext, type: FlowEventType, data: Record<string, unknown>, options: FlowEventOptions): SandboxEvent {
  return emitDomainEvent(ctx, type, data, options);
}

/** Emits a domain event of any flow (M3 keeps its own list of types) the way emitFlowEvent does. */
export function emitDomainEvent(ctx: SandboxContext, type: string, data: Record<string, unknown>, options: FlowEventOptions): SandboxEvent {
  const exchangeIds = (options.exchangeIds ?? []).filter((id): id is number => id !== undefined);
  const findings: FlowFinding[] = (options.findings ?? []).map((f) => ({ ...f, exchangeIds: (f as Partial<FlowFinding>).exchangeIds ?? exchangeIds }));
  const correlation = [...new Set(options.correlation.filter((id): id is string => typeof id === 'string' && id !== ''))];
  return ctx.events.emit(type, data, { correlation, exchangeId: exchangeIds[exchangeIds.length - 1], findings });
}
