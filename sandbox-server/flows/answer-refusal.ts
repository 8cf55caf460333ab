// Refusing a partner's answer before it counts (e.g. ABDM-1037 on a wrong count): the refusal is journaled with
// its findings and announced as `answer.refused`, so a runner waiting on the flow sees why it stalled.
import type { AbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import type { SandboxContext } from '../context.js';
import type { CorrelatedAnswer } from '../services/callback-answers.js';
import { emitFlowEvent } from './flow-events.js';

/** Emits `answer.refused` and throws `error`: the answer does not count and may be sent again, corrected. */
export function refuseAnswer(ctx: SandboxContext, answer: CorrelatedAnswer, error: AbdmError, findings: Finding[], correlation: string[] = []): never {
  answer.findings.push(...findings);
  emitFlowEvent(
    ctx,
    'answer.refused',
    { callbackId: answer.sent.callbackId, operationId: answer.operation.id, serviceId: answer.sent.serviceId, error: error.toCallbackError() },
    { correlation: [answer.sent.requestId, ...correlation], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
  );
  throw error;
}

