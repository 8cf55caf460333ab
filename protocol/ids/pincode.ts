// Indian postal index numbers (spec fhir-data-crypto §4): 6 digits, first digit 1–9. The first digit is the
// postal zone (1 North … 8 Bihar/Jharkhand, 9 Army Postal Service); the first three are the sorting district.
import { accepted, digitCount, jsonTypeOf, refused, type IdCheck } from './id-check.js';

export const PINCODE_PATTERN = /^[1-9]\d{5}$/;

/** Checks a PIN code; the value is unchanged. */
export function checkPincode(input: unknown): IdCheck {
  if (input === undefined || input === null || input === '') return refused('pincode is missing');
  if (typeof input !== 'string') return refused(`pincode must be a string of 6 digits; got ${jsonTypeOf(input)}`);
  const stray = /\D/.exec(input);
  if (stray) return refused(`pincode may contain only digits; found '${stray[0] === ' ' ? 'space' : stray[0]}'`);
  if (input.length !== 6) return refused(`pincode must have 6 digits; got ${digitCount(input.length)}`);
  if (input[0] === '0') return refused('pincode cannot start with 0');
  return accepted(input);
}
