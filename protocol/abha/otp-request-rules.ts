// Which combinations of scope, loginHint and otpSystem each ABHA OTP request accepts (spec §4.3–4.5, NHA's
// ABHA v3 OpenAPI examples), and what each combination means. Pure: the services act on the returned flow.
import type { AbdmError } from '../errors.js';
import { abhaErrors } from './abha-errors.js';

/** Every scope value the ABHA v3 specifications mention. */
const KNOWN_SCOPES = new Set([
  'abha-enrol', 'mobile-verify', 'aadhaar-verify', 'abha-login', 'search-abha', 'abha-address-login', 'abha-address-enroll',
  'dl-flow', 'email-verify', 'retrieval', 're-activate', 'de-activate', 'delete', 're-kyc', 'abha-profile', 'password-verify',
  'aadhaar-face-verify', 'aadhaar-bio-verify', 'aadhaar-iris-verify', 'child-abha-enrol', 'face-auth', 'face-verify',
]);

/** Scopes that exist on the live service but whose journeys (biometrics, documents, email) the sandbox does not simulate. */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  'dl-flow': 'driving-licence enrolment',
  'email-verify': 'email verification',
  'password-verify': 'password login',
  'aadhaar-face-verify': 'face authentication',
  'aadhaar-bio-verify': 'fingerprint authentication',
  'aadhaar-iris-verify': 'iris authentication',
  'face-auth': 'face authentication',
  'face-verify': 'face authentication',
  retrieval: 'enrolment-number retrieval',
  're-activate': 'reactivation',
  'de-activate': 'deactivation',
  delete: 'account deletion',
  're-kyc': 're-KYC',
  'child-abha-enrol': 'child ABHA enrolment',
};

export interface OtpRequestBody {
  txnId?: unknown;
  scope?: unknown;
  loginHint?: unknown;
  loginId?: unknown;
  otpSystem?: unknown;
}

export type OtpSystem = 'aadhaar' | 'abdm';

/** The scope as a sorted list of distinct values; throws ABHA's field error when it is not a list of known scopes. */
export function readScope(scope: unknown): string[] {
  if (!Array.isArray(scope) || scope.length === 0 || scope.some((s) => typeof s !== 'string')) {
    throw abhaErrors.invalidField('scope', 'scope must be a non-empty array of strings, e.g. ["abha-login","aadhaar-verify"]');
  }
  const values = [...new Set(scope as string[])].sort();
  const unknown = values.find((s) => !KNOWN_SCOPES.has(s));
  if (unknown !== undefined) throw abhaErrors.invalidField('scope', `"${unknown.slice(0, 40)}" is not an ABHA scope`);
  const skipped = values.find((s) => NOT_SIMULATED[s]);
  if (skipped !== undefined) throw abhaErrors.invalidField('scope', `"${skipped}" (${NOT_SIMULATED[skipped]}) is not simulated by this sandbox; use the OTP journeys`);
  return values;
}

function sameSet(scope: ReadonlyArray<string>, expected: ReadonlyArray<string>): boolean {
  return scope.length === expected.length && expected.every((s) => scope.includes(s));
}

function hint(body: OtpRequestBody, allowed: ReadonlyArray<string>, where: string): string {
  if (typeof body.loginHint !== 'string' || !allowed.includes(body.loginHint)) {
    throw abhaErrors.invalidField('loginHint', `${where} takes loginHint ${allowed.map((h) => `"${h}"`).join(' or ')}; got ${JSON.stringify(body.loginHint ?? null)?.slice(0, 40)}`);
  }
  return body.loginHint;
}

function otpSystem(body: OtpRequestBody, expected: OtpSystem, why: string): OtpSystem {
  if (body.otpSystem !== expected) {
    throw abhaErrors.invalidField('otpSystem', `${why} needs otpSystem "${expected}"; got ${JSON.stringify(body.otpSystem ?? null)?.slice(0, 40)}`);
  }
  return expected;
}

function combination(scope: ReadonlyArray<string>, options: ReadonlyArray<ReadonlyArray<string>>, where: string): AbdmError {
  return abhaErrors.scopeCombination(`${where} takes scope ${options.map((o) => JSON.stringify(o)).join(' or ')}; got ${JSON.stringify(scope)}`);
}

export type EnrolmentOtpFlow = { kind: 'aadhaar' } | { kind: 'mobile-verify' };

/** POST /v3/enrollment/request/otp: the Aadhaar OTP that starts an enrolment, or the OTP that verifies a communication mobile. */
export function enrolmentOtpFlow(body: OtpRequestBody): EnrolmentOtpFlow {
  const scope = readScope(body.scope);
  const where = 'enrollment/request/otp';
  if (sameSet(scope, ['abha-enrol'])) {
    hint(body, ['aadhaar'], `${where} with scope ["abha-enrol"]`);
    otpSystem(body, 'aadhaar', 'an Aadhaar OTP');
    return { kind: 'aadhaar' };
  }
  if (sameSet(scope, ['abha-enrol', 'mobile-verify'])) {
    hint(body, ['mobile'], `${where} with scope ["abha-enrol","mobile-verify"]`);
    otpSystem(body, 'abdm', 'a mobile OTP');
    return { kind: 'mobile-verify' };
  }
  throw combination(scope, [['abha-enrol'], ['abha-enrol', 'mobile-verify']], where);
}

export type LoginOtpFlow = {
  /** What loginId names. `index` picks one account from a Find-ABHA search (by its `index`). */
  hint: 'aadhaar' | 'abha-number' | 'mobile' | 'index';
  otpSystem: OtpSystem;
  /** The sorted scope, which the verify call must repeat. */
  scope: string[];
};

/** POST /v3/profile/login/request/otp (and /v3.1): login by Aadhaar, ABHA number or mobile, or Find ABHA by index. */
export function loginOtpFlow(body: OtpRequestBody): LoginOtpFlow {
  const scope = readScope(body.scope);
  const where = 'profile/login/request/otp';
  if (sameSet(scope, ['abha-login', 'aadhaar-verify'])) {
    const h = hint(body, ['aadhaar', 'abha-number'], `${where} with scope ["abha-login","aadhaar-verify"]`) as 'aadhaar' | 'abha-number';
    return { hint: h, otpSystem: otpSystem(body, 'aadhaar', 'an Aadhaar OTP (scope aadhaar-verify)'), scope };
  }
  if (sameSet(scope, ['abha-login', 'mobile-verify'])) {
    const h = hint(body, ['abha-number', 'mobile'], `${where} with scope ["abha-login","mobile-verify"]`) as 'abha-number' | 'mobile';
    return { hint: h, otpSystem: otpSystem(body, 'abdm', `the ${h} login hint (an OTP to the ABHA mobile)`), scope };
  }
  if (sameSet(scope, ['abha-login', 'search-abha', 'mobile-verify'])) {
    hint(body, ['index'], `${where} with scope ["abha-login","search-abha","mobile-verify"]`);
    return { hint: 'index', otpSystem: otpSystem(body, 'abdm', 'Find ABHA by mobile OTP'), scope };
  }
  if (sameSet(scope, ['abha-login', 'search-abha', 'aadhaar-verify'])) {
    hint(body, ['index'], `${where} with scope ["abha-login","search-abha","aadhaar-verify"]`);
    return { hint: 'index', otpSystem: otpSystem(body, 'aadhaar', 'Find ABHA by Aadhaar OTP'), scope };
  }
  throw combination(scope, [['abha-login', 'aadhaar-verify'], ['abha-login', 'mobile-verify'], ['abha-login', 'search-abha', 'mobile-verify']], where);
}

export type PhrOtpFlow = { hint: 'abha-address' | 'mobile-number'; otpSystem: OtpSystem; scope: string[] };

/** POST /v3/phr/web/login/abha/request/otp: login with an ABHA address, by mobile or Aadhaar OTP. */
export function phrWebLoginOtpFlow(body: OtpRequestBody): PhrOtpFlow {
  const scope = readScope(body.scope);
  const where = 'phr/web/login/abha/request/otp';
  hint(body, ['abha-address'], where);
  if (sameSet(scope, ['abha-address-login', 'mobile-verify'])) return { hint: 'abha-address', otpSystem: otpSystem(body, 'abdm', 'a mobile OTP'), scope };
  if (sameSet(scope, ['abha-address-login', 'aadhaar-verify'])) return { hint: 'abha-address', otpSystem: otpSystem(body, 'aadhaar', 'an Aadhaar OTP'), scope };
  throw combination(scope, [['abha-address-login', 'mobile-verify'], ['abha-address-login', 'aadhaar-verify']], where);
}

/**
 * POST /v3/phr/app/login/request/otp: the PHR app lists every ABHA address on a mobile. Its loginHint is
 * "mobile-number"; "mobile" gives `ABDM-9999 Invalid Login Hint` (spec §4.5 [OBS]), in the PHR app's array shape.
 */
export function phrAppLoginOtpFlow(body: OtpRequestBody): PhrOtpFlow {
  const scope = readScope(body.scope);
  if (body.loginHint !== 'mobile-number' && body.loginHint !== 'abha-address') {
    const hintText = body.loginHint === 'mobile' ? 'the PHR app takes loginHint "mobile-number", not "mobile"' : 'the PHR app takes loginHint "mobile-number" or "abha-address"';
    throw abhaErrors.phr('ABDM-9999', 'Invalid Login Hint', hintText);
  }
  if (!sameSet(scope, ['abha-address-login', 'mobile-verify'])) throw combination(scope, [['abha-address-login', 'mobile-verify']], 'phr/app/login/request/otp');
  return { hint: body.loginHint, otpSystem: otpSystem(body, 'abdm', 'a mobile OTP'), scope };
}

/** POST /v3/phr/app/enrollment/request/otp: the mobile OTP that starts a self-declared ABHA address. */
export function phrEnrolmentOtpFlow(body: OtpRequestBody): PhrOtpFlow {
  const scope = readScope(body.scope);
  if (body.loginHint !== 'mobile-number') {
    throw abhaErrors.phr('ABDM-9999', 'Invalid Login Hint', `phr/app/enrollment/request/otp takes loginHint "mobile-number"; got ${JSON.stringify(body.loginHint ?? null)?.slice(0, 40)}`);
  }
  if (!sameSet(scope, ['abha-address-enroll', 'mobile-verify'])) throw combination(scope, [['abha-address-enroll', 'mobile-verify']], 'phr/app/enrollment/request/otp');
  return { hint: 'mobile-number', otpSystem: otpSystem(body, 'abdm', 'a mobile OTP'), scope };
}

/** The verify call must repeat the scope its OTP was requested with. */
export function checkVerifyScope(requested: ReadonlyArray<string>, body: { scope?: unknown }): void {
  const scope = readScope(body.scope);
  if (!sameSet(scope, requested)) throw abhaErrors.scopeCombination(`this transaction's OTP was requested with scope ${JSON.stringify(requested)}; verify sent ${JSON.stringify(scope)}`);
}
