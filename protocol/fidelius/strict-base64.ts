// Standard base64 as Java's Base64.getDecoder() reads it. Node's Buffer.from(…, 'base64') silently skips bad
// characters, which would turn a partner's malformed key into a confusing length error; this says what is wrong.
import { FideliusError } from './fidelius-error.js';

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes standard, padded or unpadded base64 (surrounding whitespace ignored); `what` names the value in errors. */
export function decodeBase64(value: string, what: string): Uint8Array {
  if (value === undefined || value === null) throw new FideliusError('bad-base64', `${what} is missing; expected a base64 string`);
  if (typeof value !== 'string') throw new FideliusError('bad-base64', `${what} is a ${typeof value}; expected a base64 string`);
  const text = value.trim();
  if (text.length === 0) throw new FideliusError('bad-base64', `${what} is empty; expected a base64 string`);
  if (!STANDARD.test(text)) {
    if (/^[A-Za-z0-9_-]+=*$/.test(text)) {
      throw new FideliusError('bad-base64', `${what} is base64url ('-' or '_'); ABDM and fidelius-cli use standard base64 ('+' and '/')`);
    }
    const bad = [...text].find((c) => !/[A-Za-z0-9+/=]/.test(c)) ?? '=';
    throw new FideliusError('bad-base64', `${what} is not valid base64: unexpected character ${JSON.stringify(bad)}`);
  }
  const unpadded = text.replace(/=+$/, '');
  if (unpadded.length % 4 === 1 || (text.length !== unpadded.length && text.length % 4 !== 0)) {
    throw new FideliusError('bad-base64', `${what} is not valid base64: its length (${text.length} characters) is impossible`);
  }
  return new Uint8Array(Buffer.from(unpadded, 'base64'));
}

/** Standard padded base64. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
