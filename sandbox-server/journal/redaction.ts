// Redaction by default (DESIGN.md): client secrets, tokens, OTPs and Aadhaar never reach the journal,
// a report or a log. A short fingerprint stays so a reader can tell two tokens apart.
import { createHash } from 'node:crypto';

const SECRET_HEADERS = new Set(['authorization', 'x-link-token', 'x-auth-token', 'x-token', 't-token', 'r-token', 'cookie', 'set-cookie']);

const SECRET_FIELDS = new Set([
  'clientsecret',
  'accesstoken',
  'refreshtoken',
  'linktoken',
  'token',
  'otp',
  'otpvalue',
  'authcode',
  'password',
  'aadhaar',
  'privatekey',
  // ABHA's encrypted inputs: a partner that forgets to encrypt sends an Aadhaar number or OTP here in plain text.
  'loginid',
]);

const recentFingerprints = new Map<string, string>();

/** `[redacted sha256:1a2b3c4d]`: stable for the same secret, useless for replaying it. */
export function fingerprint(secret: string): string {
  // A partner sends the same token on every call for 20 minutes; hashing it once is enough.
  let known = recentFingerprints.get(secret);
  if (known === undefined) {
    known = `[redacted sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 8)}]`;
    if (recentFingerprints.size >= 1000) recentFingerprints.clear();
    recentFingerprints.set(secret, known);
  }
  return known;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!SECRET_HEADERS.has(lower)) out[lower] = value;
    else if (value.length > 7 && value.slice(0, 7).toLowerCase() === 'bearer ') out[lower] = `${value.slice(0, 7)}${fingerprint(value.slice(7).trim())}`;
    else out[lower] = fingerprint(value);
  }
  return out;
}

/** Redacts secret fields anywhere in a JSON value (keys compared case-insensitively). */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_FIELDS.has(key.toLowerCase()) && (typeof v === 'string' || typeof v === 'number') ? fingerprint(String(v)) : redactJson(v);
    }
    return out;
  }
  return value;
}

/** Redacts a body given as text: JSON is redacted field by field; anything else is kept as it came. */
export function redactBodyText(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return text;
  if (!/[a-z]/i.test(text) || !/clientsecret|token|otp|authcode|password|aadhaar|privatekey|loginid/i.test(text)) return text;
  try {
    return JSON.stringify(redactJson(JSON.parse(text)));
  } catch {
    // Malformed JSON still must not leak a secret: blank out `"field": "value"` pairs we can recognise.
    return text.replace(/("(?:clientSecret|accessToken|refreshToken|linkToken|token|otp|otpValue|authCode|password|aadhaar|privateKey|loginId)"\s*:\s*)("(?:[^"\\]|\\.)*"|[0-9]+)/gi, (_m, key: string, v: string) => `${key}"${fingerprint(v)}"`);
  }
}
