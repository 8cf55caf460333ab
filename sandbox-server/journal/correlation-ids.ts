// Finds the ABDM ids in a message, so the journal can be searched (and tests can wait) by any of them.

// `txnId` is the ABHA service's transaction id (spec §4.3–4.5).
const ID_KEYS = new Set(['requestId', 'transactionId', 'consentId', 'consentRequestId', 'linkRefNumber', 'txnId']);
/** Objects whose `id` (or `referenceNumber`) is an ABDM correlation id. */
const ID_PARENTS = new Set(['consentRequest', 'consent', 'consentArtefacts', 'link']);

/** Every correlation id in the headers (REQUEST-ID) and JSON body, sorted and de-duplicated. */
export function correlationIdsOf(requestId: string | undefined, body: unknown): string[] {
  const found = new Set<string>();
  if (requestId) found.add(requestId);
  walk(body, undefined, found, 0);
  return [...found].sort();
}

function walk(value: unknown, parentKey: string | undefined, found: Set<string>, depth: number): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, parentKey, found, depth + 1);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && v.length > 0 && v.length <= 200) {
      if (ID_KEYS.has(key)) found.add(v);
      else if (parentKey && ID_PARENTS.has(parentKey) && (key === 'id' || key === 'referenceNumber')) found.add(v);
    } else {
      walk(v, key, found, depth + 1);
    }
  }
}
