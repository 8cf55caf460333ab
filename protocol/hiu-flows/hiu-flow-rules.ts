// The rules a HIU is judged by in the M3 flows (spec §6, §7, §8, §12.3). Ids are stable: the conformance runner
// grades by them, reports link to them, and docs/m3-flows.md lists them. Severity belongs to the rule.
import { ruleFinding, type Finding, type RuleSpec } from '../findings.js';

export type HiuFlowRule = RuleSpec;

export const HIU_FLOW_RULES = {
  // Consent request init (§6.2, §7, §12.3 #1): refused with the array of §6.2 when broken
  'HIU-CONSENT-PURPOSE': { severity: 'error', spec: 'abdm-api §6.2, §7', summary: 'purpose.code is one of the six codes, purpose.text is exactly its label, and purpose.refUri is given' },
  'HIU-CONSENT-REFURI': { severity: 'warning', spec: 'abdm-api §7 [UNSURE]', summary: 'purpose.refUri is the HL7 PurposeOfUse value set, http://terminology.hl7.org/ValueSet/v3-PurposeOfUse' },
  'HIU-CONSENT-PATIENT': { severity: 'error', spec: 'abdm-api §6.2', summary: "patient.id is an ABHA address (…@sbx) of an account the consent manager knows (otherwise an error on-init, ABDM-1051)" },
  'HIU-CONSENT-HIU-ID': { severity: 'error', spec: 'abdm-api §6.2, §12.3 #1', summary: "hiu.id is one of the caller's own HIU services (and X-HIU-ID, when sent, names the same one)" },
  'HIU-CONSENT-HIP': { severity: 'error', spec: 'abdm-api §6.2', summary: 'hip.id, when given, is a HIP the consent manager knows (otherwise an error on-init, ABDM-1035)' },
  'HIU-CONSENT-REQUESTER': { severity: 'error', spec: 'abdm-api §6.2, §12.3 #1', summary: 'requester is present with a name and an identifier {type, value, system}' },
  'HIU-CONSENT-HITYPES': { severity: 'error', spec: 'abdm-api §6.2, §7', summary: 'hiTypes is a non-empty subset of the eight hiTypes, none twice' },
  'HIU-CONSENT-DATE-RANGE': { severity: 'error', spec: 'abdm-api §6.2, §7', summary: 'permission.dateRange has from ≤ to, and to is not in the future ("Date must be a present/before date")' },
  'HIU-CONSENT-ERASE-AT': { severity: 'error', spec: 'abdm-api §7', summary: 'permission.dataEraseAt is in the future' },
  'HIU-CONSENT-PERMISSION': { severity: 'error', spec: 'abdm-api §7', summary: 'permission.accessMode and permission.frequency {unit, value, repeats} take the values of §7' },
  // Consent notifications, status and fetch (§6.3–6.5, §12.3 #2–3)
  'HIU-CONSENT-ACK': { severity: 'error', spec: 'abdm-api §6.4, §12.3 #2', summary: 'on-notify acknowledges with an array: status OK and the consentId of every notified artefact' },
  'HIU-CONSENT-UNKNOWN': { severity: 'error', spec: 'abdm-api §6.3, §6.5', summary: 'status, fetch and data requests name a consent request or artefact of the calling HIU' },
  'HIU-CONSENT-FETCH': { severity: 'warning', spec: 'abdm-api §6.5, §12.3 #3', summary: 'the HIU fetches an artefact (consent/v3/fetch) before asking for data under it' },
  // Health-information request (§6.6, §7, §8.1, §12.3 #4)
  'HIU-HI-CONSENT-STATE': { severity: 'error', spec: 'abdm-api §7, §12.3 #6', summary: 'data is requested only under a GRANTED, unexpired artefact (otherwise an error on-request, ABDM-1112)' },
  'HIU-HI-RANGE': { severity: 'error', spec: 'abdm-api §6.5 [OBS], §7, §10.3 #9', summary: "hiRequest.dateRange lies inside the artefact's permission.dateRange, which the patient may have narrowed (otherwise ABDM-1063)" },
  'HIU-HI-KEY-MATERIAL': { severity: 'error', spec: 'abdm-api §8.1, §12.3 #4', summary: 'keyMaterial is usable: ECDH, Curve25519, a public key on the curve, a 32-byte nonce, an expiry in the future (otherwise ABDM-1031)' },
  'HIU-KEY-REUSED': { severity: 'warning', spec: 'abdm-api §8.1, §12.3 #4', summary: 'every request carries a fresh key pair and nonce: no keyValue or nonce of an earlier request' },
  'HIU-PUSH-ACCEPTED': { severity: 'error', spec: 'abdm-api §5.10, §6.6', summary: "the HIU's dataPushUrl is reachable without authorization and answers every page with 2xx" },
  // The HIU's transfer notify (§6.6, §8.5 item 10, §12.3 #5)
  'HIU-NOTIFY-CONSENT': { severity: 'error', spec: 'abdm-api §6.6', summary: "notify names the transfer's artefact and transactionId, with notifier {type: HIU, id: the HIU}" },
  'HIU-NOTIFY-STATUS': { severity: 'error', spec: 'abdm-api §6.6, §12.3 #5', summary: 'sessionStatus is TRANSFERRED when every pushed entry decrypted intact' },
  'HIU-NOTIFY-CARE-CONTEXTS': { severity: 'error', spec: 'abdm-api §6.6, §12.3 #5', summary: 'statusResponses report every care context that arrived, hiStatus OK when intact, and no other' },
  'HIU-NOTIFY-ERRORED': { severity: 'error', spec: 'abdm-api §6.6, §12.3 #5', summary: 'a care context whose entry does not decrypt (a corrupted push) is reported ERRORED, not OK' },
  'HIU-NOTIFY-HISTATUS': { severity: 'warning', spec: 'abdm-api §6.6', summary: "an HIU reports hiStatus OK or ERRORED (DELIVERED is the HIP's word)" },
  'HIU-NOTIFY-MISSING': { severity: 'error', spec: 'abdm-api §6.6, §12.3 #5', summary: 'the HIU notifies the end of a transfer within 2 hours of the last page' },
} as const satisfies Record<string, HiuFlowRule>;

export type HiuFlowRuleId = keyof typeof HIU_FLOW_RULES;

/** A finding for `ruleId` with the rule's severity. */
export function hiuFinding(ruleId: HiuFlowRuleId, message: string, path?: string): Finding {
  return ruleFinding(HIU_FLOW_RULES, ruleId, message, path);
}
