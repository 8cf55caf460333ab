// The sandbox's synthetic Aadhaar numbers: 12 digits, Verhoeff-valid, always starting 9999. UIDAI's own test
// residents for its pre-production authentication service carry numbers of this form (999941057058,
// 999971658847, 999999990019, ... all Verhoeff-valid), so a partner's validator accepts them, while the sandbox
// never treats any other Aadhaar number as a person: a real one must not be sent to a sandbox at all.
import { checkAadhaar } from './aadhaar.js';
import type { IdCheck } from './id-check.js';
import { verhoeffCheckDigit } from './verhoeff.js';

export const SYNTHETIC_AADHAAR_PREFIX = '9999';
/** Seven digits between the prefix and the check digit: 10 million synthetic residents. */
export const SYNTHETIC_AADHAAR_SPACE = 10_000_000;

/** The synthetic Aadhaar number for `payload` (0 ≤ payload < 10,000,000): `9999` + 7 digits + Verhoeff. */
export function syntheticAadhaar(payload: number): string {
  if (!Number.isInteger(payload) || payload < 0 || payload >= SYNTHETIC_AADHAAR_SPACE) {
    throw new RangeError(`synthetic Aadhaar payload must be an integer in [0, ${SYNTHETIC_AADHAAR_SPACE}); got ${payload}`);
  }
  const first11 = SYNTHETIC_AADHAAR_PREFIX + String(payload).padStart(7, '0');
  return first11 + String(verhoeffCheckDigit(first11));
}

export type SyntheticAadhaarCheck =
  | { ok: true; payload: number; digits: string }
  /** `realLooking`: a valid Aadhaar number outside the sandbox's range, i.e. possibly a real person's. */
  | { ok: false; reason: string; realLooking: boolean };

/** Reads a synthetic Aadhaar back to its payload; refuses malformed numbers and any number outside the range. */
export function checkSyntheticAadhaar(input: unknown): SyntheticAadhaarCheck {
  const check: IdCheck = checkAadhaar(input);
  if (!check.ok) return { ok: false, reason: check.reason, realLooking: false };
  if (!check.value.startsWith(SYNTHETIC_AADHAAR_PREFIX)) {
    return {
      ok: false,
      reason: `the sandbox only knows synthetic Aadhaar numbers (12 digits starting ${SYNTHETIC_AADHAAR_PREFIX}, Verhoeff-valid; GET /sandbox/aadhaar lists some); never send a real Aadhaar number to a sandbox`,
      realLooking: true,
    };
  }
  return { ok: true, payload: Number(check.value.slice(4, 11)), digits: check.value };
}
