// ABHA enrolment by Aadhaar OTP (spec §4.3, journey 1): Aadhaar OTP, enrol/byAadhaar (creates the ABHA number of a
// new resident, or finds the existing one), the communication-mobile OTP when it differs from the Aadhaar mobile,
// address suggestions and the chosen ABHA address. Transport-free: inputs are the parsed bodies.
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import { checkNewAbhaAddress, suggestAbhaAddresses } from '../../protocol/abha/abha-address-choice.js';
import { enrolmentOtpFlow, readScope, type OtpRequestBody } from '../../protocol/abha/otp-request-rules.js';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import { checkIndianMobile } from '../../protocol/ids/indian-mobile.js';
import { addAbhaAddress, enrolNewAccount, rememberWorldAccount, setCommunicationMobile } from './account-changes.js';
import { abhaAccountByNumber, abhaAccountsByMobile, isAbhaAddressTaken } from './account-lookup.js';
import type { AbhaAccount } from './account-types.js';
import { resolveAadhaar } from './aadhaar-input.js';
import { requireOtpMethod, type AbhaCall, type AbhaModule } from './abha-module.js';
import { enrolmentProfile } from './abha-responses.js';
import { maskedMobile, type Transaction } from './otp-transactions.js';

interface EnrolmentData {
  aadhaarPayload: number;
  /** `otp-sent` until enrol/byAadhaar succeeds, then `enrolled`. */
  stage: 'otp-sent' | 'enrolled';
  abhaNumber?: string;
  /** The communication mobile given at byAadhaar when it is not the Aadhaar mobile, until its OTP is verified. */
  pendingMobile?: string;
  suggestionsShown?: boolean;
}

const ENROLMENT = ['enrolment'];
const FROM = 'POST /abha/api/v3/enrollment/request/otp';
/** The consent text version the live examples send. */
const CONSENT = { code: 'abha-enrollment', version: '1.4' };
/** The live service refuses a seventh ABHA number on one mobile (ABDM-1124). */
const MAX_ACCOUNTS_PER_MOBILE = 6;

/** POST /v3/enrollment/request/otp */
export async function requestEnrolmentOtp(abha: AbhaModule, body: OtpRequestBody, call: AbhaCall): Promise<{ txnId: string; message: string }> {
  const flow = enrolmentOtpFlow(body);
  if (flow.kind === 'aadhaar') {
    const aadhaar = await abha.decrypt('profile', body.loginId, 'loginId', call.findings, abhaErrors.invalidLoginId);
    const { payload, resident } = resolveAadhaar(abha, aadhaar, call.findings);
    const aadhaarMobile = resident.kind === 'patient' ? abha.ctx.world.patient(resident.index).mobile : resident.person.mobile;
    const challenge = { system: 'aadhaar' as const, target: `aadhaar:${payload}`, sentTo: aadhaarMobile };
    let txn: Transaction<EnrolmentData>;
    if (typeof body.txnId === 'string' && body.txnId !== '') {
      txn = abha.otps.load<EnrolmentData>(body.txnId, ENROLMENT, FROM);
      if (txn.state.data.aadhaarPayload !== payload) throw abhaErrors.invalidLoginId(`transaction ${txn.txnId} was started for another Aadhaar number; leave txnId empty to start a new enrolment`);
      if (txn.state.data.stage !== 'otp-sent') throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} already enrolled its Aadhaar; start a new one`);
      abha.otps.send(txn, challenge, call.findings);
    } else {
      txn = abha.otps.start<EnrolmentData>('enrolment', call.clientId, { aadhaarPayload: payload, stage: 'otp-sent' }, challenge);
    }
    return { txnId: txn.txnId, message: `OTP sent to Aadhaar registered mobile number ending with ${maskedMobile(aadhaarMobile)}` };
  }
  const txn = abha.otps.load<EnrolmentData>(body.txnId, ENROLMENT, `${FROM} and enrol/byAadhaar`);
  if (txn.state.data.stage !== 'enrolled') throw abhaErrors.invalidTransaction(`verify the Aadhaar OTP of transaction ${txn.txnId} (POST /abha/api/v3/enrollment/enrol/byAadhaar) before verifying a mobile`);
  const mobile = await readMobile(abha, body.loginId, call);
  abha.otps.send(txn, { system: 'abdm', target: `mobile:${mobile}`, sentTo: mobile }, call.findings);
  return { txnId: txn.txnId, message: `OTP sent to mobile number ending with ${maskedMobile(mobile)}` };
}

interface ByAadhaarBody {
  authData: { authMethods: string[]; otp: { txnId: string; otpValue: string; mobile: string; timeStamp?: string } };
  consent: { code: string; version: string };
}

/** POST /v3/enrollment/enrol/byAadhaar */
export async function enrolByAadhaar(abha: AbhaModule, body: ByAadhaarBody, call: AbhaCall) {
  requireOtpMethod(body.authData.authMethods);
  if (body.consent.code !== CONSENT.code) throw abhaErrors.invalidField('consent', `consent.code must be "${CONSENT.code}"`);
  if (body.consent.version !== CONSENT.version) {
    call.findings.push({ ruleId: 'abha-consent-version', severity: 'warning', path: 'body.consent.version', message: `consent version ${body.consent.version}; the current enrolment consent is ${CONSENT.version}` });
  }
  const txn = abha.otps.load<EnrolmentData>(body.authData.otp.txnId, ENROLMENT, FROM);
  if (txn.state.data.stage === 'enrolled') {
    call.findings.push({ ruleId: 'abha-txn-reused', severity: 'error', path: 'body.authData.otp.txnId', message: 'enrol/byAadhaar was called again on a finished enrolment' });
    throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} already enrolled ABHA number ${formatAbhaNumber(txn.state.data.abhaNumber!)}; start a new enrolment`);
  }
  const otp = await abha.decryptOtp('profile', body.authData.otp.otpValue, 'otpValue', call.findings);
  const mobileCheck = checkIndianMobile(body.authData.otp.mobile);
  if (!mobileCheck.ok) {
    const encrypted = typeof body.authData.otp.mobile === 'string' && body.authData.otp.mobile.length > 40;
    throw abhaErrors.invalidField('mobile', encrypted ? 'authData.otp.mobile is sent in plain text (10 digits) on this call, not encrypted' : mobileCheck.reason);
  }
  const outcome = abha.otps.verify(txn, otp, call.findings);
  if (!outcome.ok) throw abhaErrors.invalidAadhaarOtp(`the OTP expired (an OTP lives 10 minutes); request a new one with txnId ${txn.txnId}`);

  const resident = abha.residents.resident(txn.state.data.aadhaarPayload);
  let account: AbhaAccount;
  let isNew = false;
  if (resident.kind === 'patient') {
    account = abhaAccountByNumber(abha.ctx, abha.ctx.world.patient(resident.index).abhaNumber)!;
    rememberWorldAccount(abha.ctx, account);
  } else if (resident.kind === 'new') {
    const existing = abhaAccountByNumber(abha.ctx, resident.person.abhaNumber);
    if (!existing) {
      enrolNewAccount(abha.ctx, resident.person, txn.state.data.aadhaarPayload);
      isNew = true;
      abha.ctx.events.emit('abha.enrolled', { abhaNumber: resident.person.abhaNumber, clientId: call.clientId }, { correlation: [txn.txnId] });
    }
    account = abhaAccountByNumber(abha.ctx, resident.person.abhaNumber)!;
  } else {
    throw abhaErrors.invalidAadhaar(resident.reason);
  }
  const typed = mobileCheck.value;
  const mobileVerified = typed === account.mobile || typed === account.aadhaarMobile;
  txn.state.data = { ...txn.state.data, stage: 'enrolled', abhaNumber: account.abhaNumber, ...(mobileVerified ? {} : { pendingMobile: typed }) };
  abha.otps.save(txn);
  const tokens = await abha.tokens.issueSession({ system: 'ABHA-N', abhaNumber: account.abhaNumber, abhaAddress: account.preferredAbhaAddress, mobile: account.mobile, kycVerified: true, txnId: txn.txnId });
  return {
    message: isNew ? 'Account created successfully' : 'This account already exist',
    txnId: txn.txnId,
    tokens,
    ABHAProfile: enrolmentProfile(account, mobileVerified),
    isNew,
  };
}

interface VerifyBody {
  scope: string[];
  authData: { authMethods: string[]; otp: { txnId: string; otpValue: string } };
}

/** POST /v3/enrollment/auth/byAbdm: verifies the communication mobile's OTP. */
export async function enrolAuthByAbdm(abha: AbhaModule, body: VerifyBody, call: AbhaCall) {
  const scope = readScope(body.scope);
  if (!(scope.length === 2 && scope.includes('abha-enrol') && scope.includes('mobile-verify'))) {
    throw abhaErrors.scopeCombination(`auth/byAbdm takes scope ["abha-enrol","mobile-verify"]; got ${JSON.stringify(scope)}`);
  }
  requireOtpMethod(body.authData.authMethods);
  const txn = abha.otps.load<EnrolmentData>(body.authData.otp.txnId, ENROLMENT, FROM);
  const challenge = txn.state.challenge;
  if (txn.state.data.stage !== 'enrolled' || challenge?.system !== 'abdm') {
    throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} has no mobile OTP to verify; request one with scope ["abha-enrol","mobile-verify"] first`);
  }
  const otp = await abha.decryptOtp('profile', body.authData.otp.otpValue, 'otpValue', call.findings);
  const outcome = abha.otps.verify(txn, otp, call.findings);
  if (!outcome.ok) return { txnId: txn.txnId, authResult: 'failed', message: 'OTP expired, please try again', accounts: [] };
  const mobile = challenge.target.slice('mobile:'.length);
  const account = abhaAccountByNumber(abha.ctx, txn.state.data.abhaNumber!)!;
  const others = abhaAccountsByMobile(abha.ctx, mobile).filter((a) => a.abhaNumber !== account.abhaNumber);
  if (others.length >= MAX_ACCOUNTS_PER_MOBILE) throw abhaErrors.mobileLinkedToSix();
  setCommunicationMobile(abha.ctx, account, mobile);
  txn.state.data = { ...txn.state.data, pendingMobile: undefined };
  abha.otps.save(txn);
  return { txnId: txn.txnId, authResult: 'success', message: 'Mobile number is now successfully linked to your Account', accounts: [{ ABHANumber: formatAbhaNumber(account.abhaNumber) }] };
}

/** GET /v3/enrollment/enrol/suggestion with TRANSACTION_ID. */
export function enrolmentSuggestions(abha: AbhaModule, txnId: string | undefined) {
  const txn = abha.otps.load<EnrolmentData>(txnId, ENROLMENT, FROM);
  const account = enrolledAccount(abha, txn);
  const list = suggestAbhaAddresses(
    { firstName: account.name.first, lastName: account.name.last, yearOfBirth: account.yearOfBirth, monthOfBirth: account.monthOfBirth, dayOfBirth: account.dayOfBirth },
    (address) => isAbhaAddressTaken(abha.ctx, address),
  );
  txn.state.data.suggestionsShown = true;
  abha.otps.save(txn);
  return { txnId: txn.txnId, abhaAddressList: list };
}

/** POST /v3/enrollment/enrol/abha-address */
export function enrolAbhaAddress(abha: AbhaModule, body: { txnId: string; abhaAddress: string; preferred?: number | string }, call: AbhaCall) {
  const txn = abha.otps.load<EnrolmentData>(body.txnId, ENROLMENT, FROM);
  const account = enrolledAccount(abha, txn);
  const preferred = body.preferred === undefined ? 1 : Number(body.preferred);
  if (preferred !== 0 && preferred !== 1) throw abhaErrors.invalidField('preferred', `preferred must be 1 (make it the preferred address) or 0; got ${JSON.stringify(body.preferred)}`);
  const check = checkNewAbhaAddress(body.abhaAddress, account.abhaNumber);
  if (!check.ok) throw abhaErrors.invalidField('abhaAddress', check.reason);
  if (account.abhaAddresses.includes(check.value)) throw abhaErrors.addressExists(`${check.value} is already an address of this ABHA number`);
  if (isAbhaAddressTaken(abha.ctx, check.value) || !addAbhaAddress(abha.ctx, account, check.value, preferred === 1)) throw abhaErrors.addressExists(`${check.value} is taken`);
  if (!txn.state.data.suggestionsShown) {
    call.findings.push({ ruleId: 'abha-address-without-suggestions', severity: 'warning', path: 'body.abhaAddress', message: 'an ABHA address was created without fetching suggestions (NHA test CRT_ABHA_112 asks to offer them)' });
  }
  if (txn.state.data.pendingMobile) {
    call.findings.push({ ruleId: 'abha-mobile-not-verified', severity: 'warning', path: 'body.txnId', message: 'the enrolment ended without verifying the communication mobile given at enrol/byAadhaar (CRT_ABHA_109)' });
  }
  abha.ctx.events.emit('abha.address-created', { abhaNumber: account.abhaNumber, abhaAddress: check.value, clientId: call.clientId }, { correlation: [txn.txnId] });
  const updated = abhaAccountByNumber(abha.ctx, account.abhaNumber)!;
  return { txnId: txn.txnId, healthIdNumber: formatAbhaNumber(account.abhaNumber), preferredAbhaAddress: updated.preferredAbhaAddress };
}

function enrolledAccount(abha: AbhaModule, txn: Transaction<EnrolmentData>): AbhaAccount {
  if (txn.state.data.stage !== 'enrolled' || !txn.state.data.abhaNumber) {
    throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} has not enrolled yet; verify its Aadhaar OTP with POST /abha/api/v3/enrollment/enrol/byAadhaar first`);
  }
  return abhaAccountByNumber(abha.ctx, txn.state.data.abhaNumber)!;
}

async function readMobile(abha: AbhaModule, loginId: unknown, call: AbhaCall): Promise<string> {
  const plain = await abha.decrypt('profile', loginId, 'loginId', call.findings, abhaErrors.invalidMobileLoginId);
  const check = checkIndianMobile(plain);
  if (!check.ok) throw abhaErrors.loginIdIsInvalid(check.reason);
  return check.value;
}
