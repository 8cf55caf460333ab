// HPR (Healthcare Professionals Registry) ids (spec abdm-api §9.1): a 14-digit number printed
// 71-XXXX-XXXX-XXXX, and an address `name@hpr.abdm` (V3-PS also allows `@dr.abdm`). No check digit is known.
import { checkFourteenDigitNumber, dashFourteenDigits, type NumberForm } from './fourteen-digit-number.js';
import { accepted, jsonTypeOf, refused, type IdCheck } from './id-check.js';

/** CARE `nhpr/rules.py`. */
export const HPR_ADDRESS_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,}@hpr\.abdm$/;
/** V3-PS `hprId` also accepts the doctor domain. */
export const HPR_DOCTOR_ADDRESS_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]{2,}@dr\.abdm$/;
/** Sandbox HPR numbers start with these two digits. */
export const SANDBOX_HPR_NUMBER_PREFIX = '71';

/** Checks an HPR id number (14 digits, plain or dashed); the value is the 14 digits. */
export function checkHprIdNumber(input: unknown, options: { form?: NumberForm } = {}): IdCheck {
  return checkFourteenDigitNumber(input, 'HPR id number', options.form);
}

/** Writes an HPR id number as 71-XXXX-XXXX-XXXX; throws RangeError (with the reason) when it is not one. */
export function formatHprIdNumber(input: unknown): string {
  const check = checkHprIdNumber(input);
  if (!check.ok) throw new RangeError(check.reason);
  return dashFourteenDigits(check.value);
}

/** Checks an HPR address (`name@hpr.abdm`); the value is its lower-case form. */
export function checkHprAddress(input: unknown, options: { allowDoctorDomain?: boolean } = {}): IdCheck {
  if (input === undefined || input === null || input === '') return refused('HPR id is missing');
  if (typeof input !== 'string') return refused(`HPR id must be a string; got ${jsonTypeOf(input)}`);
  const address = input.toLowerCase();
  const at = address.lastIndexOf('@');
  const domains = options.allowDoctorDomain ? '@hpr.abdm or @dr.abdm' : '@hpr.abdm';
  if (at < 0) return refused(`HPR id must end with ${domains}`);
  const domain = address.slice(at);
  if (domain !== '@hpr.abdm' && !(options.allowDoctorDomain && domain === '@dr.abdm')) {
    return refused(`HPR id domain must be ${domains}; got ${domain.slice(0, 20)}`);
  }
  const user = address.slice(0, at);
  if (user.length < 3) return refused('HPR id needs at least 3 characters before the @');
  const stray = /[^a-z0-9._-]/.exec(user);
  if (stray) return refused(`HPR id may contain only letters, digits, '.', '_' and '-'; found '${stray[0]}'`);
  if (!/^[a-z0-9]/.test(user)) return refused('HPR id must start with a letter or digit');
  const pattern = domain === '@dr.abdm' ? HPR_DOCTOR_ADDRESS_PATTERN : HPR_ADDRESS_PATTERN;
  if (!pattern.test(address)) return refused('HPR id does not match the HPR pattern');
  return accepted(address);
}
