// ABHA address rules (spec abdm-api §4.1, fhir-data-crypto §4): `user@sbx` in the sandbox, `user@abdm` in
// production, compared case-insensitively. The v3 regex is the rule; integrators' 8–18 characters and
// one-dot rules are secondary, so they are opt-in.
import { accepted, jsonTypeOf, refused, type IdCheck } from './id-check.js';

/** V3-LT / V3-HIL. */
export const ABHA_ADDRESS_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.]+[a-zA-Z0-9]@(abdm|sbx)$/;
/** V3-CM (consent `patient.id`) also allows '-' and '!'. */
export const ABHA_ADDRESS_CONSENT_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.\-!]+[a-zA-Z0-9]@(abdm|sbx)$/;

export type AbhaAddressDomain = 'sbx' | 'abdm';

export interface AbhaAddressRules {
  /** Accept the consent schema's extra characters ('-' and '!'). */
  allowConsentCharacters?: boolean;
  /** Only these domains (default: both). */
  domains?: ReadonlyArray<AbhaAddressDomain>;
  /** The user name's length before the @ (integrators commonly enforce 8–18). */
  userNameLength?: { min: number; max: number };
  /** At most this many '.' in the user name (integrators commonly allow one). */
  maxDots?: number;
}

/** The stricter rules many integrators apply (secondary source; spec fhir-data-crypto §4). */
export const INTEGRATOR_ABHA_ADDRESS_RULES: AbhaAddressRules = { userNameLength: { min: 8, max: 18 }, maxDots: 1 };

/** ABHA addresses compare case-insensitively: this is the form to store and compare. */
export function normaliseAbhaAddress(input: string): string {
  return input.toLowerCase();
}

/** Whether two ABHA addresses name the same account. */
export function sameAbhaAddress(a: string, b: string): boolean {
  return normaliseAbhaAddress(a) === normaliseAbhaAddress(b);
}

/** Checks an ABHA address; the value is its lower-case form. */
export function checkAbhaAddress(input: unknown, rules: AbhaAddressRules = {}): IdCheck {
  if (input === undefined || input === null || input === '') return refused('ABHA address is missing');
  if (typeof input !== 'string') return refused(`ABHA address must be a string; got ${jsonTypeOf(input)}`);
  const address = normaliseAbhaAddress(input);
  const at = address.split('@');
  if (at.length === 1) return refused('ABHA address must end with @sbx (sandbox) or @abdm (production)');
  if (at.length > 2) return refused('ABHA address must contain exactly one @');
  const [user, domain] = at;
  const domains = rules.domains ?? ['sbx', 'abdm'];
  if (!(domains as ReadonlyArray<string>).includes(domain)) {
    const allowed = domains.map((d) => `@${d}`).join(' or ');
    if (domain === 'ndhm') return refused(`ABHA address uses the legacy @ndhm domain; v3 accepts ${allowed}`);
    return refused(`ABHA address domain must be ${allowed}; got @${domain.slice(0, 20)}`);
  }
  if (user.length < 3) return refused('ABHA address needs at least 3 characters before the @');
  const allowedChars = rules.allowConsentCharacters ? /[^a-z0-9_.\-!]/ : /[^a-z0-9_.]/;
  const stray = allowedChars.exec(user);
  if (stray) {
    const list = rules.allowConsentCharacters ? "letters, digits, '.', '_', '-' and '!'" : "letters, digits, '.' and '_'";
    return refused(`ABHA address may contain only ${list}; found '${stray[0]}'`);
  }
  if (!/^[a-z0-9]/.test(user)) return refused('ABHA address must start with a letter or digit');
  if (!/[a-z0-9]$/.test(user)) return refused('ABHA address must end with a letter or digit before the @');
  if (rules.userNameLength) {
    const { min, max } = rules.userNameLength;
    if (user.length < min || user.length > max) {
      return refused(`ABHA address must have ${min} to ${max} characters before the @; got ${user.length}`);
    }
  }
  if (rules.maxDots !== undefined) {
    const dots = user.split('.').length - 1;
    if (dots > rules.maxDots) return refused(`ABHA address may contain at most ${rules.maxDots} '.'; got ${dots}`);
  }
  const pattern = rules.allowConsentCharacters ? ABHA_ADDRESS_CONSENT_PATTERN : ABHA_ADDRESS_PATTERN;
  // Every rule of the pattern is checked above with its own reason; this guards against drift between them.
  if (!pattern.test(address)) return refused('ABHA address does not match the ABDM pattern');
  return accepted(address);
}
