// Aadhaar numbers (spec fhir-data-crypto §4): 12 digits, first digit 2–9, Verhoeff check digit. Reasons and
// masks never repeat the number: Aadhaar must not reach a log or a report.
import { accepted, digitCount, jsonTypeOf, refused, type IdCheck } from './id-check.js';
import { isVerhoeffValid, verhoeffCheckDigit } from './verhoeff.js';

/** Checks an Aadhaar number (spaces as printed on the card are allowed); the value is the 12 digits. */
export function checkAadhaar(input: unknown): IdCheck {
  if (input === undefined || input === null || input === '') return refused('Aadhaar number is missing');
  if (typeof input !== 'string') return refused(`Aadhaar number must be a string of 12 digits; got ${jsonTypeOf(input)}`);
  const digits = input.replace(/ /g, '');
  if (/\D/.test(digits)) return refused('Aadhaar number may contain only digits and spaces');
  if (digits.length !== 12) return refused(`Aadhaar number must have 12 digits; got ${digitCount(digits.length)}`);
  if (digits[0] === '0' || digits[0] === '1') return refused('Aadhaar number cannot start with 0 or 1');
  if (!isVerhoeffValid(digits)) return refused('Aadhaar number fails the Verhoeff check digit');
  return accepted(digits);
}

/** Builds a Verhoeff-valid Aadhaar-shaped number from its first 11 digits (synthetic data only). */
export function aadhaarFromPayload(first11: string): string {
  if (!/^[2-9]\d{10}$/.test(first11)) throw new RangeError('aadhaarFromPayload: expected 11 digits starting 2-9');
  return first11 + String(verhoeffCheckDigit(first11));
}

/** The display form UIDAI uses: only the last four digits shown, `XXXX XXXX 1234`. */
export function maskAadhaar(input: string): string {
  const digits = input.replace(/\D/g, '');
  return `XXXX XXXX ${digits.slice(-4).padStart(4, 'X')}`;
}
