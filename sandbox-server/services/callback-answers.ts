// Correlates a partner's `on-*` answer with the gateway call it answers (spec §3.1 step 3, §3.3): the
// `response.requestId` must be a REQUEST-ID the gateway sent to this client, for the callback this operation
// answers, and not answered before. A flow that needs the content registers an AnswerProcessor for the callback:
// it may refuse an answer before it counts (e.g. ABDM-1037 on a wrong count) and acts on it once accepted.
import { AbdmError, errors } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import type { Operation } from '../../protocol/operations/operation.js';
import { callbackById, operationById } from '../../protocol/operations/table.js';
import type { SandboxContext } from '../context.js';
import type { PartnerClient } from '../store/partner-repository.js';
import type { SentCallback } from '../store/sent-callback-repository.js';

export interface AnswerInput {
  operation: Operation;
  client: PartnerClient;
  body: { response: { requestId: string }; [key: string]: unknown };
  exchangeId: number;
  /** Where processors add findings about the answer (the journal entry's findings). */
  findings?: Finding[];
}

/** An answer matched to the call it answers. */
export interface CorrelatedAnswer extends AnswerInput {
  sent: SentCallback;
  findings: Finding[];
}

/** What a flow does with the answers to one kind of gateway call. */
export interface AnswerProcessor {
  /** Runs before the answer is accepted: throw an AbdmError to refuse it (the partner may then answer again). */
  check?(answer: CorrelatedAnswer, ctx: SandboxContext): void;
  /** Runs once the answer is accepted: store what it says, emit the flow's events. */
  accept(answer: CorrelatedAnswer, ctx: SandboxContext): void;
}

/** Accepts the answer and announces it (`callback.answered`); throws ABDM-2500 or the duplicate code when it cannot. */
export function acceptAnswer(ctx: SandboxContext, input: AnswerInput, processor?: AnswerProcessor): SentCallback {
  const { operation, client, body, exchangeId } = input;
  const answered = body.response.requestId;
  const sent = ctx.store.sentCallbacks.get(answered);
  if (!sent || sent.clientId !== client.clientId) {
    throw errors.noMappingFor(`response.requestId ${answered}: the gateway sent no request with this REQUEST-ID to client ${client.clientId}; copy the REQUEST-ID header of the call you are answering`);
  }
  if (sent.callbackId !== operation.answers) {
    const rightOperation = callbackById(sent.callbackId)?.answeredBy;
    const where = rightOperation ? `answer it at ${operationById(rightOperation)?.path}` : 'it expects no answer';
    throw errors.noMappingFor(`response.requestId ${answered} is the REQUEST-ID of a ${sent.callbackId} call, which ${operation.id} does not answer; ${where}`);
  }
  const duplicate = () => {
    const dup = operation.duplicateAnswer;
    return dup ? new AbdmError(dup.code, 400, `${dup.message}: ${answered} was already answered`) : errors.repeatedRequestId(`response.requestId ${answered} was already answered`);
  };
  if (sent.answeredBy !== undefined) throw duplicate();
  const correlated: CorrelatedAnswer = { ...input, sent, findings: input.findings ?? [] };
  processor?.check?.(correlated, ctx);
  if (!ctx.store.sentCallbacks.markAnswered(answered, exchangeId, new Date(ctx.clock.now()).toISOString())) throw duplicate();
  ctx.events.emit(
    'callback.answered',
    { operationId: operation.id, callbackId: sent.callbackId, clientId: client.clientId, serviceId: sent.serviceId, answers: sent.exchangeId, body },
    { correlation: [answered], exchangeId },
  );
  processor?.accept(correlated, ctx);
  return sent;
}
