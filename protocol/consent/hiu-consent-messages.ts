// The consent manager's messages to a HIU (spec §6.2–6.5, v3): the bodies of on-init, notify, on-status and
// on-fetch, built once here so the sandbox and the tests that read them agree on every field.
import type { ConsentDetail, ConsentStatus } from './consent-artefact.js';

export interface CallbackErrorBody {
  code: string;
  message: string;
}

/** `/api/v3/hiu/consent/request/on-init`: the consent request's id, or the error. */
export function consentOnInitBody(answers: string, result: { consentRequestId: string } | { error: CallbackErrorBody }) {
  return 'error' in result
    ? { consentRequest: null, error: result.error, response: { requestId: answers } }
    : { consentRequest: { id: result.consentRequestId }, error: null, response: { requestId: answers } };
}

/**
 * `/api/v3/hiu/consent/request/notify` (§6.4 [OBS] v3 shape). GRANTED, REVOKED and EXPIRED-after-grant list the
 * artefacts; DENIED and a request that lapsed undecided list none (v0.5: "only the request id is given").
 */
export function hiuConsentNotification(consentRequestId: string, status: Exclude<ConsentStatus, 'REQUESTED'>, artefactIds: ReadonlyArray<string>, reason: string | null = null) {
  return { notification: { consentRequestId, status, reason, consentArtefacts: artefactIds.map((id) => ({ id })) } };
}

/**
 * `/api/v3/hiu/consent/request/on-status`. V3-CM's status enum lacks GRANTED, yet GRANTED is what a granted
 * request is [UNSURE]; the artefact ids are v0.5's field, kept so a HIU that lost the notify can still find them.
 */
export function consentOnStatusBody(answers: string, result: { id: string; status: ConsentStatus; artefactIds: ReadonlyArray<string> } | { error: CallbackErrorBody }) {
  if ('error' in result) return { consentRequest: null, error: result.error, response: { requestId: answers }, resp: null };
  const consentRequest = result.artefactIds.length > 0 ? { id: result.id, status: result.status, consentArtefacts: result.artefactIds.map((id) => ({ id })) } : { id: result.id, status: result.status };
  return { consentRequest, error: null, response: { requestId: answers }, resp: null };
}

/** `/api/v3/hiu/consent/on-fetch`: the artefact with its status and the consent manager's signature (§6.5, v3 keeps `resp: null`). */
export function consentOnFetchBody(answers: string, result: { status: ConsentStatus; detail: ConsentDetail; signature: string } | { error: CallbackErrorBody }) {
  if ('error' in result) return { consent: null, error: result.error, response: { requestId: answers }, resp: null };
  return { consent: { status: result.status, consentDetail: result.detail, signature: result.signature }, error: null, response: { requestId: answers }, resp: null };
}
