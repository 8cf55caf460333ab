// The entry checksum: MD5 of the plaintext before encryption (spec §5.10). Peers write it as hex; base64 of the
// digest is also accepted when reading, since the spec leaves the encoding open (abdm-api §13).
import { createHash } from 'node:crypto';

/** Lower-case hex MD5 of the UTF-8 bytes (or raw bytes) of `plaintext`. */
export function md5Hex(plaintext: string | Uint8Array): string {
  return createHash('md5').update(plaintext).digest('hex');
}

/** Whether `checksum` is the MD5 of `plaintext`, as hex (any case) or base64. */
export function checksumMatches(checksum: string, plaintext: Uint8Array): boolean {
  const digest = createHash('md5').update(plaintext).digest();
  return checksum.trim().toLowerCase() === digest.toString('hex') || checksum.trim() === digest.toString('base64');
}
