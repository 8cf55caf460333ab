// Opens a received data-push page as the HIU does (spec §6.6, §8.2) and checks it (spec §8.5 items 1–6 and 9):
// every problem becomes a finding with a stable rule id, so one bad entry does not hide the others.
import { decodeNonce, decodePrivateKey, isFideliusError, SessionCipher } from '../fidelius/index.js';
import { checksumMatches } from './content-checksum.js';
import { FHIR_JSON_MEDIA } from './data-push.js';
import { checkPageNumbers } from './data-push-pages.js';
import { hasErrors, type Finding } from './finding.js';
import { finding } from './health-information-rules.js';
import { checkKeyMaterial } from './key-material-check.js';

export interface OpenDataPushOptions {
  /** The HIU's private key (base64 BigInteger.toByteArray()) for this request. */
  receiverPrivateKey: string;
  /** The HIU's nonce from its keyMaterial (base64, 32 bytes). */
  receiverNonce: string;
  /** Epoch milliseconds, for the expiry of the HIP's key. */
  now: number;
  /** hiRequest.transactionId, when known (a push can arrive before on-request, spec §6.6). */
  expectedTransactionId?: string;
}

export type OpenedEntryStatus = 'opened' | 'failed' | 'not-fetched';

export interface OpenedEntry {
  index: number;
  /** JSONPath of the entry, e.g. `$.entries[0]`. */
  path: string;
  careContextReference?: string;
  /** `opened`: decrypted to a FHIR Bundle; `failed`: an error finding; `not-fetched`: a link entry. */
  status: OpenedEntryStatus;
  plaintext?: string;
  bundle?: Record<string, unknown>;
  findings: Finding[];
}

export interface OpenedDataPushPage {
  /** No error findings (warnings allowed). */
  ok: boolean;
  /** Every finding, page-level and per entry. */
  findings: Finding[];
  entries: OpenedEntry[];
  transactionId?: string;
  pageNumber?: number;
  pageCount?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decrypts and checks one page. Problems in the payload are findings; a problem with the receiver's own key or
 * nonce (the caller's configuration) throws a FideliusError.
 */
export function openDataPushPage(payload: unknown, options: OpenDataPushOptions): OpenedDataPushPage {
  const receiverKey = decodePrivateKey(options.receiverPrivateKey, "the HIU's private key");
  const receiverNonce = decodeNonce(options.receiverNonce, "the HIU's nonce");
  if (!isRecord(payload)) {
    const f = finding('PUSH.SHAPE', `the push body is ${Array.isArray(payload) ? 'an array' : typeof payload}; expected a JSON object`, '$');
    return { ok: false, findings: [f], entries: [] };
  }

  const pageFindings: Finding[] = [];
  const { transactionId } = payload;
  if (typeof transactionId !== 'string' || transactionId.length === 0) {
    pageFindings.push(finding('PUSH.TRANSACTION-ID', `transactionId is ${JSON.stringify(transactionId)}; expected the hiRequest.transactionId`, '$.transactionId'));
  } else if (options.expectedTransactionId !== undefined && transactionId !== options.expectedTransactionId) {
    pageFindings.push(
      finding('PUSH.TRANSACTION-ID', `transactionId ${JSON.stringify(transactionId)} is not the request's ${JSON.stringify(options.expectedTransactionId)}`, '$.transactionId'),
    );
  }
  pageFindings.push(...checkPageNumbers(payload));

  const keyCheck = checkKeyMaterial(payload.keyMaterial, { now: options.now, path: '$.keyMaterial', owner: 'the HIP' });
  pageFindings.push(...keyCheck.findings);
  let session: SessionCipher | undefined;
  if (keyCheck.nonce && keyCheck.nonce.every((byte, i) => byte === receiverNonce[i])) {
    // Equal nonces XOR to zero: an all-zero salt and IV.
    pageFindings.push(finding('PUSH.NONCE-DISTINCT', "the HIP's nonce is the HIU's own nonce; the HIP must send a fresh nonce of its own", '$.keyMaterial.nonce'));
  }
  if (keyCheck.publicKey && keyCheck.nonce) {
    try {
      session = SessionCipher.create({ role: 'requester', privateKey: receiverKey, peerPublicKey: keyCheck.publicKey, nonce: receiverNonce, peerNonce: keyCheck.nonce });
    } catch (err) {
      if (!isFideliusError(err)) throw err;
      pageFindings.push(finding('KEYMAT.PUBLIC-KEY', err.message, '$.keyMaterial.dhPublicKey.keyValue'));
    }
  }

  const entries: OpenedEntry[] = [];
  if (!Array.isArray(payload.entries)) {
    pageFindings.push(finding('PUSH.SHAPE', `entries is ${payload.entries === undefined ? 'missing' : 'not an array'}`, '$.entries'));
  } else {
    payload.entries.forEach((entry, index) => entries.push(openEntry(entry, index, session)));
  }

  const findings = [...pageFindings, ...entries.flatMap((e) => e.findings)];
  const opened: OpenedDataPushPage = { ok: !hasErrors(findings), findings, entries };
  if (typeof transactionId === 'string') opened.transactionId = transactionId;
  if (typeof payload.pageNumber === 'number') opened.pageNumber = payload.pageNumber;
  if (typeof payload.pageCount === 'number') opened.pageCount = payload.pageCount;
  return opened;
}

function openEntry(entry: unknown, index: number, session: SessionCipher | undefined): OpenedEntry {
  const path = `$.entries[${index}]`;
  const findings: Finding[] = [];
  const result: OpenedEntry = { index, path, status: 'failed', findings };
  if (!isRecord(entry)) {
    findings.push(finding('PUSH.SHAPE', `entry ${index} is not an object`, path));
    return result;
  }
  if (typeof entry.careContextReference === 'string' && entry.careContextReference.length > 0) {
    result.careContextReference = entry.careContextReference;
  } else {
    findings.push(finding('PUSH.SHAPE', `careContextReference is ${JSON.stringify(entry.careContextReference)}; expected the care context's reference`, `${path}.careContextReference`));
  }
  if (entry.media !== FHIR_JSON_MEDIA) {
    findings.push(finding('PUSH.ENTRY-MEDIA', `media is ${JSON.stringify(entry.media)}; expected "${FHIR_JSON_MEDIA}"`, `${path}.media`));
  }
  if (entry.content === undefined && typeof entry.link === 'string') {
    findings.push(finding('PUSH.ENTRY-LINK', `entry ${index} is a link (${entry.link}); its content was not fetched or checked`, `${path}.link`));
    result.status = hasErrors(findings) ? 'failed' : 'not-fetched';
    return result;
  }
  if (typeof entry.content !== 'string') {
    findings.push(finding('PUSH.SHAPE', `content is ${entry.content === undefined ? 'missing' : `a ${typeof entry.content}`}; expected base64 ciphertext`, `${path}.content`));
    return result;
  }
  if (!session) {
    findings.push(finding('PUSH.ENTRY-DECRYPT', `entry ${index} was not decrypted: the HIP's keyMaterial is unusable (see the findings on $.keyMaterial)`, `${path}.content`));
    return result;
  }

  let plainBytes: Uint8Array;
  try {
    plainBytes = session.decrypt(entry.content);
  } catch (err) {
    if (!isFideliusError(err)) throw err;
    findings.push(finding('PUSH.ENTRY-DECRYPT', `entry ${index}: ${err.message}`, `${path}.content`));
    return result;
  }
  const plaintext = Buffer.from(plainBytes).toString('utf8');
  result.plaintext = plaintext;

  if (typeof entry.checksum !== 'string' || entry.checksum.length === 0) {
    findings.push(finding('PUSH.ENTRY-CHECKSUM', `checksum is ${JSON.stringify(entry.checksum)}; expected the MD5 of the plaintext`, `${path}.checksum`));
  } else if (!checksumMatches(entry.checksum, plainBytes)) {
    findings.push(finding('PUSH.ENTRY-CHECKSUM', `checksum ${JSON.stringify(entry.checksum)} is not the MD5 (hex or base64) of the decrypted content`, `${path}.checksum`));
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch (err) {
    findings.push(finding('PUSH.ENTRY-JSON', `entry ${index} decrypted, but is not JSON: ${(err as Error).message}`, `${path}.content`));
    return result;
  }
  if (!isRecord(parsed) || parsed.resourceType !== 'Bundle') {
    const kind = isRecord(parsed) ? `resourceType ${JSON.stringify(parsed.resourceType)}` : Array.isArray(parsed) ? 'an array' : typeof parsed;
    findings.push(finding('PUSH.ENTRY-BUNDLE', `entry ${index} decrypted to ${kind}; expected a FHIR Bundle`, `${path}.content`));
    return result;
  }
  result.bundle = parsed;
  result.status = hasErrors(findings) ? 'failed' : 'opened';
  return result;
}
