// The ABHA service (M1): enrolment, login, profile, ABHA card and ABHA-address (PHR) calls under /abha/api/v3
// (spec §4.2–4.5), and the legacy Health-ID v1/v2 calls kept as a deprecated compatibility layer (§4.6).
// ABHA is synchronous: every call answers 200 with its result, never a callback.
import {
  abhaAccountSearch,
  abhaEnrolAbhaAddress,
  abhaEnrolByAadhaar,
  abhaLoginSearch,
  abhaOtpRequest,
  abhaOtpVerify,
  abhaVerifyUser,
  phrAddressSearch,
  phrEnrol,
  phrEnrolSuggestion,
  phrVerifyUser,
} from '../schemas/abha.js';
import { legacyAuthInit, legacyCreateHealthId, legacyGenerateOtp, legacyMobileOtp, legacyOtpConfirm, legacySearchHealthId } from '../schemas/abha-legacy.js';
import type { JsonSchema } from '../schemas/common.js';
import type { HeaderPolicy, HttpMethod, Operation, UserTokenHeader } from './operation.js';

const V3 = '/abha/api/v3';
const BOTH = ['hip', 'hiu'] as const;
const PNG = 'image/png';

/** REQUEST-ID and TIMESTAMP required, X-CM-ID optional ("ABHA service calls work without it", spec §4.2). */
const ABHA: HeaderPolicy = { cmId: 'optional', errorStyle: 'abha' };

function withToken(header: UserTokenHeader): HeaderPolicy {
  // X-token and T-token must carry "Bearer " (spec §4.4 [OBS]); for the R-token the documents disagree, so both forms pass.
  return { ...ABHA, userToken: { header, bearer: header === 'r-token' ? 'optional' : 'required' } };
}

interface AbhaRow {
  id: string;
  summary: string;
  method: HttpMethod;
  path: string;
  body?: JsonSchema;
  headerPolicy?: HeaderPolicy;
  responseType?: string;
  spec: string;
  tag: string;
  deprecated?: { successor: string };
}

function row(r: AbhaRow): Operation {
  return {
    id: r.id,
    summary: r.summary,
    method: r.method,
    path: r.path,
    auth: 'bearer',
    callerRoles: BOTH,
    standardHeaders: true,
    ...(r.body ? { body: { schema: r.body, required: true, maxBytes: 64 * 1024 } } : {}),
    successStatus: 200,
    headerPolicy: r.headerPolicy ?? ABHA,
    ...(r.responseType ? { responseType: r.responseType } : {}),
    ...(r.deprecated ? { deprecated: r.deprecated } : {}),
    spec: r.spec,
    tag: r.tag,
  };
}

const certificates: Operation[] = [
  row({ id: 'abha.profile-certificate', summary: 'RSA-4096 public key for encrypting enrolment and profile inputs', method: 'GET', path: `${V3}/profile/public/certificate`, spec: 'abdm-api.md §4.2', tag: 'abha-certificates' }),
  row({ id: 'abha.phr-certificate', summary: 'RSA-2048 public key for encrypting ABHA-address (PHR) inputs', method: 'GET', path: `${V3}/phr/app/login/public/certificate`, spec: 'abdm-api.md §4.2', tag: 'abha-certificates' }),
];

const enrolment: Operation[] = [
  row({ id: 'abha.enrol-request-otp', summary: 'Send the Aadhaar OTP that starts an enrolment, or the OTP that verifies a communication mobile', method: 'POST', path: `${V3}/enrollment/request/otp`, body: abhaOtpRequest, spec: 'abdm-api.md §4.3', tag: 'abha-enrolment' }),
  row({ id: 'abha.enrol-by-aadhaar', summary: 'Verify the Aadhaar OTP and create (or find) the ABHA number', method: 'POST', path: `${V3}/enrollment/enrol/byAadhaar`, body: abhaEnrolByAadhaar, spec: 'abdm-api.md §4.3', tag: 'abha-enrolment' }),
  row({ id: 'abha.enrol-auth-by-abdm', summary: 'Verify the communication-mobile OTP', method: 'POST', path: `${V3}/enrollment/auth/byAbdm`, body: abhaOtpVerify, spec: 'abdm-api.md §4.3', tag: 'abha-enrolment' }),
  row({ id: 'abha.enrol-suggestion', summary: 'ABHA address suggestions for the enrolled person', method: 'GET', path: `${V3}/enrollment/enrol/suggestion`, headerPolicy: { ...ABHA, transactionHeader: 'transaction_id' }, spec: 'abdm-api.md §4.3', tag: 'abha-enrolment' }),
  row({ id: 'abha.enrol-abha-address', summary: 'Create the chosen ABHA address', method: 'POST', path: `${V3}/enrollment/enrol/abha-address`, body: abhaEnrolAbhaAddress, spec: 'abdm-api.md §4.3', tag: 'abha-enrolment' }),
];

const login: Operation[] = [
  row({ id: 'abha.login-request-otp', summary: 'Send a login OTP: by Aadhaar, ABHA number or mobile, or for a Find-ABHA index', method: 'POST', path: `${V3}/profile/login/request/otp`, body: abhaOtpRequest, spec: 'abdm-api.md §4.4', tag: 'abha-login' }),
  row({ id: 'abha.login-verify', summary: 'Verify the login OTP: an X-token (Aadhaar OTP) or a T-token with the accounts (mobile OTP)', method: 'POST', path: `${V3}/profile/login/verify`, body: abhaOtpVerify, spec: 'abdm-api.md §4.4', tag: 'abha-login' }),
  row({ id: 'abha.login-verify-user', summary: 'Exchange a T-token for the X-token of the chosen account', method: 'POST', path: `${V3}/profile/login/verify/user`, body: abhaVerifyUser, headerPolicy: withToken('t-token'), spec: 'abdm-api.md §4.4', tag: 'abha-login' }),
  row({ id: 'abha.v31-login-request-otp', summary: 'v3.1 login OTP request (same rules as v3)', method: 'POST', path: '/abha/api/v3.1/profile/login/request/otp', body: abhaOtpRequest, spec: 'abdm-api.md §4.4', tag: 'abha-login' }),
  row({ id: 'abha.v31-login-verify', summary: 'v3.1 login verify (OTP; biometrics are not simulated)', method: 'POST', path: '/abha/api/v3.1/profile/login/verify', body: abhaOtpVerify, spec: 'abdm-api.md §4.4', tag: 'abha-login' }),
  row({ id: 'abha.login-search', summary: 'Whether an ABHA number exists, and how it can log in', method: 'POST', path: `${V3}/profile/login/search`, body: abhaLoginSearch, spec: 'abdm-api.md §4.4', tag: 'abha-login' }),
  row({ id: 'abha.account-search', summary: 'Find ABHA: the accounts on an encrypted mobile, each with an index to log in with', method: 'POST', path: `${V3}/profile/account/abha/search`, body: abhaAccountSearch, spec: 'abdm-api.md §4.4', tag: 'abha-login' }),
];

const profile: Operation[] = [
  row({ id: 'abha.profile', summary: 'The ABHA profile of the X-token holder', method: 'GET', path: `${V3}/profile/account`, headerPolicy: withToken('x-token'), spec: 'abdm-api.md §4.4', tag: 'abha-profile' }),
  row({ id: 'abha.card', summary: 'The ABHA card as a PNG image', method: 'GET', path: `${V3}/profile/account/abha-card`, headerPolicy: withToken('x-token'), responseType: PNG, spec: 'abdm-api.md §4.4', tag: 'abha-profile' }),
  row({ id: 'abha.card-download', summary: 'The ABHA card as a PNG file to save', method: 'GET', path: `${V3}/profile/account/download-abha-card`, headerPolicy: withToken('x-token'), responseType: PNG, spec: 'abdm-api.md §4.4', tag: 'abha-profile' }),
  row({ id: 'abha.qr-code', summary: 'The ABHA QR code as a PNG image', method: 'GET', path: `${V3}/profile/account/qrCode`, headerPolicy: withToken('x-token'), responseType: PNG, spec: 'abdm-api.md §4.4', tag: 'abha-profile' }),
  row({ id: 'abha.refresh-token', summary: 'A new X-token for an R-token', method: 'GET', path: `${V3}/profile/account/request/token`, headerPolicy: withToken('r-token'), spec: 'abdm-api.md §4.4', tag: 'abha-profile' }),
  row({ id: 'abha.logout', summary: 'End the session: the X-token stops working', method: 'GET', path: `${V3}/profile/account/request/logout`, headerPolicy: withToken('x-token'), spec: 'abdm-api.md §4.4', tag: 'abha-profile' }),
];

const PHR_WEB = `${V3}/phr/web/login`;
const PHR_APP = `${V3}/phr/app`;

const phr: Operation[] = [
  row({ id: 'phr.web-search', summary: 'An ABHA address and the ways it can log in', method: 'POST', path: `${PHR_WEB}/abha/search`, body: phrAddressSearch, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.web-request-otp', summary: 'Send a login OTP for an ABHA address', method: 'POST', path: `${PHR_WEB}/abha/request/otp`, body: abhaOtpRequest, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.web-verify', summary: 'Verify the ABHA-address login OTP: user tokens', method: 'POST', path: `${PHR_WEB}/abha/verify`, body: abhaOtpVerify, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.web-profile', summary: 'The profile of the logged-in ABHA address', method: 'GET', path: `${PHR_WEB}/profile/abha-profile`, headerPolicy: withToken('x-token'), spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.web-card', summary: 'The PHR (ABHA address) card as a PNG image', method: 'GET', path: `${PHR_WEB}/profile/abha/phr-card`, headerPolicy: withToken('x-token'), responseType: PNG, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.web-qr', summary: 'The ABHA-address QR code as a PNG image', method: 'GET', path: `${PHR_WEB}/profile/abha/qr-code`, headerPolicy: withToken('x-token'), responseType: PNG, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.app-login-search', summary: 'An ABHA address and the ways it can log in (PHR app)', method: 'POST', path: `${PHR_APP}/login/search`, body: phrAddressSearch, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.app-login-request-otp', summary: 'Send a PHR-app login OTP to a mobile (every address on it) or an ABHA address', method: 'POST', path: `${PHR_APP}/login/request/otp`, body: abhaOtpRequest, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.app-login-verify', summary: 'Verify the PHR-app login OTP: the addresses and a T-token', method: 'POST', path: `${PHR_APP}/login/verify`, body: abhaOtpVerify, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.app-login-verify-user', summary: 'Exchange the T-token for the chosen address’s user tokens', method: 'POST', path: `${PHR_APP}/login/verify/user`, body: phrVerifyUser, headerPolicy: withToken('t-token'), spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.app-profile', summary: 'The profile of the logged-in ABHA address (PHR app)', method: 'GET', path: `${PHR_APP}/login/profile`, headerPolicy: withToken('x-token'), spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.app-card', summary: 'The PHR card as a PNG image (PHR app)', method: 'GET', path: `${PHR_APP}/login/profile/phrCard`, headerPolicy: withToken('x-token'), responseType: PNG, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.app-qr', summary: 'The ABHA-address QR code as a PNG image (PHR app)', method: 'GET', path: `${PHR_APP}/login/profile/qrCode`, headerPolicy: withToken('x-token'), responseType: PNG, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.enrol-request-otp', summary: 'Send the mobile OTP that starts a self-declared ABHA address', method: 'POST', path: `${PHR_APP}/enrollment/request/otp`, body: abhaOtpRequest, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.enrol-verify', summary: 'Verify the enrolment OTP: the addresses already on that mobile', method: 'POST', path: `${PHR_APP}/enrollment/verify`, body: abhaOtpVerify, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.enrol-suggestion', summary: 'ABHA address suggestions from a name and birth date', method: 'POST', path: `${PHR_APP}/enrollment/suggestion`, body: phrEnrolSuggestion, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.enrol-is-exists', summary: 'Whether an ABHA address is taken (true) or free (false)', method: 'GET', path: `${PHR_APP}/enrollment/isExists`, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
  row({ id: 'phr.enrol-enrol', summary: 'Create the self-declared ABHA address: profile and user tokens', method: 'POST', path: `${PHR_APP}/enrollment/enrol`, body: phrEnrol, spec: 'abdm-api.md §4.5', tag: 'abha-phr' }),
];

const LEGACY = '/api';
const legacy = (r: Omit<AbhaRow, 'tag' | 'spec'> & { successor: string }): Operation => {
  const { successor, ...rest } = r;
  return row({ ...rest, tag: 'health-id-legacy', spec: 'abdm-api.md §4.6', deprecated: { successor } });
};
const xToken = withToken('x-token');

const legacyHealthId: Operation[] = [
  legacy({ id: 'legacy.cert-v1', summary: 'Legacy v1 public key (PEM, RSA/ECB/PKCS1Padding)', method: 'GET', path: `${LEGACY}/v1/auth/cert`, responseType: 'text/plain', successor: `${V3}/profile/public/certificate` }),
  legacy({ id: 'legacy.cert-v2', summary: 'Legacy v2 public key (PEM, RSA/ECB/PKCS1Padding)', method: 'GET', path: `${LEGACY}/v2/auth/cert`, responseType: 'text/plain', successor: `${V3}/profile/public/certificate` }),
  legacy({ id: 'legacy.generate-otp', summary: 'Legacy: Aadhaar OTP for a new Health ID', method: 'POST', path: `${LEGACY}/v2/registration/aadhaar/generateOtp`, body: legacyGenerateOtp, successor: `${V3}/enrollment/request/otp` }),
  legacy({ id: 'legacy.verify-otp', summary: 'Legacy: verify the Aadhaar OTP', method: 'POST', path: `${LEGACY}/v2/registration/aadhaar/verifyOTP`, body: legacyOtpConfirm, successor: `${V3}/enrollment/enrol/byAadhaar` }),
  legacy({ id: 'legacy.check-generate-mobile-otp', summary: 'Legacy: check the mobile, sending an OTP when it is not the Aadhaar mobile', method: 'POST', path: `${LEGACY}/v2/registration/aadhaar/checkAndGenerateMobileOTP`, body: legacyMobileOtp, successor: `${V3}/enrollment/request/otp` }),
  legacy({ id: 'legacy.verify-mobile-otp', summary: 'Legacy: verify the mobile OTP', method: 'POST', path: `${LEGACY}/v2/registration/aadhaar/verifyMobileOTP`, body: legacyOtpConfirm, successor: `${V3}/enrollment/auth/byAbdm` }),
  legacy({ id: 'legacy.create-health-id', summary: 'Legacy: create the Health ID (ABHA) after Aadhaar OTP', method: 'POST', path: `${LEGACY}/v2/registration/aadhaar/createHealthIdByAdhaar`, body: legacyCreateHealthId, successor: `${V3}/enrollment/enrol/abha-address` }),
  legacy({ id: 'legacy.auth-init', summary: 'Legacy: start authentication of a Health ID', method: 'POST', path: `${LEGACY}/v1/auth/init`, body: legacyAuthInit, successor: `${V3}/profile/login/request/otp` }),
  legacy({ id: 'legacy.confirm-aadhaar-otp', summary: 'Legacy: confirm with the Aadhaar OTP', method: 'POST', path: `${LEGACY}/v1/auth/confirmWithAadhaarOtp`, body: legacyOtpConfirm, successor: `${V3}/profile/login/verify` }),
  legacy({ id: 'legacy.confirm-mobile-otp', summary: 'Legacy: confirm with the mobile OTP', method: 'POST', path: `${LEGACY}/v1/auth/confirmWithMobileOTP`, body: legacyOtpConfirm, successor: `${V3}/profile/login/verify` }),
  legacy({ id: 'legacy.profile', summary: 'Legacy: the Health ID profile (X-Token)', method: 'GET', path: `${LEGACY}/v1/account/profile`, headerPolicy: xToken, successor: `${V3}/profile/account` }),
  legacy({ id: 'legacy.card', summary: 'Legacy: the Health ID card', method: 'GET', path: `${LEGACY}/v1/account/getCard`, headerPolicy: xToken, responseType: PNG, successor: `${V3}/profile/account/abha-card` }),
  legacy({ id: 'legacy.png-card', summary: 'Legacy: the Health ID card as PNG', method: 'GET', path: `${LEGACY}/v1/account/getPngCard`, headerPolicy: xToken, responseType: PNG, successor: `${V3}/profile/account/abha-card` }),
  legacy({ id: 'legacy.qr-code', summary: 'Legacy: the Health ID QR code', method: 'GET', path: `${LEGACY}/v1/account/qrCode`, headerPolicy: xToken, responseType: PNG, successor: `${V3}/profile/account/qrCode` }),
  legacy({ id: 'legacy.search-by-health-id', summary: 'Legacy: search a Health ID (ABHA address or number)', method: 'POST', path: `${LEGACY}/v1/search/searchByHealthId`, body: legacySearchHealthId, successor: `${V3}/phr/web/login/abha/search` }),
  legacy({ id: 'legacy.exists-by-health-id', summary: 'Legacy: whether a Health ID exists', method: 'POST', path: `${LEGACY}/v1/search/existsByHealthId`, body: legacySearchHealthId, successor: `${V3}/phr/app/enrollment/isExists` }),
];

export const abhaOperations: ReadonlyArray<Operation> = [...certificates, ...enrolment, ...login, ...profile, ...phr, ...legacyHealthId];
