// ABHA number rules (spec abdm-api §4.1, fhir-data-crypto §4): 14 digits, shown 91-XXXX-XXXX-XXXX, accepted
// plain or dashed. The Luhn check digit is observed in sandbox data but undocumented, so it is a separate,
// lenient check.
import { refused, type IdCheck } from './id-check.js';
import { checkFourteenDigitNumber, dashFourteenDigits, type NumberForm } from './fourteen-digit-number.js';
import { isLuhnValid, luhnCheckDigit } from './luhn.js';

/** Sandbox ABHA numbers start with these two digits. */
export const SANDBOX_ABHA_NUMBER_PREFIX = '91';

/** Checks the format (14 digits, plain or dashed); the value is the 14 digits without dashes. */
export function checkAbhaNumber(input: unknown, options: { form?: NumberForm } = {}): IdCheck {
  return checkFourteenDigitNumber(input, 'ABHA number', options.form);
}

/** The 14 digits without dashes, or undefined when `input` is not an ABHA number. */
export function normaliseAbhaNumber(input: unknown): string | undefined {
  const check = checkAbhaNumber(input);
  return check.ok ? check.value : undefined;
}

/** Writes an ABHA number as 91-XXXX-XXXX-XXXX; throws RangeError (with the reason) when it is not one. */
export function formatAbhaNumber(input: unknown): string {
  const check = checkAbhaNumber(input);
  if (!check.ok) throw new RangeError(check.reason);
  return dashFourteenDigits(check.value);
}

/** The lenient Luhn check: format first, then the check digit. A failure here is a warning, not a rejection. */
export function checkAbhaNumberChecksum(input: unknown): IdCheck {
  const check = checkAbhaNumber(input);
  if (!check.ok) return check;
  if (isLuhnValid(check.value)) return check;
  const expected = luhnCheckDigit(check.value.slice(0, 13));
  return refused(`ABHA number fails the Luhn check: last digit is ${check.value[13]}, expected ${expected}`);
}

/** Builds a Luhn-valid ABHA number from its first 13 digits. */
export function abhaNumberFromPayload(first13: string): string {
  if (!/^\d{13}$/.test(first13)) throw new RangeError('abhaNumberFromPayload: expected 13 digits');
  return first13 + String(luhnCheckDigit(first13));
}

