// Format checks for the ABDM identifiers a record carries (spec §4): ABHA number (14 digits, Luhn as seen
// in sandbox data), ABHA address, HPR id, HFR id. Lenient by design: the validator reports them as warnings.

/** Luhn mod-10 over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** 14 digits, plain or `XX-XXXX-XXXX-XXXX`, passing Luhn. */
export function isAbhaNumber(value: string): boolean {
  if (!/^\d{2}-?\d{4}-?\d{4}-?\d{4}$/.test(value)) return false;
  return luhnValid(value.replace(/-/g, ''));
}

/** `username@sbx` / `@abdm` / older `@ndhm`: letters, digits, `.` and `_`, no special character first or last. */
export function isAbhaAddress(value: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?@(?:sbx|abdm|ndhm)$/i.test(value);
}

/** A 14-digit HPR id (`71-XXXX-XXXX-XXXX` or plain) or an HPR address `name@hpr.abdm`. */
export function isHprId(value: string): boolean {
  return /^\d{2}-?\d{4}-?\d{4}-?\d{4}$/.test(value) || /^[A-Za-z0-9._]+@hpr\.abdm$/i.test(value);
}

/** `IN` + 10 digits (the 3rd-4th characters are the LGD state code). */
export function isHfrId(value: string): boolean {
  return /^IN\d{10}$/.test(value);
}
