// Telling the HIU what became of its consent request (spec §6.4): GRANTED with the artefact ids, DENIED,
// REVOKED, EXPIRED. Its `consent/v3/request/hiu/on-notify` must acknowledge with an array: status OK and the
// consentId of every artefact notified (§12.3 #2).
import { hiuConsentNotification } from '../../protocol/consent/index.js';
import type { ConsentStatus } from '../../protocol/consent/consent-artefact.js';
import { AbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { hiuFinding } from '../../protocol/hiu-flows/hiu-flow-rules.js';
import { nowIso, type SandboxContext } from '../context.js';
import { undeliveredFinding, whenUndeliverable } from '../flows/flow-dispatch.js';
import type { AnswerProcessor } from '../services/callback-answers.js';
import type { ConsentRequestRecord } from '../store/consent-request-repository.js';
import { emitHiuFlowEvent } from './hiu-flow-events.js';

export type HiuNoticeStatus = Exclude<ConsentStatus, 'REQUESTED'>;

/** Sends the notification to the HIU's bridge; its acknowledgement arrives as `consent.hiuAcknowledged`. Undefined when the HIU is gone. */
export function notifyHiu(ctx: SandboxContext, request: ConsentRequestRecord, status: HiuNoticeStatus, artefactIds: ReadonlyArray<string>, reason: string | null = null): string | undefined {
  const body = hiuConsentNotification(request.consentRequestId, status, artefactIds, reason);
  let requestId: string;
  let dispatch;
  try {
    dispatch = ctx.dispatcher.send({ callbackId: 'hiu.consent-notify', serviceId: request.hiuId, body });
    requestId = dispatch.requestId;
  } catch (err) {
    if (err instanceof AbdmError) return undefined; // the HIU was deregistered meanwhile: nobody to tell
    throw err;
  }
  ctx.store.flows.consentRequests.recordNotice({ requestId, consentRequestId: request.consentRequestId, status, artefacts: [...artefactIds], sentAt: nowIso(ctx) });
  const about = { consentRequestId: request.consentRequestId, requestId, status, hiuId: request.hiuId, consentArtefacts: [...artefactIds], reason };
  const correlation = [requestId, request.consentRequestId, ...artefactIds];
  emitHiuFlowEvent(ctx, 'consent.hiuNotified', about, { correlation });
  whenUndeliverable(dispatch, (outcome) => {
    emitHiuFlowEvent(ctx, 'consent.hiuAcknowledged', { ...about, outcome: 'undeliverable' }, {
      correlation,
      exchangeIds: outcome.exchangeIds,
      findings: [undeliveredFinding('hiu.consent-notify', request.hiuId, outcome)],
    });
  });
  return requestId;
}

interface OnNotifyBody {
  acknowledgement?: Array<{ status?: string; consentId?: string }>;
  error?: { code: string | number; message: string } | null;
}

/** The HIU's on-notify: one acknowledgement OK per notified artefact, no others. */
export const hiuConsentNotifyAnswers: AnswerProcessor = {
  accept(answer, ctx) {
    const notice = ctx.store.flows.consentRequests.notice(answer.sent.requestId);
    if (!notice) return;
    const body = answer.body as OnNotifyBody;
    const findings: Finding[] = [];
    const acks = body.acknowledgement ?? [];
    if (body.error) findings.push(hiuFinding('HIU-CONSENT-ACK', `the HIU answered the ${notice.status} notification with an error (${body.error.code}: ${body.error.message}); acknowledge it`, 'body.error'));
    for (const id of notice.artefacts) {
      const ack = acks.find((a) => a.consentId === id);
      if (!ack) findings.push(hiuFinding('HIU-CONSENT-ACK', `acknowledgement has no entry for artefact ${id}; send {"status":"OK","consentId":"${id}"} for each notified artefact`, 'body.acknowledgement'));
      else if (ack.status !== 'OK') findings.push(hiuFinding('HIU-CONSENT-ACK', `artefact ${id} is acknowledged with status ${JSON.stringify(ack.status)}; expected OK`, 'body.acknowledgement'));
    }
    if (notice.artefacts.length > 0) {
      for (const ack of acks) {
        if (!notice.artefacts.includes(ack.consentId ?? '')) findings.push(hiuFinding('HIU-CONSENT-ACK', `acknowledgement names ${JSON.stringify(ack.consentId)}, which this notification did not list (${notice.artefacts.join(', ')})`, 'body.acknowledgement'));
      }
    }
    ctx.store.flows.consentRequests.answerNotice(notice.requestId, body, nowIso(ctx));
    answer.findings.push(...findings);
    emitHiuFlowEvent(
      ctx,
      'consent.hiuAcknowledged',
      {
        consentRequestId: notice.consentRequestId,
        requestId: notice.requestId,
        status: notice.status,
        hiuId: answer.sent.serviceId,
        consentArtefacts: notice.artefacts,
        outcome: findings.length === 0 ? 'acknowledged' : 'not-acknowledged',
        acknowledgement: acks,
        error: body.error ?? undefined,
      },
      { correlation: [notice.requestId, notice.consentRequestId, ...notice.artefacts], exchangeIds: [answer.sent.exchangeId, answer.exchangeId], findings },
    );
  },
};
