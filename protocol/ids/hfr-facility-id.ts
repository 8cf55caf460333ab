// HFR facility ids (spec abdm-api §9.1, fhir-data-crypto §4): `IN` + 10 alphanumerics. The sandbox mints the
// shape seen in real ids: `IN` + the 2-digit LGD state code + 8 digits, so the id says where the facility is.
import { accepted, jsonTypeOf, refused, type IdCheck } from './id-check.js';

/** CARE `nhpr/rules.py`. */
export const HFR_FACILITY_ID_PATTERN = /^IN[A-Za-z0-9]{10}$/;
/** The ids this sandbox mints. */
export const SANDBOX_FACILITY_ID_PATTERN = /^IN(\d{2})(\d{8})$/;

/** Checks any HFR facility id (the value is unchanged). */
export function checkHfrFacilityId(input: unknown): IdCheck {
  if (input === undefined || input === null || input === '') return refused('HFR facility id is missing');
  if (typeof input !== 'string') return refused(`HFR facility id must be a string; got ${jsonTypeOf(input)}`);
  if (/^in/i.test(input) && !input.startsWith('IN')) return refused("HFR facility id must start with upper-case 'IN'");
  if (!input.startsWith('IN')) return refused("HFR facility id must start with 'IN'");
  const rest = input.slice(2);
  const stray = /[^A-Za-z0-9]/.exec(rest);
  if (stray) return refused(`HFR facility id may contain only letters and digits after 'IN'; found '${stray[0]}'`);
  if (rest.length !== 10) return refused(`HFR facility id must have 10 characters after 'IN'; got ${rest.length}`);
  return accepted(input);
}

/**
 * Whether `code` is a current LGD state code: 01–38, except 25 and 26 (Daman and Diu, Dadra and Nagar Haveli),
 * which were merged into 38 in 2020.
 */
export function isLgdStateCode(code: string): boolean {
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  return n >= 1 && n <= 38 && n !== 25 && n !== 26;
}

/** Checks an id of the sandbox's own shape: IN + LGD state code + 8 digits. */
export function checkSandboxFacilityId(input: unknown): IdCheck {
  const general = checkHfrFacilityId(input);
  if (!general.ok) return general;
  const m = SANDBOX_FACILITY_ID_PATTERN.exec(general.value);
  if (!m) return refused("sandbox facility ids are 'IN' + a 2-digit state code + 8 digits");
  if (!isLgdStateCode(m[1])) return refused(`'${m[1]}' after 'IN' is not an LGD state code`);
  return general;
}

/** The parts of a sandbox facility id, or undefined when it is not one. */
export function parseSandboxFacilityId(id: string): { stateCode: string; serial: string } | undefined {
  const m = SANDBOX_FACILITY_ID_PATTERN.exec(id);
  if (!m || !isLgdStateCode(m[1])) return undefined;
  return { stateCode: m[1], serial: m[2] };
}

/** Builds a sandbox facility id from an LGD state code and an 8-digit serial. */
export function sandboxFacilityId(stateCode: string, serial: number): string {
  if (!isLgdStateCode(stateCode)) throw new RangeError(`sandboxFacilityId: '${stateCode}' is not an LGD state code`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 99_999_999) throw new RangeError('sandboxFacilityId: serial must have at most 8 digits');
  return `IN${stateCode}${String(serial).padStart(8, '0')}`;
}
