// The catalogue of checks on Fidelius key material and data pushes (spec §8.1, §8.5, §5.10). Ids are stable:
// reports, suites and partners' CI filters refer to them. Severity belongs to the rule, not to the call site.
import { ruleFinding, type Finding, type RuleSpec } from '../findings.js';

export type HealthInformationRule = RuleSpec;

export const HEALTH_INFORMATION_RULES = {
  'KEYMAT.PRESENT': { severity: 'error', spec: 'abdm-api §8.5 item 2', summary: 'keyMaterial is present and is an object' },
  'KEYMAT.CRYPTO-ALG': { severity: 'error', spec: 'abdm-api §8.1, §8.5 item 2', summary: 'cryptoAlg is "ECDH"' },
  'KEYMAT.CURVE': { severity: 'error', spec: 'abdm-api §8.1, §8.5 item 2', summary: 'curve is Curve25519 (any letter case)' },
  'KEYMAT.PARAMETERS': { severity: 'warning', spec: 'abdm-api §8.1', summary: 'dhPublicKey.parameters is "Curve25519/32byte random key"' },
  'KEYMAT.PUBLIC-KEY': { severity: 'error', spec: 'abdm-api §8.5 item 3', summary: 'dhPublicKey.keyValue decodes as a raw (88 chars) or X.509 (412 chars) key' },
  'KEYMAT.KEY-ON-CURVE': { severity: 'error', spec: 'abdm-api §8.5 item 3', summary: 'the public key lies on curve25519 (Weierstrass form)' },
  'KEYMAT.NONCE': { severity: 'error', spec: 'abdm-api §8.1, §8.5 item 4', summary: 'nonce is 32 bytes of standard base64' },
  'KEYMAT.EXPIRY': { severity: 'error', spec: 'abdm-api §8.1; fhir-data-crypto §3.3', summary: 'dhPublicKey.expiry is a timestamp' },
  'KEYMAT.EXPIRED': { severity: 'error', spec: 'fhir-data-crypto §3.3', summary: 'dhPublicKey.expiry is after now' },
  'PUSH.SHAPE': { severity: 'error', spec: 'abdm-api §5.10', summary: 'the push has the fields of §5.10 with the right types' },
  'PUSH.TRANSACTION-ID': { severity: 'error', spec: 'abdm-api §8.5 item 1', summary: 'transactionId matches the health-information request' },
  'PUSH.NONCE-DISTINCT': { severity: 'error', spec: 'abdm-api §8.5 item 4', summary: "the HIP's nonce differs from the HIU's" },
  'PUSH.PAGE-NUMBERS': { severity: 'error', spec: 'abdm-api §8.5 item 9', summary: 'pageNumber and pageCount are consistent' },
  'PUSH.PAGE-SEQUENCE': { severity: 'error', spec: 'abdm-api §8.5 item 9, §5.10', summary: 'the pages of one transaction agree and none is missing or repeated' },
  'PUSH.ENTRY-DECRYPT': { severity: 'error', spec: 'abdm-api §8.5 item 5', summary: 'entries[].content decrypts and its GCM tag is valid' },
  'PUSH.ENTRY-JSON': { severity: 'error', spec: 'abdm-api §8.5 item 5', summary: 'the decrypted content is JSON' },
  'PUSH.ENTRY-BUNDLE': { severity: 'error', spec: 'abdm-api §8.5 item 5', summary: 'the decrypted JSON is a FHIR Bundle' },
  'PUSH.ENTRY-CHECKSUM': { severity: 'warning', spec: 'abdm-api §8.5 item 6, §5.10', summary: 'checksum is the MD5 of the plaintext (warning only)' },
  'PUSH.ENTRY-MEDIA': { severity: 'warning', spec: 'abdm-api §5.10', summary: 'media is application/fhir+json' },
  'PUSH.ENTRY-LINK': { severity: 'warning', spec: 'abdm-api §5.10', summary: 'link entries (no content) are not fetched or decrypted by this check' },
} as const satisfies Record<string, HealthInformationRule>;

export type HealthInformationRuleId = keyof typeof HEALTH_INFORMATION_RULES;

/** A finding for `ruleId` with the rule's severity. */
export function finding(ruleId: HealthInformationRuleId, message: string, path?: string): Finding {
  return ruleFinding(HEALTH_INFORMATION_RULES, ruleId, message, path);
}
