// The consent manager's signature on an artefact (spec §7): RS256 (RSASSA-PKCS1-v1_5, SHA-256) over the
// canonical JSON of `consentDetail`, base64. How the live CM signs is [UNSURE] and partners are not expected to
// verify it; this form is one anyone can check with the key published in the gateway JWKS.
import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ConsentDetail } from './consent-artefact.js';

/** base64 RS256 signature over the canonical JSON of `detail`. */
export function signConsentDetail(detail: ConsentDetail, privateKey: KeyObject): string {
  return sign('sha256', Buffer.from(canonicalJson(detail), 'utf8'), privateKey).toString('base64');
}

/** Whether `signature` is the signature of `detail` by the holder of `publicKey`. */
export function verifyConsentSignature(detail: unknown, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', Buffer.from(canonicalJson(detail), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
