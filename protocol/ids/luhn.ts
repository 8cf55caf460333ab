// The Luhn (mod 10) check digit. ABHA numbers seen in the sandbox all pass it (spec fhir-data-crypto §4),
// though NHA does not document it, so callers treat a failure as a warning unless they mint the number.

/** The Luhn check digit to append to `payload` (a string of decimal digits). */
export function luhnCheckDigit(payload: string): number {
  assertDigits(payload, 'luhnCheckDigit');
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled first.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * The Luhn check digit for the decimal digits of a non-negative safe integer, without building a string (leading
 * zeros add nothing to a Luhn sum, so a zero-padded payload has the same digit). For hot paths.
 */
export function luhnCheckDigitOfInteger(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('luhnCheckDigitOfInteger: expected a non-negative safe integer');
  let sum = 0;
  let double = true;
  for (let v = value; v > 0; double = !double) {
    let d = v % 10;
    v = (v - d) / 10;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether `digits` (payload followed by its check digit) passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  return /^\d+$/.test(digits) && isLuhnValidSkippingDashes(digits);
}

/**
 * isLuhnValid over the digits of `text`, skipping any `-` (`91-2345-6789-0123`), without building the digit
 * string. `text` must be digits and dashes only (the caller has checked its form).
 */
export function isLuhnValidSkippingDashes(text: string): boolean {
  let sum = 0;
  let digits = 0;
  // From the right: the check digit counts as is, then every second digit is doubled.
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */) continue;
    let d = c - 48;
    if (digits % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    digits++;
  }
  return digits >= 2 && sum % 10 === 0;
}

function assertDigits(value: string, fn: string): void {
  if (!/^\d+$/.test(value)) throw new TypeError(`${fn}: expected decimal digits`);
}
