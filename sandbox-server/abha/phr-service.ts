// ABHA addresses (spec §4.5): search, login by ABHA address (web) or by mobile (PHR app, every address on the
// mobile), the PHR profile, card and QR code, and the PHR app's enrolment of a self-declared address by mobile OTP.
// Keys: the PHR app calls need the 2048-bit PHR key (NHA-LEARN §1.3 [OBS]: the profile key gives "Invalid mobile
// number"); CARE encrypts /phr/web/login with the profile key [CODE], so the web calls accept either and say which.
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import { checkNewAbhaAddress, suggestAbhaAddresses } from '../../protocol/abha/abha-address-choice.js';
import { checkVerifyScope, phrAppLoginOtpFlow, phrEnrolmentOtpFlow, phrWebLoginOtpFlow, type OtpRequestBody } from '../../protocol/abha/otp-request-rules.js';
import type { AbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { normaliseAbhaAddress } from '../../protocol/ids/abha-address.js';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { checkIndianMobile } from '../../protocol/ids/indian-mobile.js';
import { checkPincode } from '../../protocol/ids/pincode.js';
import { stateByCode } from '../../fixtures/world/tables/lgd-states.js';
import { nowIso } from '../context.js';
import { createSelfDeclaredAddress, rememberWorldAccount } from './account-changes.js';
import { abhaAccountsByMobile, abhaIdentityByAddress, isAbhaAddressTaken, selfDeclaredByMobile } from './account-lookup.js';
import type { AbhaAccount, SelfDeclaredAddress } from './account-types.js';
import { requireOtpMethod, type AbhaCall, type AbhaModule } from './abha-module.js';
import { abhaQrPayload, cardContent, phrProfile, phrUser } from './abha-responses.js';
import { renderQrPng } from './card/abha-card.js';
import { maskedMobile, type Transaction } from './otp-transactions.js';
import { cachedCard } from './profile-service.js';

/** One ABHA address and who holds it. */
export interface PhrIdentity {
  address: string;
  account?: AbhaAccount;
  selfDeclared?: SelfDeclaredAddress;
}

interface PhrLoginData {
  via: 'web' | 'app';
  scope: string[];
  /** The addresses this login may end in: one (address login) or every address on the mobile. */
  candidates: string[];
  mobile: string;
  /** A PHR-app login by mobile: verify answers a T-token and the addresses, and verify/user picks one ([OBS] NHA-LEARN §2.3). */
  byMobile: boolean;
  stage: 'otp-sent' | 'verified';
}

interface PhrEnrolmentData {
  mobile: string;
  stage: 'otp-sent' | 'verified' | 'enrolled';
}

const LOGIN_FROM = 'POST /abha/api/v3/phr/.../request/otp';
const ENROL_FROM = 'POST /abha/api/v3/phr/app/enrollment/request/otp';

/** Every ABHA address held through this mobile: the addresses of its accounts and its self-declared ones. */
function identitiesOnMobile(abha: AbhaModule, mobile: string): PhrIdentity[] {
  const fromAccounts = abhaAccountsByMobile(abha.ctx, mobile).flatMap((account) => account.abhaAddresses.map((address) => ({ address, account })));
  const selfDeclared = selfDeclaredByMobile(abha.ctx, mobile).map((s) => ({ address: s.abhaAddress, selfDeclared: s }));
  return [...fromAccounts, ...selfDeclared];
}

function identity(abha: AbhaModule, address: string): PhrIdentity | undefined {
  const found = abhaIdentityByAddress(abha.ctx, address);
  if (!found) return undefined;
  return found.kind === 'account' ? { address: found.abhaAddress, account: found.account } : { address: found.address.abhaAddress, selfDeclared: found.address };
}

function mobileOf(i: PhrIdentity): string {
  return i.account?.mobile ?? i.selfDeclared!.mobile;
}

function referenceYear(abha: AbhaModule): number {
  return new Date(abha.ctx.clock.now()).getUTCFullYear();
}

/** POST /v3/phr/web/login/abha/search and /v3/phr/app/login/search */
export function searchAbhaAddress(abha: AbhaModule, body: { abhaAddress: string }, app: boolean) {
  const found = identity(abha, body.abhaAddress);
  if (!found) {
    const detail = `no ABHA address ${normaliseAbhaAddress(body.abhaAddress).slice(0, 60)} in this sandbox`;
    throw app ? abhaErrors.phr('ABDM-1211', 'User not found.', detail) : abhaErrors.userNotFound(detail);
  }
  const kyc = found.account?.aadhaarPayload !== undefined;
  return {
    healthIdNumber: found.account ? formatAbhaNumber(found.account.abhaNumber) : null,
    abhaAddress: found.address,
    authMethods: kyc ? ['AADHAAR_OTP', 'MOBILE_OTP', 'DEMOGRAPHICS'] : ['MOBILE_OTP'],
    blockedAuthMethods: [],
    status: 'ACTIVE',
    message: null,
    fullName: (found.account ?? found.selfDeclared!).name.full,
    mobile: maskedMobile(mobileOf(found)),
  };
}

/** POST /v3/phr/web/login/abha/request/otp and /v3/phr/app/login/request/otp */
export async function requestPhrLoginOtp(abha: AbhaModule, body: OtpRequestBody, call: AbhaCall, via: 'web' | 'app') {
  const flow = via === 'web' ? phrWebLoginOtpFlow(body) : phrAppLoginOtpFlow(body);
  let candidates: PhrIdentity[];
  let mobile: string;
  if (flow.hint === 'mobile-number') {
    const plain = await decryptPhr(abha, body.loginId, 'loginId', call.findings, via, (d) => abhaErrors.phr('ABDM-1006', 'Invalid mobile number', d));
    const check = checkIndianMobile(plain);
    if (!check.ok) throw abhaErrors.phr('ABDM-1006', 'Invalid mobile number', check.reason);
    mobile = check.value;
    candidates = identitiesOnMobile(abha, mobile);
    if (candidates.length === 0) throw abhaErrors.phr('ABDM-1211', 'User not found.', 'no ABHA address in this sandbox was made with this mobile');
  } else {
    const refuse = via === 'web' ? abhaErrors.invalidLoginId : (d: string) => abhaErrors.phr('ABDM-9999', 'Invalid LoginId', d);
    const plain = await decryptPhr(abha, body.loginId, 'loginId', call.findings, via, refuse);
    const found = identity(abha, plain);
    if (!found) throw abhaErrors.userNotFound(`no ABHA address ${plain.slice(0, 60)} in this sandbox`);
    candidates = [found];
    mobile = mobileOf(found);
  }
  const first = candidates[0];
  let challenge;
  if (flow.otpSystem === 'aadhaar') {
    if (first.account?.aadhaarPayload === undefined) throw abhaErrors.aadhaarLoginNotAllowed(`${first.address} has no Aadhaar-verified ABHA number; log in with a mobile OTP`);
    challenge = { system: 'aadhaar' as const, target: `aadhaar:${first.account.aadhaarPayload}`, sentTo: first.account.aadhaarMobile };
  } else {
    challenge = { system: 'abdm' as const, target: flow.hint === 'mobile-number' ? `mobile:${mobile}` : `address:${first.address}`, sentTo: mobile };
  }
  let txn: Transaction<PhrLoginData>;
  if (typeof body.txnId === 'string' && body.txnId !== '') {
    txn = abha.otps.load<PhrLoginData>(body.txnId, ['phr-login'], LOGIN_FROM);
    abha.otps.send(txn, challenge, call.findings);
  } else {
    txn = abha.otps.start<PhrLoginData>('phr-login', call.clientId, { via, scope: flow.scope, candidates: candidates.map((c) => c.address), mobile, byMobile: flow.hint === 'mobile-number', stage: 'otp-sent' }, challenge);
  }
  const to = challenge.system === 'aadhaar' ? 'Aadhaar registered mobile number' : 'mobile number';
  return { txnId: txn.txnId, message: `OTP sent to ${to} ending with ${maskedMobile(challenge.sentTo)}` };
}

interface VerifyBody {
  scope: string[];
  authData: { authMethods: string[]; otp: { txnId: string; otpValue: string } };
}

/** POST /v3/phr/web/login/abha/verify (user tokens) and /v3/phr/app/login/verify (a T-token when several addresses may be chosen). */
export async function verifyPhrLogin(abha: AbhaModule, body: VerifyBody, call: AbhaCall, via: 'web' | 'app') {
  const txn = abha.otps.load<PhrLoginData>(body.authData.otp.txnId, ['phr-login'], LOGIN_FROM);
  checkVerifyScope(txn.state.data.scope, body);
  requireOtpMethod(body.authData.authMethods);
  const otp = await decryptPhr(abha, body.authData.otp.otpValue, 'otpValue', call.findings, via, (d) => abhaErrors.invalidField('otpValue', d));
  if (!/^\d{6}$/.test(otp)) throw abhaErrors.invalidField('otpValue', 'the decrypted OTP must be 6 digits');
  const system = txn.state.challenge?.system;
  const outcome = abha.otps.verify(txn, otp, call.findings);
  if (!outcome.ok) {
    if (system === 'aadhaar') throw abhaErrors.invalidAadhaarOtp('the OTP expired (an OTP lives 10 minutes); request a new one');
    return { txnId: txn.txnId, authResult: 'failed', message: 'OTP expired, please try again', users: [] };
  }
  txn.state.data.stage = 'verified';
  abha.otps.save(txn);
  const users = txn.state.data.candidates.map((a) => identity(abha, a)).filter((i): i is PhrIdentity => i !== undefined);
  for (const u of users) if (u.account) rememberWorldAccount(abha.ctx, u.account);
  const year = referenceYear(abha);
  if (txn.state.data.byMobile) {
    const transfer = await abha.tokens.issueTransfer(txn.state.data.mobile, txn.txnId, 'ABHA-A');
    return { txnId: txn.txnId, message: 'OTP verified successfully', authResult: 'success', users: users.map((u) => phrUser(u, year)), tokens: { ...transfer, switchProfileEnabled: false } };
  }
  const chosen = users[0];
  const tokens = await sessionFor(abha, chosen, txn.txnId);
  return { txnId: txn.txnId, message: 'OTP verified successfully', authResult: 'success', users: [phrUser(chosen, year)], tokens: { ...tokens, switchProfileEnabled: via === 'app' } };
}

/** POST /v3/phr/app/login/verify/user with the T-token: the chosen address's user tokens. */
export async function verifyPhrUser(abha: AbhaModule, body: { abhaAddress: string; txnId: string }, tToken: string, call: AbhaCall) {
  const claims = await abha.tokens.verify(tToken, 'transfer', call.findings, 'ABHA-A');
  if (claims.txnId !== body.txnId) throw abhaErrors.invalidUserToken('T-token', `this T-token was issued for transaction ${claims.txnId}, not ${body.txnId}`);
  const txn = abha.otps.load<PhrLoginData>(body.txnId, ['phr-login', 'phr-enrolment'], LOGIN_FROM);
  const address = normaliseAbhaAddress(body.abhaAddress);
  const candidates = txn.kind === 'phr-login' ? (txn.state.data as PhrLoginData).candidates : identitiesOnMobile(abha, (txn.state.data as unknown as PhrEnrolmentData).mobile).map((i) => i.address);
  if (!candidates.includes(address)) throw abhaErrors.phr('ABDM-9999', 'Invalid ABHA Address', `choose one of the addresses the login listed: ${candidates.join(', ')}`);
  const chosen = identity(abha, address)!;
  const tokens = await sessionFor(abha, chosen, txn.txnId);
  return { message: 'User verified successfully', authResult: 'success', users: [phrUser(chosen, referenceYear(abha))], tokens: { ...tokens, switchProfileEnabled: true } };
}

/** The identity behind an ABHA-address X-token. */
async function identityOfXToken(abha: AbhaModule, xToken: string, findings: Finding[]): Promise<PhrIdentity> {
  const claims = await abha.tokens.verify(xToken, 'user', findings, 'ABHA-A');
  const found = claims.abhaAddress ? identity(abha, claims.abhaAddress) : undefined;
  if (!found) throw abhaErrors.userNotFound(`the X-token names ABHA address ${claims.abhaAddress ?? '(none)'}, which this sandbox does not know`);
  return found;
}

/** GET /v3/phr/web/login/profile/abha-profile and /v3/phr/app/login/profile */
export async function phrProfileOf(abha: AbhaModule, xToken: string, call: AbhaCall) {
  return phrProfile(await identityOfXToken(abha, xToken, call.findings));
}

/** The PHR card and QR code of the logged-in address. */
export async function phrImage(abha: AbhaModule, xToken: string, call: AbhaCall, image: 'card' | 'qr'): Promise<Buffer> {
  const found = await identityOfXToken(abha, xToken, call.findings);
  const person = { ...(found.account ?? found.selfDeclared!), abhaNumber: found.account?.abhaNumber, mobile: mobileOf(found) };
  return image === 'card' ? cachedCard(cardContent('PHR', person, found.address)) : renderQrPng(abhaQrPayload(person, found.address));
}

/** POST /v3/phr/app/enrollment/request/otp */
export async function requestPhrEnrolmentOtp(abha: AbhaModule, body: OtpRequestBody, call: AbhaCall) {
  phrEnrolmentOtpFlow(body);
  const plain = await decryptPhr(abha, body.loginId, 'loginId', call.findings, 'app', (d) => abhaErrors.phr('ABDM-1006', 'Invalid mobile number', d));
  const mobile = checkIndianMobile(plain);
  if (!mobile.ok) throw abhaErrors.phr('ABDM-1006', 'Invalid mobile number', mobile.reason);
  const challenge = { system: 'abdm' as const, target: `mobile:${mobile.value}`, sentTo: mobile.value };
  let txn: Transaction<PhrEnrolmentData>;
  if (typeof body.txnId === 'string' && body.txnId !== '') {
    txn = abha.otps.load<PhrEnrolmentData>(body.txnId, ['phr-enrolment'], ENROL_FROM);
    abha.otps.send(txn, challenge, call.findings);
  } else {
    txn = abha.otps.start<PhrEnrolmentData>('phr-enrolment', call.clientId, { mobile: mobile.value, stage: 'otp-sent' }, challenge);
  }
  return { txnId: txn.txnId, message: `OTP sent to mobile number ending with ${maskedMobile(mobile.value)}` };
}

/** POST /v3/phr/app/enrollment/verify: the addresses already on the mobile, and a T-token. */
export async function verifyPhrEnrolment(abha: AbhaModule, body: VerifyBody, call: AbhaCall) {
  const txn = abha.otps.load<PhrEnrolmentData>(body.authData.otp.txnId, ['phr-enrolment'], ENROL_FROM);
  checkVerifyScope(['abha-address-enroll', 'mobile-verify'], body);
  requireOtpMethod(body.authData.authMethods);
  const otp = await decryptPhr(abha, body.authData.otp.otpValue, 'otpValue', call.findings, 'app', (d) => abhaErrors.invalidField('otpValue', d));
  const outcome = abha.otps.verify(txn, otp, call.findings);
  if (!outcome.ok) return { txnId: txn.txnId, authResult: 'failed', message: 'OTP expired, please try again', users: [] };
  txn.state.data.stage = 'verified';
  abha.otps.save(txn);
  const users = identitiesOnMobile(abha, txn.state.data.mobile);
  const transfer = await abha.tokens.issueTransfer(txn.state.data.mobile, txn.txnId, 'ABHA-A');
  const year = referenceYear(abha);
  return { txnId: txn.txnId, message: 'OTP Verified Successfully', authResult: 'success', users: users.map((u) => phrUser(u, year)), tokens: { ...transfer, switchProfileEnabled: false } };
}

/** POST /v3/phr/app/enrollment/suggestion */
export function phrSuggestions(abha: AbhaModule, body: { txnId: string; firstName: string; lastName?: string; dayOfBirth?: string | number; monthOfBirth?: string | number; yearOfBirth: string | number }) {
  const txn = verifiedEnrolment(abha, body.txnId);
  const list = suggestAbhaAddresses(
    { firstName: body.firstName, lastName: body.lastName, yearOfBirth: Number(body.yearOfBirth) || undefined, monthOfBirth: Number(body.monthOfBirth) || undefined, dayOfBirth: Number(body.dayOfBirth) || undefined },
    (address) => isAbhaAddressTaken(abha.ctx, address),
    10,
  );
  return { txnId: txn.txnId, abhaAddressList: list };
}

/** GET /v3/phr/app/enrollment/isExists?abhaAddress=: a bare boolean, true when the address is TAKEN ([OBS]). */
export function phrAddressExists(abha: AbhaModule, abhaAddress: string | undefined): boolean {
  if (!abhaAddress) throw abhaErrors.invalidField('abhaAddress', 'send the address to check as ?abhaAddress=name@sbx');
  return isAbhaAddressTaken(abha.ctx, abhaAddress.includes('@') ? abhaAddress : `${abhaAddress}@sbx`);
}

interface PhrDetails {
  mobile?: string;
  firstName: string;
  middleName?: string;
  lastName?: string;
  dayOfBirth?: string | number;
  monthOfBirth?: string | number;
  yearOfBirth: string | number;
  gender: string;
  email?: string;
  address: string;
  stateCode: string | number;
  stateName?: string;
  districtCode: string | number;
  districtName?: string;
  pinCode: string | number;
  abhaAddress: string;
}

/** POST /v3/phr/app/enrollment/enrol: creates a self-declared address and logs it in. */
export async function enrolPhrAddress(abha: AbhaModule, body: { txnId: string; phrDetails: PhrDetails }, call: AbhaCall) {
  const txn = verifiedEnrolment(abha, body.txnId);
  const d = body.phrDetails;
  if (d.mobile) {
    const plain = await decryptPhr(abha, d.mobile, 'phrDetails.mobile', call.findings, 'app', (detail) => abhaErrors.phr('ABDM-1006', 'Invalid mobile number', detail));
    if (plain !== txn.state.data.mobile) throw abhaErrors.phr('ABDM-1006', 'Invalid mobile number', 'phrDetails.mobile is not the mobile this transaction verified');
  }
  const problems = detailProblems(d);
  if (problems.length > 0) throw problems.length === 1 ? problems[0] : abhaErrors.phr('ABDM-9999', problems.map((p) => p.message).join('; '));
  const check = checkNewAbhaAddress(d.abhaAddress);
  if (!check.ok) throw abhaErrors.phr('ABDM-9999', 'Invalid ABHA Address', check.reason);
  if (isAbhaAddressTaken(abha.ctx, check.value)) throw abhaErrors.phr('ABDM-9999', 'This ABHA Address already exists. Please create with unique ABHA address');
  const state = stateByCode(String(d.stateCode).padStart(2, '0'))!;
  const district = state.districts.find((x) => x.code === String(d.districtCode))!;
  const first = d.firstName.trim();
  const full = [first, d.middleName?.trim(), d.lastName?.trim()].filter(Boolean).join(' ');
  const details: SelfDeclaredAddress = {
    abhaAddress: check.value,
    mobile: txn.state.data.mobile,
    ...(d.email ? { email: d.email } : {}),
    name: { first, ...(d.middleName?.trim() ? { middle: d.middleName.trim() } : {}), ...(d.lastName?.trim() ? { last: d.lastName.trim() } : {}), full },
    gender: d.gender as 'M' | 'F' | 'O',
    yearOfBirth: Number(d.yearOfBirth),
    ...(Number(d.monthOfBirth) ? { monthOfBirth: Number(d.monthOfBirth) } : {}),
    ...(Number(d.dayOfBirth) ? { dayOfBirth: Number(d.dayOfBirth) } : {}),
    address: { line: d.address, city: district.city, district: district.name, districtCode: district.code, state: state.name, stateCode: state.code, pincode: String(d.pinCode) },
    status: 'ACTIVE',
    createdAt: nowIso(abha.ctx),
  };
  if (!createSelfDeclaredAddress(abha.ctx, details)) throw abhaErrors.phr('ABDM-9999', 'This ABHA Address already exists. Please create with unique ABHA address');
  txn.state.data.stage = 'enrolled';
  abha.otps.save(txn);
  abha.ctx.events.emit('abha.address-created', { abhaAddress: details.abhaAddress, selfDeclared: true, clientId: call.clientId }, { correlation: [txn.txnId] });
  const tokens = await sessionFor(abha, { address: details.abhaAddress, selfDeclared: details }, txn.txnId);
  const profile = phrProfile({ address: details.abhaAddress, selfDeclared: details });
  return {
    txnId: txn.txnId,
    message: 'ABHA Address Created Successfully',
    phrDetails: { ...profile, abhaAddress: identitiesOnMobile(abha, details.mobile).map((i) => i.address) },
    tokens: { ...tokens, switchProfileEnabled: true },
  };
}

function verifiedEnrolment(abha: AbhaModule, txnId: string): Transaction<PhrEnrolmentData> {
  const txn = abha.otps.load<PhrEnrolmentData>(txnId, ['phr-enrolment'], ENROL_FROM);
  if (txn.state.data.stage === 'otp-sent') throw abhaErrors.invalidTransaction(`verify the OTP of transaction ${txn.txnId} first (POST /abha/api/v3/phr/app/enrollment/verify)`);
  if (txn.state.data.stage === 'enrolled') throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} already created an address; start a new enrolment`);
  return txn;
}

/** Mandatory PHR details: first name, year of birth, gender, address, state, district and PIN, each checked. */
function detailProblems(d: PhrDetails): AbdmError[] {
  const out: AbdmError[] = [];
  const bad = (what: string, detail: string) => out.push(abhaErrors.phr('ABDM-1006', `Invalid ${what}`, detail));
  if (!d.firstName?.trim()) bad('First Name', 'firstName must not be empty');
  if (!/^\d{4}$/.test(String(d.yearOfBirth))) bad('Year Of Birth', 'yearOfBirth must be four digits');
  if (!['M', 'F', 'O'].includes(d.gender)) bad('Gender', 'gender must be M, F or O');
  if (!d.address?.trim()) bad('Address', 'address must not be empty');
  const state = stateByCode(String(d.stateCode).padStart(2, '0'));
  if (!state) bad('State Code', `${String(d.stateCode).slice(0, 4)} is not an LGD state code`);
  else if (!state.districts.some((x) => x.code === String(d.districtCode))) bad('District Code', `${String(d.districtCode).slice(0, 6)} is not an LGD district code of ${state.name}`);
  if (!checkPincode(String(d.pinCode)).ok) bad('Pin Code', 'pinCode must be six digits, not starting with 0');
  return out;
}

async function sessionFor(abha: AbhaModule, who: PhrIdentity, txnId: string) {
  return abha.tokens.issueSession({ system: 'ABHA-A', abhaAddress: who.address, abhaNumber: who.account?.abhaNumber, mobile: mobileOf(who), kycVerified: who.account !== undefined, txnId });
}

/** PHR app calls need the PHR key; web calls take either key and note when the profile key was used. */
async function decryptPhr(abha: AbhaModule, value: unknown, field: string, findings: Finding[], via: 'web' | 'app', refuse: (detail: string) => AbdmError): Promise<string> {
  if (via === 'app') return abha.decrypt('phr', value, field, findings, refuse);
  return abha.decrypt('either', value, field, findings, refuse);
}
