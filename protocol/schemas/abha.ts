// JSON Schemas of the ABHA v3 request bodies (spec §4.3–4.5; NHA ABHA v3 OpenAPI; CARE-V3T). They check
// structure only: which scope, hint or value is acceptable is decided by the ABHA rules (protocol/abha), whose
// refusals name the exact field in ABHA's own error shape.
import { arrayOf, object, type JsonSchema } from './common.js';

const text: JsonSchema = { type: 'string' };
const scope: JsonSchema = arrayOf(text, 1);
const authMethods: JsonSchema = arrayOf(text, 1);

/** `{txnId?, scope, loginHint, loginId, otpSystem}`: every ABHA "request OTP" call. */
export const abhaOtpRequest: JsonSchema = object({ txnId: text, scope, loginHint: text, loginId: text, otpSystem: text }, ['scope', 'loginHint', 'loginId', 'otpSystem']);

const otp: JsonSchema = object({ txnId: text, otpValue: text, timeStamp: text }, ['txnId', 'otpValue']);

/** `{scope, authData:{authMethods:["otp"], otp:{txnId, otpValue}}}`: every ABHA "verify OTP" call. */
export const abhaOtpVerify: JsonSchema = object({ scope, authData: object({ authMethods, otp }, ['authMethods', 'otp']) }, ['scope', 'authData']);

/** POST /v3/enrollment/enrol/byAadhaar. */
export const abhaEnrolByAadhaar: JsonSchema = object(
  {
    authData: object({ authMethods, otp: object({ txnId: text, otpValue: text, mobile: text, timeStamp: text }, ['txnId', 'otpValue', 'mobile']) }, ['authMethods', 'otp']),
    consent: object({ code: text, version: text }, ['code', 'version']),
  },
  ['authData', 'consent'],
);

/** POST /v3/enrollment/enrol/abha-address: `preferred` is 1 in the examples, a string in the schema. */
export const abhaEnrolAbhaAddress: JsonSchema = object({ txnId: text, abhaAddress: text, preferred: { type: ['integer', 'string'] } }, ['txnId', 'abhaAddress']);

/** POST /v3/profile/login/verify/user: the spec writes `ABHANumber`, CARE sends `abhaNumber`; both are read. */
export const abhaVerifyUser: JsonSchema = object({ txnId: text, ABHANumber: text, abhaNumber: text }, ['txnId']);

/** POST /v3/profile/login/search. */
export const abhaLoginSearch: JsonSchema = object({ ABHANumber: text }, ['ABHANumber']);

/** POST /v3/profile/account/abha/search: Find ABHA by an encrypted mobile. */
export const abhaAccountSearch: JsonSchema = object({ scope, mobile: text }, ['scope', 'mobile']);

/** POST /v3/phr/web/login/abha/search and /v3/phr/app/login/search. */
export const phrAddressSearch: JsonSchema = object({ abhaAddress: text }, ['abhaAddress']);

/** POST /v3/phr/app/login/verify/user. */
export const phrVerifyUser: JsonSchema = object({ abhaAddress: text, txnId: text }, ['abhaAddress', 'txnId']);

const numberOrText: JsonSchema = { type: ['string', 'integer'] };

/** POST /v3/phr/app/enrollment/suggestion. */
export const phrEnrolSuggestion: JsonSchema = object(
  { txnId: text, firstName: text, middleName: text, lastName: text, dayOfBirth: numberOrText, monthOfBirth: numberOrText, yearOfBirth: numberOrText, email: text },
  ['txnId', 'firstName', 'yearOfBirth'],
);

/** POST /v3/phr/app/enrollment/enrol: first name, year of birth, gender, address, state, district and PIN are mandatory. */
export const phrEnrol: JsonSchema = object(
  {
    txnId: text,
    phrDetails: object(
      {
        mobile: text,
        firstName: text,
        middleName: text,
        lastName: text,
        dayOfBirth: numberOrText,
        monthOfBirth: numberOrText,
        yearOfBirth: numberOrText,
        gender: text,
        email: text,
        profilePhoto: text,
        address: text,
        stateCode: numberOrText,
        stateName: text,
        districtCode: numberOrText,
        districtName: text,
        pinCode: numberOrText,
        abhaAddress: text,
        password: text,
      },
      ['firstName', 'yearOfBirth', 'gender', 'address', 'stateCode', 'districtCode', 'pinCode', 'abhaAddress'],
    ),
  },
  ['txnId', 'phrDetails'],
);
