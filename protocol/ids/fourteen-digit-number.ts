// The shared parsing of ABDM's 14-digit numbers (ABHA number, HPR id number): plain or dashed strings, or
// JSON numbers, since the v3 specs type the same field both ways (spec abdm-api §4.1).
import { accepted, digitCount, jsonTypeOf, refused, type IdCheck } from './id-check.js';

/** Which written forms a field accepts: `plain` digits only, `dashed` XX-XXXX-XXXX-XXXX only, or `any`. */
export type NumberForm = 'any' | 'plain' | 'dashed';

const PLAIN = /^\d{14}$/;
const DASHED = /^\d{2}-\d{4}-\d{4}-\d{4}$/;
// V3-PS types the field as `^(\d+-?){13}\d$`: digits with single dashes anywhere between them.
const DIGITS_AND_SINGLE_DASHES = /^\d+(?:-\d+)*$/;

/** Checks a 14-digit identifier called `label` in messages; the value is the 14 digits without dashes. */
export function checkFourteenDigitNumber(input: unknown, label: string, form: NumberForm = 'any'): IdCheck {
  if (input === undefined || input === null || input === '') return refused(`${label} is missing`);
  let text: string;
  if (typeof input === 'number') {
    if (form === 'dashed') return refused(`${label} must be a dashed string XX-XXXX-XXXX-XXXX here, not a JSON number`);
    if (!Number.isSafeInteger(input) || input < 0) return refused(`${label} given as a JSON number must be a whole number of 14 digits`);
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return refused(`${label} must be a string of 14 digits; got ${jsonTypeOf(input)}`);
  }
  // The common case, checked first: the gateway validates an ABHA or HPR number on most requests.
  if (PLAIN.test(text)) return form === 'dashed' ? refused(`${label} must be dashed as XX-XXXX-XXXX-XXXX here`) : accepted(text);
  if (/\s/.test(text)) return refused(`${label} contains whitespace; send 14 digits, plain or dashed`);
  if (!DIGITS_AND_SINGLE_DASHES.test(text)) {
    const stray = /[^\d-]/.exec(text);
    if (stray) return refused(`${label} may contain only digits and dashes; found '${stray[0]}'`);
    return refused(`${label} has a misplaced dash; write XX-XXXX-XXXX-XXXX or 14 plain digits`);
  }
  const digits = text.replace(/-/g, '');
  if (digits.length !== 14) return refused(`${label} must have 14 digits; got ${digitCount(digits.length)}`);
  const dashed = digits.length !== text.length;
  if (form === 'plain' && dashed) return refused(`${label} must be 14 digits without dashes here`);
  if (form === 'dashed' && !DASHED.test(text)) return refused(`${label} must be dashed as XX-XXXX-XXXX-XXXX here`);
  return accepted(digits);
}

/** Writes 14 digits as XX-XXXX-XXXX-XXXX. */
export function dashFourteenDigits(digits: string): string {
  return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10, 14)}`;
}
