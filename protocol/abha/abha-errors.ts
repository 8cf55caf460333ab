// The ABHA service's refusals (spec §4, §10.1, §10.2), as factories. Codes, published texts and shapes come from
// NHA's ABHA v3 OpenAPI examples and field reports; each message starts with the published text and ends with
// what exactly was wrong with this request, as the gateway's messages do.
import { AbdmError, say } from '../errors.js';

/** `{"<field>":"<published>: <detail>","timestamp":...}`: ABHA's field-keyed 400. */
function field(name: string, published: string, detail?: string): AbdmError {
  return new AbdmError(name, 400, say(published, detail), 'abha-field');
}

/** The published texts of ABHA's field-keyed refusals, by field (NHA ABHA v3 OpenAPI examples). */
export const ABHA_FIELD_TEXTS: Readonly<Record<string, string>> = {
  scope: 'Invalid Scope',
  loginHint: 'Invalid Login Hint',
  loginId: 'Invalid LoginId',
  otpSystem: 'Invalid OTP System',
  txnId: 'Invalid Transaction Id',
  authMethods: 'Invalid Auth Method',
  authData: 'Invalid Auth Data',
  otpValue: 'Invalid OTP Value',
  otp: 'Invalid OTP Value',
  mobile: 'Invalid Mobile Number',
  preferred: 'Invalid Preferred Flag',
  ABHANumber: 'Invalid ABHA number',
  abhaNumber: 'Invalid ABHA number',
  abhaAddress: 'Invalid ABHA Address',
  consent: 'Invalid Consent',
};

export const abhaErrors = {
  /** No Authorization header: the API manager in front of ABHA answers 900902. */
  missingCredentials: () =>
    new AbdmError('900902', 401, 'Missing Credentials', 'wso2', [], "Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'"),

  /** Any field-keyed refusal; `published` defaults to the field's known text. */
  invalidField: (name: string, detail?: string, published?: string) => field(name, published ?? ABHA_FIELD_TEXTS[name] ?? `Invalid ${name}`, detail),
  /** Several fields refused at once, as ABHA does for a body that breaks several rules. */
  invalidFields: (problems: ReadonlyArray<{ field: string; detail: string }>) => {
    const [first, ...rest] = problems;
    const text = (p: { field: string; detail: string }) => say(ABHA_FIELD_TEXTS[p.field] ?? `Invalid ${p.field}`, p.detail);
    return new AbdmError(first.field, 400, text(first), 'abha-field', rest.map((p) => ({ code: p.field, message: text(p) })));
  },
  /** The loginId could not be decrypted (wrong padding or key, or not encrypted at all). */
  invalidLoginId: (detail: string) => field('loginId', 'Invalid LoginId', detail),
  /** The loginId decrypted, but the plaintext breaks a format rule (e.g. an undashed ABHA number). */
  loginIdIsInvalid: (detail: string) => field('loginId', 'LoginId is invalid', detail),
  /** A mobile loginId that is not decryptable or matches no account (the live service answers both alike). */
  invalidMobileLoginId: (detail: string) => field('loginId', 'Invalid Mobile Number', detail),
  invalidTransaction: (detail: string) => field('txnId', 'Invalid Transaction Id', detail),

  scopeCombination: (detail: string) => new AbdmError('ABDM-1107', 400, say('Invalid combinations of scopes', detail)),

  invalidUserToken: (header: 'X-token' | 'T-token' | 'R-token', detail: string) => new AbdmError(header, 400, say(`Invalid ${header}`, detail), 'abha-message'),
  userTokenExpired: (header: 'X-token' | 'T-token' | 'R-token', detail: string) => new AbdmError('ABDM-1094', 401, say(`${header} expired`, detail), 'abha-flat'),

  aadhaarLoginNotAllowed: (detail: string) => new AbdmError('ABDM-1119', 400, say('Login via Aadhaar OTP is not allowed', detail)),
  userNotFound: (detail: string) => new AbdmError('ABDM-1114', 404, say('User not found.', detail)),

  /** UIDAI refused the Aadhaar number (UIDAI error 998), passed through as ABDM-1204. */
  invalidAadhaar: (detail: string) => new AbdmError('ABDM-1204', 422, say('UIDAI Error code : 998 : Invalid Aadhaar Number.', detail)),
  /** UIDAI refused the OTP (UIDAI error 400), passed through as ABDM-1204 (spec: enrol/byAadhaar 422 example). */
  invalidAadhaarOtp: (detail: string) => new AbdmError('ABDM-1204', 422, say('UIDAI Error code : 400 : Invalid Aadhaar OTP value.', detail)),
  /** A wrong ABDM (mobile) OTP: `{"txnId":..., "description":"Invalid OTP value"}` (spec: auth/byAbdm 400 example). */
  invalidAbdmOtp: (txnId: string, detail: string) => new AbdmError(txnId, 400, say('Invalid OTP value', detail), 'abha-otp-description'),
  /** Too many sends or wrong OTPs in one transaction: the transaction is blocked. */
  otpAttemptsExceeded: (detail: string) =>
    new AbdmError('ABDM-1100', 400, say('You have requested multiple OTPs Or Exceeded maximum number of attempts for OTP match in this transaction. Please try again in 30 minutes.', detail)),
  /** An OTP resend before the 60-second wait is over. */
  tooManyRequests: (detail: string) => new AbdmError('ABDM-1022', 429, say('Too many requests', detail)),

  addressExists: (detail?: string) => new AbdmError('ABDM-1101', 400, say('This ABHA Address already exists. Please create with unique ABHA address', detail)),
  mobileLinkedToSix: () => new AbdmError('ABDM-1124', 422, 'The mobile number provided by you is already linked to 6 ABHA Numbers. Please provide a different Mobile Number.'),

  /** The PHR app's refusals: a top-level array of `{code: "ABDM-9999: ", message}` (spec §4.5, §10.1 [OBS]). */
  phr: (code: string, published: string, detail?: string) => new AbdmError(code, 400, say(published, detail), 'abha-flat-array'),
} as const;
