// The result every identifier validator returns: the normalised value, or the exact reason it was refused,
// worded so the gateway can put it straight into an ABDM error message.

export type IdCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

/** A successful check carrying the normalised identifier. */
export function accepted(value: string): IdCheck {
  return { ok: true, value };
}

/** A failed check carrying the reason. */
export function refused(reason: string): IdCheck {
  return { ok: false, reason };
}

/** Describes a value's JSON type for "must be a string" style reasons. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** "1 digit" / "13 digits". */
export function digitCount(n: number): string {
  return n === 1 ? '1 digit' : `${n} digits`;
}
