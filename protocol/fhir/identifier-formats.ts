// Format checks for the ABDM identifiers a record carries (spec §4), on top of protocol/ids. Lenient by design:
// the validator reports them as warnings, and accepts the older `@ndhm` suffix records still carry.
import { checkAbhaNumberChecksum, checkHfrFacilityId, checkHprAddress, checkHprIdNumber, isLuhnValid, isLuhnValidSkippingDashes } from '../ids/index.js';

/** Luhn mod-10 over a digit string. */
export const luhnValid = isLuhnValid;

// The two forms records write an ABHA number in, which checkAbhaNumberChecksum accepts when Luhn-valid.
const PLAIN_OR_DASHED = /^(?:\d{14}|\d{2}-\d{4}-\d{4}-\d{4})$/;

/** 14 digits, plain or `XX-XXXX-XXXX-XXXX`, passing Luhn. */
export function isAbhaNumber(value: string): boolean {
  // The usual forms are answered without building the checker's result; for any other, the checksum check
  // refuses a bad format first, so it alone decides both.
  if (PLAIN_OR_DASHED.test(value)) return isLuhnValidSkippingDashes(value);
  return checkAbhaNumberChecksum(value).ok;
}

/** `username@sbx` / `@abdm` / older `@ndhm`: letters, digits, `.` and `_`, no special character first or last. */
export function isAbhaAddress(value: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?@(?:sbx|abdm|ndhm)$/i.test(value);
}

/** A 14-digit HPR id (`71-XXXX-XXXX-XXXX` or plain) or an HPR address `name@hpr.abdm`. */
export function isHprId(value: string): boolean {
  return checkHprIdNumber(value).ok || checkHprAddress(value).ok;
}

/** An HFR facility id: `IN` + 10 characters. */
export function isHfrId(value: string): boolean {
  return checkHfrFacilityId(value).ok;
}
