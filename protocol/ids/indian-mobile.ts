// Indian mobile numbers (spec fhir-data-crypto §4): 10 digits starting 6–9. ABHA APIs take the bare 10
// digits; FHIR telecom writes them +91…, so a lenient mode strips a country code or trunk 0.
import { accepted, digitCount, jsonTypeOf, refused, type IdCheck } from './id-check.js';

export const INDIAN_MOBILE_PATTERN = /^[6-9]\d{9}$/;

/** Checks a mobile number; the value is the 10 digits. `lenient` accepts +91, 91, 0, spaces and dashes. */
export function checkIndianMobile(input: unknown, options: { lenient?: boolean } = {}): IdCheck {
  if (input === undefined || input === null || input === '') return refused('mobile number is missing');
  if (typeof input !== 'string') return refused(`mobile number must be a string of 10 digits; got ${jsonTypeOf(input)}`);
  let text = input;
  if (options.lenient) {
    text = text.replace(/[\s-]/g, '');
    if (text.startsWith('+91')) text = text.slice(3);
    else if (text.length === 12 && text.startsWith('91')) text = text.slice(2);
    else if (text.length === 11 && text.startsWith('0')) text = text.slice(1);
  } else if (/^\+?91[\s-]?\d{10}$/.test(text)) {
    return refused('mobile number must be the 10 digits without the +91 country code');
  }
  const stray = /\D/.exec(text);
  if (stray) return refused(`mobile number may contain only digits; found '${stray[0]}'`);
  if (text.length !== 10) return refused(`mobile number must have 10 digits; got ${digitCount(text.length)}`);
  if (!INDIAN_MOBILE_PATTERN.test(text)) return refused(`mobile number must start with 6, 7, 8 or 9; starts with ${text[0]}`);
  return accepted(text);
}
