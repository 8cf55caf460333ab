// The legacy Health-ID v1/v2 APIs (spec §4.6) that many integrations still call, as a thin layer over the same
// services and state as ABHA v3: an account created or logged in here is the same account. Inputs are encrypted
// with PKCS#1 v1.5 under the legacy certificate, as the old service wanted; errors take the old service's
// `{"code":"HIS-...","message","details":[...]}` shape [UNSURE: details codes], carrying the v3 code inside.
// Every answer is marked deprecated (see the operation table).
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import { AbdmError, isAbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { normaliseAbhaAddress } from '../../protocol/ids/abha-address.js';
import { formatAbhaNumber, normaliseAbhaNumber } from '../../protocol/ids/abha-number.js';
import { checkIndianMobile } from '../../protocol/ids/indian-mobile.js';
import { checkNewAbhaAddress } from '../../protocol/abha/abha-address-choice.js';
import { addAbhaAddress, enrolNewAccount, rememberWorldAccount, setCommunicationMobile } from './account-changes.js';
import { abhaAccountByNumber, abhaIdentityByAddress, isAbhaAddressTaken } from './account-lookup.js';
import type { AbhaAccount } from './account-types.js';
import { resolveAadhaar } from './aadhaar-input.js';
import type { AbhaCall, AbhaModule } from './abha-module.js';
import { abhaQrPayload, addressLine, cardContent } from './abha-responses.js';
import { renderQrPng } from './card/abha-card.js';
import { maskedMobile } from './otp-transactions.js';
import { accountOfXToken, cachedCard } from './profile-service.js';

interface RegistrationData {
  aadhaarPayload: number;
  stage: 'otp-sent' | 'aadhaar-verified' | 'created';
  abhaNumber?: string;
  isNew?: boolean;
}

interface AuthData {
  abhaNumber: string;
}

const REGISTRATION = ['legacy-registration'];
const REG_FROM = 'POST /api/v2/registration/aadhaar/generateOtp';

const HIS_MESSAGES: Record<number, string> = {
  400: 'Unable to process the current request due to incorrect data entered.',
  401: 'Unauthorized request.',
  404: 'Resource not found.',
  422: 'Unable to process the current request due to incorrect data entered.',
  429: 'Too many requests.',
};

/** Runs a legacy call, re-wrapping the v3 services' refusals in the legacy error shape. */
export async function legacy<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isAbdmError(err) || err.httpStatus >= 500) throw err;
    const status = err.httpStatus === 422 ? 422 : err.httpStatus;
    throw new AbdmError(`HIS-${status}`, status, HIS_MESSAGES[status] ?? HIS_MESSAGES[400], 'his', [{ code: err.code, message: err.message }]);
  }
}

async function legacyField(abha: AbhaModule, value: unknown, field: string, findings: Finding[]): Promise<string> {
  if (typeof value !== 'string' || value === '') throw abhaErrors.invalidField(field, `${field} is missing`);
  const result = await abha.keys.decryptLegacy(value, field);
  if (!result.ok) {
    findings.push({ ruleId: result.ruleId, severity: 'error', path: `body.${field}`, message: result.detail });
    throw abhaErrors.invalidField(field, `${result.detail}; the legacy APIs take RSA/ECB/PKCS1Padding with the key from GET /api/v2/auth/cert`);
  }
  return result.plaintext;
}

/** OTPs: v2 sends them encrypted, v1 in plain text; both are read. */
async function legacyOtp(abha: AbhaModule, value: unknown, findings: Finding[]): Promise<string> {
  if (typeof value === 'string' && /^\d{6}$/.test(value)) {
    findings.push({ ruleId: 'abha-legacy-plain-otp', severity: 'info', path: 'body.otp', message: 'OTP sent in plain text (legacy v1 style)' });
    return value;
  }
  const otp = await legacyField(abha, value, 'otp', findings);
  if (!/^\d{6}$/.test(otp)) throw abhaErrors.invalidField('otp', 'the decrypted OTP must be 6 digits');
  return otp;
}

/** POST /api/v2/registration/aadhaar/generateOtp */
export async function legacyGenerateOtp(abha: AbhaModule, body: { aadhaar: string }, call: AbhaCall) {
  const aadhaar = await legacyField(abha, body.aadhaar, 'aadhaar', call.findings);
  const { payload, resident } = resolveAadhaar(abha, aadhaar, call.findings, 'aadhaar');
  const mobile = resident.kind === 'patient' ? abha.ctx.world.patient(resident.index).mobile : resident.person.mobile;
  const txn = abha.otps.start<RegistrationData>('legacy-registration', call.clientId, { aadhaarPayload: payload, stage: 'otp-sent' }, { system: 'aadhaar', target: `aadhaar:${payload}`, sentTo: mobile });
  return { txnId: txn.txnId, mobileNumber: maskedMobile(mobile) };
}

/** POST /api/v2/registration/aadhaar/verifyOTP: verifies the Aadhaar OTP and finds or creates the account. */
export async function legacyVerifyOtp(abha: AbhaModule, body: { otp: string; txnId: string }, call: AbhaCall) {
  const txn = abha.otps.load<RegistrationData>(body.txnId, REGISTRATION, REG_FROM);
  if (txn.state.data.stage !== 'otp-sent') throw abhaErrors.invalidTransaction(`the Aadhaar OTP of transaction ${txn.txnId} was already verified`);
  const otp = await legacyOtp(abha, body.otp, call.findings);
  if (!abha.otps.verify(txn, otp, call.findings).ok) throw abhaErrors.invalidAadhaarOtp('the OTP expired (an OTP lives 10 minutes)');
  const resident = abha.residents.resident(txn.state.data.aadhaarPayload);
  let isNew = false;
  let abhaNumber: string;
  if (resident.kind === 'patient') abhaNumber = abha.ctx.world.patient(resident.index).abhaNumber;
  else if (resident.kind === 'new') {
    abhaNumber = resident.person.abhaNumber;
    if (!abhaAccountByNumber(abha.ctx, abhaNumber)) {
      enrolNewAccount(abha.ctx, resident.person, txn.state.data.aadhaarPayload);
      isNew = true;
      abha.ctx.events.emit('abha.enrolled', { abhaNumber, clientId: call.clientId, legacy: true }, { correlation: [txn.txnId] });
    }
  } else throw abhaErrors.invalidAadhaar(resident.reason);
  rememberWorldAccount(abha.ctx, abhaAccountByNumber(abha.ctx, abhaNumber)!);
  txn.state.data = { ...txn.state.data, stage: 'aadhaar-verified', abhaNumber, isNew };
  abha.otps.save(txn);
  return { txnId: txn.txnId };
}

/** POST /api/v2/registration/aadhaar/checkAndGenerateMobileOTP: an OTP only when the mobile is not the Aadhaar one. */
export function legacyCheckMobile(abha: AbhaModule, body: { mobile: string; txnId: string }, call: AbhaCall) {
  const txn = abha.otps.load<RegistrationData>(body.txnId, REGISTRATION, REG_FROM);
  const account = registeredAccount(abha, txn.state.data, txn.txnId);
  const mobile = checkIndianMobile(body.mobile);
  if (!mobile.ok) throw abhaErrors.invalidField('mobile', mobile.reason);
  if (mobile.value === account.mobile || mobile.value === account.aadhaarMobile) return { txnId: txn.txnId, mobileLinked: true };
  abha.otps.send(txn, { system: 'abdm', target: `mobile:${mobile.value}`, sentTo: mobile.value }, call.findings);
  return { txnId: txn.txnId, mobileLinked: false };
}

/** POST /api/v2/registration/aadhaar/verifyMobileOTP */
export async function legacyVerifyMobileOtp(abha: AbhaModule, body: { otp: string; txnId: string }, call: AbhaCall) {
  const txn = abha.otps.load<RegistrationData>(body.txnId, REGISTRATION, REG_FROM);
  const account = registeredAccount(abha, txn.state.data, txn.txnId);
  const challenge = txn.state.challenge;
  if (challenge?.system !== 'abdm') throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} has no mobile OTP; call checkAndGenerateMobileOTP first`);
  const otp = await legacyOtp(abha, body.otp, call.findings);
  if (!abha.otps.verify(txn, otp, call.findings).ok) throw abhaErrors.invalidAbdmOtp(txn.txnId, 'the OTP expired (an OTP lives 10 minutes)');
  setCommunicationMobile(abha.ctx, account, challenge.target.slice('mobile:'.length));
  return { txnId: txn.txnId };
}

/** POST /api/v2/registration/aadhaar/createHealthIdByAdhaar: the account, with the chosen Health ID (ABHA address) if any. */
export async function legacyCreateHealthId(abha: AbhaModule, body: { txnId: string; healthId?: string }, call: AbhaCall) {
  const txn = abha.otps.load<RegistrationData>(body.txnId, REGISTRATION, REG_FROM);
  let account = registeredAccount(abha, txn.state.data, txn.txnId);
  if (body.healthId) {
    const check = checkNewAbhaAddress(body.healthId, account.abhaNumber);
    if (!check.ok) throw abhaErrors.invalidField('healthId', check.reason);
    if (!account.abhaAddresses.includes(check.value)) {
      if (isAbhaAddressTaken(abha.ctx, check.value) || !addAbhaAddress(abha.ctx, account, check.value, true)) throw abhaErrors.addressExists(`${check.value} is taken`);
      account = abhaAccountByNumber(abha.ctx, account.abhaNumber)!;
    }
  }
  txn.state.data.stage = 'created';
  abha.otps.save(txn);
  const tokens = await abha.tokens.issueSession({ system: 'ABHA-N', abhaNumber: account.abhaNumber, abhaAddress: account.preferredAbhaAddress, mobile: account.mobile, kycVerified: true, txnId: txn.txnId });
  return { ...legacyProfileOf(account), token: tokens.token, refreshToken: tokens.refreshToken, new: txn.state.data.isNew ?? false };
}

/** POST /api/v1/auth/init: starts an OTP login for a Health ID (ABHA address or number). */
export function legacyAuthInit(abha: AbhaModule, body: { authMethod: string; healthid: string }, call: AbhaCall) {
  const account = accountOfHealthId(abha, body.healthid);
  if (body.authMethod === 'AADHAAR_OTP') {
    if (account.aadhaarPayload === undefined) throw abhaErrors.aadhaarLoginNotAllowed('this Health ID has no synthetic Aadhaar behind it; use MOBILE_OTP');
    const txn = abha.otps.start<AuthData>('legacy-auth', call.clientId, { abhaNumber: account.abhaNumber }, { system: 'aadhaar', target: `aadhaar:${account.aadhaarPayload}`, sentTo: account.aadhaarMobile });
    return { txnId: txn.txnId };
  }
  if (body.authMethod === 'MOBILE_OTP') {
    const txn = abha.otps.start<AuthData>('legacy-auth', call.clientId, { abhaNumber: account.abhaNumber }, { system: 'abdm', target: `account:${account.abhaNumber}`, sentTo: account.mobile });
    return { txnId: txn.txnId };
  }
  throw abhaErrors.invalidField('authMethod', `authMethod must be AADHAAR_OTP or MOBILE_OTP; ${String(body.authMethod).slice(0, 30)} is not simulated by this sandbox`);
}

/** POST /api/v1/auth/confirmWithAadhaarOtp and confirmWithMobileOTP: `{token}`. */
export async function legacyConfirm(abha: AbhaModule, body: { otp: string; txnId: string }, system: 'aadhaar' | 'abdm', call: AbhaCall) {
  const txn = abha.otps.load<AuthData>(body.txnId, ['legacy-auth'], 'POST /api/v1/auth/init');
  if (txn.state.challenge?.system !== system) {
    throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} was started with ${txn.state.challenge?.system === 'aadhaar' ? 'AADHAAR_OTP' : 'MOBILE_OTP'}; confirm it with the matching call`);
  }
  const otp = await legacyOtp(abha, body.otp, call.findings);
  if (!abha.otps.verify(txn, otp, call.findings).ok) {
    throw system === 'aadhaar' ? abhaErrors.invalidAadhaarOtp('the OTP expired') : abhaErrors.invalidAbdmOtp(txn.txnId, 'the OTP expired');
  }
  const account = abhaAccountByNumber(abha.ctx, txn.state.data.abhaNumber)!;
  rememberWorldAccount(abha.ctx, account);
  const tokens = await abha.tokens.issueSession({ system: 'ABHA-N', abhaNumber: account.abhaNumber, abhaAddress: account.preferredAbhaAddress, mobile: account.mobile, kycVerified: true, txnId: txn.txnId });
  return { token: tokens.token };
}

/** GET /api/v1/account/profile */
export async function legacyProfile(abha: AbhaModule, xToken: string, call: AbhaCall) {
  return legacyProfileOf((await accountOfXToken(abha, xToken, call.findings)).account);
}

/** GET /api/v1/account/getCard, getPngCard and qrCode. */
export async function legacyImage(abha: AbhaModule, xToken: string, call: AbhaCall, image: 'card' | 'qr'): Promise<Buffer> {
  const { account } = await accountOfXToken(abha, xToken, call.findings);
  return image === 'card' ? cachedCard(cardContent('ABHA', account, account.preferredAbhaAddress)) : renderQrPng(abhaQrPayload(account, account.preferredAbhaAddress));
}

/** POST /api/v1/search/searchByHealthId */
export function legacySearch(abha: AbhaModule, body: { healthId: string }) {
  const account = accountOfHealthId(abha, body.healthId);
  return { healthId: account.preferredAbhaAddress, healthIdNumber: formatAbhaNumber(account.abhaNumber), name: account.name.full, status: account.status, authMethods: ['AADHAAR_OTP', 'MOBILE_OTP', 'DEMOGRAPHICS'], tags: {} };
}

/** POST /api/v1/search/existsByHealthId */
export function legacyExists(abha: AbhaModule, body: { healthId: string }) {
  return { status: findHealthId(abha, body.healthId) !== undefined };
}

function legacyProfileOf(account: AbhaAccount) {
  return {
    healthIdNumber: formatAbhaNumber(account.abhaNumber),
    healthId: account.preferredAbhaAddress,
    name: account.name.full,
    firstName: account.name.first,
    middleName: account.name.middle ?? '',
    lastName: account.name.last ?? '',
    gender: account.gender,
    yearOfBirth: String(account.yearOfBirth),
    monthOfBirth: account.monthOfBirth ? String(account.monthOfBirth) : '',
    dayOfBirth: account.dayOfBirth ? String(account.dayOfBirth) : '',
    mobile: account.mobile,
    stateCode: account.address.stateCode,
    stateName: account.address.state,
    districtCode: account.address.districtCode,
    districtName: account.address.district,
    pincode: account.address.pincode,
    address: addressLine(account),
    kycVerified: account.kycVerified,
    status: account.status,
    authMethods: ['AADHAAR_OTP', 'MOBILE_OTP', 'DEMOGRAPHICS'],
    tags: {},
  };
}

function registeredAccount(abha: AbhaModule, data: RegistrationData, txnId: string): AbhaAccount {
  if (data.stage === 'otp-sent' || !data.abhaNumber) throw abhaErrors.invalidTransaction(`verify the Aadhaar OTP of transaction ${txnId} first (POST /api/v2/registration/aadhaar/verifyOTP)`);
  return abhaAccountByNumber(abha.ctx, data.abhaNumber)!;
}

function findHealthId(abha: AbhaModule, healthId: string): AbhaAccount | undefined {
  if (typeof healthId !== 'string') return undefined;
  const digits = normaliseAbhaNumber(healthId);
  if (digits) return abhaAccountByNumber(abha.ctx, digits);
  const address = healthId.includes('@') ? healthId : `${healthId}@sbx`;
  const found = abhaIdentityByAddress(abha.ctx, normaliseAbhaAddress(address));
  return found?.kind === 'account' ? found.account : undefined;
}

function accountOfHealthId(abha: AbhaModule, healthId: string): AbhaAccount {
  const account = findHealthId(abha, healthId);
  if (!account) throw abhaErrors.userNotFound(`no Health ID ${String(healthId).slice(0, 60)} in this sandbox`);
  return account;
}
