// The data-push payload a HIP posts straight to the HIU's dataPushUrl (spec §5.10), one page at a time.
import type { KeyMaterial } from './key-material.js';

export const FHIR_JSON_MEDIA = 'application/fhir+json';

export interface DataPushEntry {
  /** base64(AES-GCM ciphertext || tag) of the FHIR Bundle JSON. */
  content: string;
  media: string;
  /** MD5 of the plaintext, lower-case hex (the spec names no encoding; hex is what peers send). */
  checksum: string;
  careContextReference: string;
}

export interface DataPushPage {
  pageNumber: number;
  pageCount: number;
  transactionId: string;
  entries: DataPushEntry[];
  /** The sender's (HIP's) key material; the HIU combines it with its own. */
  keyMaterial: KeyMaterial;
}

/** One care context's record to push. */
export interface CareContextRecord {
  careContextReference: string;
  /** The FHIR Bundle exactly as serialised: its UTF-8 bytes are what is encrypted and checksummed. */
  bundleJson: string;
}
