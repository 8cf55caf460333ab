// The rules a HIP is judged by in the M2 flows (spec §5, §7, §8.5, §12.2). Ids are stable: the conformance
// runner grades by them, reports link to them, and docs/m2-flows.md lists them. Severity belongs to the rule.
import { ruleFinding, type Finding, type RuleSpec } from '../findings.js';

export type HipFlowRule = RuleSpec;

export const HIP_FLOW_RULES = {
  // User-initiated discovery (§5.1, §12.2 #3)
  'HIP-DISCOVER-TRANSACTION': { severity: 'error', spec: 'abdm-api §5.1', summary: 'on-discover carries the transactionId of the discover request' },
  'HIP-DISCOVER-COUNT': { severity: 'error', spec: 'abdm-api §5.1', summary: 'each patient entry has count = number of its care contexts (otherwise ABDM-1037, refused)' },
  'HIP-DISCOVER-HITYPE': { severity: 'error', spec: 'abdm-api §5.1', summary: 'each patient entry names its hiType (one entry per hiType)' },
  'HIP-DISCOVER-RESULT': { severity: 'error', spec: 'abdm-api §5.1, §12.2 #3', summary: 'a match lists care contexts; no match is an error (ABDM-1010), never an empty patient' },
  'HIP-DISCOVER-LINKED': { severity: 'error', spec: 'abdm-api §5.1 (V3-UIL)', summary: 'only care contexts not yet linked to the patient are returned' },
  'HIP-DISCOVER-MATCHED-BY': { severity: 'warning', spec: 'abdm-api §5.1', summary: 'a match says which identifiers matched (matchedBy)' },
  // User-initiated linking (§5.2, §5.3, §12.2 #4)
  'HIP-LINK-INIT-TRANSACTION': { severity: 'error', spec: 'abdm-api §5.2', summary: 'on-init carries the transactionId of the link request' },
  'HIP-LINK-INIT-RESULT': { severity: 'error', spec: 'abdm-api §5.2', summary: 'on-init carries link.referenceNumber and authenticationType, or an error' },
  'HIP-LINK-INIT-EXPIRY': { severity: 'error', spec: 'abdm-api §5.2, §12.2 #4', summary: 'link.meta.communicationExpiry is present and in the future' },
  'HIP-LINK-CONFIRM-COUNT': { severity: 'error', spec: 'abdm-api §5.3', summary: 'on-confirm entries have count = number of care contexts (otherwise ABDM-1037, refused)' },
  'HIP-LINK-CONFIRM-RESULT': { severity: 'error', spec: 'abdm-api §5.3', summary: 'a successful on-confirm lists the linked care contexts' },
  'HIP-LINK-CONFIRM-SCOPE': { severity: 'error', spec: 'abdm-api §5.3', summary: 'on-confirm links only care contexts the patient asked to link' },
  'HIP-LINK-CONFIRM-EXPIRED': { severity: 'error', spec: 'abdm-api §5.3, §12.2 #4', summary: 'a link reference past its communicationExpiry is refused' },
  'HIP-LINK-CONFIRM-REPLAY': { severity: 'error', spec: 'abdm-api §12.2 #4', summary: 'a link reference that was already confirmed is refused' },
  'HIP-LINK-CONFIRM-WRONG-OTP': { severity: 'error', spec: 'abdm-api §5.3, §12.2 #4', summary: 'a wrong OTP is refused with an error on-confirm' },
  'HIP-LINK-CONFIRM-REFUSED': { severity: 'warning', spec: 'abdm-api §5.3', summary: 'a confirmation the patient expected to succeed (right OTP, in time) was refused' },
  // HIP-initiated linking (§5.5–§5.7, §12.2 #5–#6)
  'HIP-LINKTOKEN-DEMOGRAPHICS': { severity: 'error', spec: 'abdm-api §5.5', summary: "generate-token demographics match the ABHA's KYC (name, gender, year of birth, ABHA number and address)" },
  'HIP-LINKTOKEN-REUSE': { severity: 'warning', spec: 'abdm-api §5.5, §12.2 #5', summary: 'a HIP reuses the link token it holds (valid 6 months) instead of generating a new one' },
  'HIP-LINK-TOKEN': { severity: 'error', spec: 'abdm-api §5.5', summary: 'X-LINK-TOKEN is a valid, unexpired link token from this gateway (otherwise ABDM-1026)' },
  'HIP-LINK-TOKEN-MISMATCH': { severity: 'error', spec: 'abdm-api §5.5', summary: 'abhaAddress, abhaNumber and X-HIP-ID are those the link token was issued for (ABDM-1038, ABDM-1062, ABDM-1063)' },
  'HIP-LINK-COUNT': { severity: 'error', spec: 'abdm-api §5.5', summary: 'link/carecontext entries have count = number of care contexts (otherwise ABDM-1037)' },
  'HIP-LINK-HITYPE-FIELD': { severity: 'warning', spec: 'abdm-api §5.5 [OBS], §10.3 #5', summary: 'entries use hiType (a string), as the live gateway expects, not hiTypes' },
  'HIP-LINK-ALREADY-LINKED': { severity: 'warning', spec: 'abdm-api §5.6, §12.2 #5', summary: 'an already linked care context is announced with context/notify, not linked again' },
  'HIP-CONTEXT-NOTIFY-UNLINKED': { severity: 'error', spec: 'abdm-api §5.6', summary: 'context/notify names a care context linked to that patient at that HIP' },
  'HIP-CONTEXT-NOTIFY-HIP': { severity: 'error', spec: 'abdm-api §5.6', summary: 'notification.hip.id is the calling HIP (X-HIP-ID)' },
  'HIP-SMS-PHONE': { severity: 'error', spec: 'abdm-api §5.7, §12.2 #6', summary: 'notification.phoneNo is a 10-digit Indian mobile number (optionally +91)' },
  'HIP-SMS-HIP': { severity: 'error', spec: 'abdm-api §5.7, §12.2 #6', summary: "notification.hip.id is one of the caller's HIPs and hip.name is given" },
  // Profile share (§5.11, §12.2 #9)
  'HIP-SHARE-RESULT': { severity: 'error', spec: 'abdm-api §5.11', summary: 'on-share acknowledges with status SUCCESS, the abhaAddress shared and a tokenNumber, or an error' },
  'HIP-SHARE-CONTEXT': { severity: 'warning', spec: 'abdm-api §5.11', summary: 'acknowledgement.profile.context is the counter the patient scanned' },
  'HIP-SHARE-RESCAN': { severity: 'error', spec: 'abdm-api §5.11, §12.2 #9', summary: 'a rescan within 30 minutes gets the same token number' },
  'HIP-SHARE-SEQUENCE': { severity: 'warning', spec: 'abdm-api §5.11, §12.2 #9', summary: 'token numbers rise per counter per day' },
  // Consent (§5.8, §12.2 #7)
  'HIP-CONSENT-ACK': { severity: 'error', spec: 'abdm-api §5.8, §12.2 #7', summary: 'on-notify acknowledges with status OK and the notified consentId' },
  // Health information (§5.9, §5.10, §8.5, §12.2 #8)
  'HIP-HI-TRANSACTION': { severity: 'error', spec: 'abdm-api §5.9', summary: 'on-request carries the transactionId of the request' },
  'HIP-HI-ACK': { severity: 'error', spec: 'abdm-api §5.9', summary: 'on-request is ACKNOWLEDGED, or carries an error' },
  'HIP-HI-CONSENT-STATE': { severity: 'error', spec: 'abdm-api §5.9, §7, §12.2 #7', summary: 'a request under a revoked, expired or unknown consent is refused (error on-request, nothing pushed)' },
  'HIP-HI-DATE-RANGE': { severity: 'warning', spec: 'abdm-api §7, §5.9', summary: "a request whose dateRange leaves the artefact's is refused (ABDM-1063) or served only inside the artefact" },
  'HIP-PUSH-UNCONSENTED': { severity: 'error', spec: 'abdm-api §5.9, §12.2 #7', summary: 'nothing is pushed for a request the HIP refused or whose consent is not granted' },
  'HIP-PUSH-SCOPE-CARE-CONTEXT': { severity: 'error', spec: 'abdm-api §8.5 item 7', summary: 'pushed care contexts are among the consented ones' },
  'HIP-PUSH-SCOPE-HITYPE': { severity: 'error', spec: 'abdm-api §8.5 item 8', summary: "a pushed record's type is one of the consented hiTypes" },
  'HIP-PUSH-SCOPE-DATE': { severity: 'error', spec: 'abdm-api §8.5 item 8', summary: "a pushed record's date lies in the requested and the consented dateRange" },
  'HIP-PUSH-LATE': { severity: 'error', spec: 'abdm-api §5.9, §8.5 item 11', summary: 'data is pushed within 2 hours of the request' },
  'HIP-NOTIFY-CONSENT': { severity: 'error', spec: 'abdm-api §5.9', summary: "notify names the transaction's consentId and the notifying HIP" },
  'HIP-NOTIFY-STATUS': { severity: 'error', spec: 'abdm-api §5.9, §8.5 item 10', summary: 'sessionStatus is FAILED after a refused request, and not FAILED when every page arrived intact' },
  'HIP-NOTIFY-DELIVERED': { severity: 'error', spec: 'abdm-api §8.5 item 10', summary: 'statusResponses say DELIVERED exactly for the care contexts that arrived' },
  'HIP-NOTIFY-LATE': { severity: 'error', spec: 'abdm-api §5.9, §8.5 item 11', summary: 'notify arrives within 2 hours of the request' },
} as const satisfies Record<string, HipFlowRule>;

export type HipFlowRuleId = keyof typeof HIP_FLOW_RULES;

/** A finding for `ruleId` with the rule's severity. */
export function hipFinding(ruleId: HipFlowRuleId, message: string, path?: string): Finding {
  return ruleFinding(HIP_FLOW_RULES, ruleId, message, path);
}
