// The two operations in fidelius-cli's own shape and argument order, for partners comparing results with it:
// `e <text> <sender-nonce> <requester-nonce> <sender-private-key> <requester-public-key>` and
// `d <encrypted> <requester-nonce> <sender-nonce> <requester-private-key> <sender-public-key>`.
import { SessionCipher } from './session-cipher.js';

export interface EncryptRequest {
  /** The text (a FHIR Bundle JSON string) or its bytes. */
  plaintext: string | Uint8Array;
  senderNonce: string;
  requesterNonce: string;
  senderPrivateKey: string;
  /** Raw (88 chars) or X.509 (412 chars). */
  requesterPublicKey: string;
}

export interface DecryptRequest {
  /** base64(ciphertext || tag). */
  encrypted: string;
  requesterNonce: string;
  senderNonce: string;
  requesterPrivateKey: string;
  /** Raw (88 chars) or X.509 (412 chars). */
  senderPublicKey: string;
}

/** fidelius-cli `encrypt`: the base64 `encryptedData`. */
export function encrypt(request: EncryptRequest): string {
  return SessionCipher.create({
    role: 'sender',
    privateKey: request.senderPrivateKey,
    peerPublicKey: request.requesterPublicKey,
    nonce: request.senderNonce,
    peerNonce: request.requesterNonce,
  }).encrypt(request.plaintext);
}

/** fidelius-cli `decrypt`, as bytes. */
export function decryptBytes(request: DecryptRequest): Uint8Array {
  return SessionCipher.create({
    role: 'requester',
    privateKey: request.requesterPrivateKey,
    peerPublicKey: request.senderPublicKey,
    nonce: request.requesterNonce,
    peerNonce: request.senderNonce,
  }).decrypt(request.encrypted);
}

/** fidelius-cli `decrypt`: the `decryptedData` as UTF-8 text. */
export function decrypt(request: DecryptRequest): string {
  return Buffer.from(decryptBytes(request)).toString('utf8');
}
