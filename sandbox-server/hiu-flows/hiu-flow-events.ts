// The domain events of the flows the sandbox plays toward HIUs (patient, consent manager, HIPs). Like M2's,
// each carries the ABDM ids it is about (REQUEST-IDs, consent request id, artefact ids, transactionId) and the
// findings of what the HIU got wrong. `data.requested` and `transfer.notified` share M2's names: their data
// says which side it is (`hiuId`; `notifier.type`).
import type { SandboxContext } from '../context.js';
import type { SandboxEvent } from '../events/event-bus.js';
import { emitDomainEvent, type FlowEventOptions } from '../flows/flow-events.js';

/** Every event type the M3 flows emit (docs/m3-flows.md describes each). */
export const HIU_FLOW_EVENT_TYPES = [
  'consent.requested',
  'consent.decided',
  'consent.hiuNotified',
  'consent.hiuAcknowledged',
  'consent.statusAnswered',
  'consent.fetched',
  'data.requested',
  'data.delivered',
  'transfer.notified',
  'transfer.notifyMissing',
] as const;

export type HiuFlowEventType = (typeof HIU_FLOW_EVENT_TYPES)[number];

/** Emits an M3 flow event; findings are stamped with the event's exchange ids unless they carry their own. */
export function emitHiuFlowEvent(ctx: SandboxContext, type: HiuFlowEventType, data: Record<string, unknown>, options: FlowEventOptions): SandboxEvent {
  return emitDomainEvent(ctx, type, data, options);
}
