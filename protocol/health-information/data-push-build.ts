// Builds the pages a HIP pushes (spec §5.10): every record encrypted for the HIU's key material under one
// Fidelius session (ABDM reuses one key and IV for all entries of a push), then split into pages.
import { SessionCipher, type FideliusKeyPair } from '../fidelius/index.js';
import { md5Hex } from './content-checksum.js';
import { FHIR_JSON_MEDIA, type CareContextRecord, type DataPushEntry, type DataPushPage } from './data-push.js';
import { buildKeyMaterial, readKeyMaterial, type KeyMaterial } from './key-material.js';

export interface BuildDataPushOptions {
  /** hiRequest.transactionId of the request being answered. */
  transactionId: string;
  records: ReadonlyArray<CareContextRecord>;
  /** Entries per page (WRAP sends 7). */
  entriesPerPage: number;
  /** The sender's (HIP's) key pair and nonce for this transfer. */
  sender: { keyPair: FideliusKeyPair; nonce: string };
  /** The HIU's keyMaterial from the health-information request. */
  receiverKeyMaterial: KeyMaterial;
  /** Epoch milliseconds: the HIU's key must not have expired by then. */
  now: number;
  /** The sender's dhPublicKey.expiry; default the HIU's, as WRAP's HIP copies it. */
  expiry?: string;
  /** Form of the sender's keyValue; default X.509, as WRAP's HIP sends. */
  publicKeyEncoding?: 'x509' | 'raw';
  /** 0 (WRAP) or 1; the spec does not say. Default 0. */
  firstPageNumber?: 0 | 1;
}

/** The pages of one transfer; none when there are no records. Throws a FideliusError when the HIU's key material is unusable. */
export function buildDataPushPages(options: BuildDataPushOptions): DataPushPage[] {
  const { entriesPerPage } = options;
  if (!Number.isInteger(entriesPerPage) || entriesPerPage < 1) throw new RangeError(`entriesPerPage must be a positive integer, not ${entriesPerPage}`);
  const receiver = readKeyMaterial(options.receiverKeyMaterial, options.now, 'the HIU');
  const session = SessionCipher.create({
    role: 'sender',
    privateKey: options.sender.keyPair.privateKey,
    peerPublicKey: receiver.publicKey,
    nonce: options.sender.nonce,
    peerNonce: receiver.nonce,
  });
  const keyMaterial = buildKeyMaterial({
    keyPair: options.sender.keyPair,
    nonce: options.sender.nonce,
    expiry: options.expiry ?? options.receiverKeyMaterial.dhPublicKey.expiry,
    publicKeyEncoding: options.publicKeyEncoding ?? 'x509',
  });
  const entries: DataPushEntry[] = options.records.map((record) => ({
    content: session.encrypt(record.bundleJson),
    media: FHIR_JSON_MEDIA,
    checksum: md5Hex(record.bundleJson),
    careContextReference: record.careContextReference,
  }));
  const pageCount = Math.ceil(entries.length / entriesPerPage);
  const first = options.firstPageNumber ?? 0;
  return Array.from({ length: pageCount }, (_, i) => ({
    pageNumber: first + i,
    pageCount,
    transactionId: options.transactionId,
    entries: entries.slice(i * entriesPerPage, (i + 1) * entriesPerPage),
    keyMaterial,
  }));
}
