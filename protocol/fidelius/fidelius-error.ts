// The one error type Fidelius throws. Each carries a stable reason code (for callers and findings) and a
// message written for a partner developer debugging their own encryption.

/** Why a Fidelius operation was refused. */
export type FideliusReason =
  | 'bad-base64' // not standard base64 (e.g. base64url, stray characters)
  | 'bad-key-encoding' // wrong length, wrong prefix, unknown X.509 header
  | 'key-not-on-curve' // the point does not satisfy y² = x³ + ax + b
  | 'key-low-order' // the point lies on the curve but the agreement lands on the point at infinity
  | 'bad-private-key' // the private scalar is zero modulo the group order, or empty
  | 'nonce-length' // a nonce that is not 32 bytes
  | 'key-expired' // dhPublicKey.expiry is not after "now"
  | 'bad-expiry' // dhPublicKey.expiry does not parse as a timestamp
  | 'decrypt-failed'; // AES-GCM authentication failed (wrong key, swapped nonces, tampered data)

export class FideliusError extends Error {
  constructor(
    readonly reason: FideliusReason,
    message: string,
  ) {
    super(message);
    this.name = 'FideliusError';
  }
}

/** True when `value` is a FideliusError (optionally with the given reason). */
export function isFideliusError(value: unknown, reason?: FideliusReason): value is FideliusError {
  return value instanceof FideliusError && (reason === undefined || value.reason === reason);
}
