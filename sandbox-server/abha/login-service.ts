// ABHA login and verification (spec §4.4, journey 5): an OTP by Aadhaar, ABHA number or mobile, or for an account
// picked from a Find-ABHA search. The token rules are the observed ones (spec §4.4 [OBS]): an Aadhaar OTP, or an
// ABHA-number login, gives the final X-token with a refreshToken; a mobile OTP gives a 300 s T-token and the list
// of accounts, to exchange at verify/user for the chosen account's X-token.
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import { checkVerifyScope, loginOtpFlow, readScope, type LoginOtpFlow, type OtpRequestBody } from '../../protocol/abha/otp-request-rules.js';
import { formatAbhaNumber, normaliseAbhaNumber } from '../../protocol/ids/abha-number.js';
import { checkIndianMobile } from '../../protocol/ids/indian-mobile.js';
import { rememberWorldAccount } from './account-changes.js';
import { abhaAccountByNumber, abhaAccountsByMobile } from './account-lookup.js';
import type { AbhaAccount } from './account-types.js';
import { resolveAadhaar } from './aadhaar-input.js';
import { requireOtpMethod, type AbhaCall, type AbhaModule } from './abha-module.js';
import { loginAccount } from './abha-responses.js';
import { maskedMobile, type ChallengeInput, type Transaction } from './otp-transactions.js';

interface LoginData {
  hint: LoginOtpFlow['hint'];
  scope: string[];
  /** The ABHA numbers this login covers: one, or every account on the mobile. */
  accounts: string[];
  mobile?: string;
  /** For a Find-ABHA login: the search's accounts, so a resend may name the same index again. */
  searchAccounts?: string[];
  stage: 'otp-sent' | 'verified';
}

interface FindAbhaData {
  mobile: string;
  /** ABHA numbers in the order of the search answer's `index` (from 1). */
  accounts: string[];
}

const FROM = 'POST /abha/api/v3/profile/login/request/otp';
const DASHED = /^\d{2}-\d{4}-\d{4}-\d{4}$/;

/** POST /v3/profile/login/request/otp (and /v3.1) */
export async function requestLoginOtp(abha: AbhaModule, body: OtpRequestBody, call: AbhaCall): Promise<{ txnId: string; message: string }> {
  const flow = loginOtpFlow(body);
  let accounts: AbhaAccount[];
  let txn: Transaction<LoginData> | undefined;
  if (flow.hint === 'index') {
    const search = abha.otps.load<FindAbhaData>(body.txnId, ['find-abha', 'login'], 'POST /abha/api/v3/profile/account/abha/search');
    const index = await abha.decrypt('profile', body.loginId, 'loginId', call.findings, abhaErrors.invalidLoginId);
    const list = search.kind === 'find-abha' ? search.state.data.accounts : ((search.state.data as unknown as LoginData).searchAccounts ?? []);
    const n = Number(index);
    if (!/^\d+$/.test(index) || n < 1 || n > list.length) throw abhaErrors.loginIdIsInvalid(`index must be one of 1–${list.length} from the search answer; it decrypted to "${index.slice(0, 8)}"`);
    accounts = [abhaAccountByNumber(abha.ctx, list[n - 1])!];
    // Find ABHA continues in the search's transaction, as the live examples pass it back.
    txn = search as unknown as Transaction<LoginData>;
    if (search.kind === 'find-abha') {
      txn.kind = 'login';
      txn.state = { data: { hint: 'index', scope: flow.scope, accounts: [accounts[0].abhaNumber], searchAccounts: list, stage: 'otp-sent' } };
    } else if (txn.state.data.accounts[0] !== accounts[0].abhaNumber) {
      throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} already sent an OTP for another account of the search; search again to pick another`);
    }
  } else {
    accounts = await accountsFor(abha, flow, body.loginId, call);
    if (typeof body.txnId === 'string' && body.txnId !== '') {
      txn = abha.otps.load<LoginData>(body.txnId, ['login'], FROM);
      if (txn.state.data.stage !== 'otp-sent' || txn.state.data.accounts.join() !== accounts.map((a) => a.abhaNumber).join()) {
        throw abhaErrors.invalidTransaction(`transaction ${txn.txnId} is for another login; leave txnId empty to start a new one`);
      }
    }
  }
  const first = accounts[0];
  const challenge: ChallengeInput =
    flow.otpSystem === 'aadhaar'
      ? { system: 'aadhaar', target: `aadhaar:${first.aadhaarPayload}`, sentTo: first.aadhaarMobile }
      : { system: 'abdm', target: flow.hint === 'mobile' ? `mobile:${first.mobile}` : `account:${first.abhaNumber}`, sentTo: first.mobile };
  if (txn) abha.otps.send(txn, challenge, call.findings);
  else {
    txn = abha.otps.start<LoginData>(
      'login',
      call.clientId,
      { hint: flow.hint, scope: flow.scope, accounts: accounts.map((a) => a.abhaNumber), ...(flow.hint === 'mobile' ? { mobile: first.mobile } : {}), stage: 'otp-sent' },
      challenge,
    );
  }
  const to = flow.otpSystem === 'aadhaar' ? 'Aadhaar registered mobile number' : 'mobile number';
  return { txnId: txn.txnId, message: `OTP sent to ${to} ending with ${maskedMobile(challenge.sentTo)}` };
}

/** The accounts a login names; refusals say exactly what did not match. */
async function accountsFor(abha: AbhaModule, flow: LoginOtpFlow, loginId: unknown, call: AbhaCall): Promise<AbhaAccount[]> {
  if (flow.hint === 'aadhaar') {
    const aadhaar = await abha.decrypt('profile', loginId, 'loginId', call.findings, abhaErrors.invalidLoginId);
    const { resident } = resolveAadhaar(abha, aadhaar, call.findings);
    const number = resident.kind === 'patient' ? abha.ctx.world.patient(resident.index).abhaNumber : resident.person.abhaNumber;
    const account = abhaAccountByNumber(abha.ctx, number);
    if (!account) throw abhaErrors.userNotFound('this Aadhaar number has no ABHA number yet; enrol it with POST /abha/api/v3/enrollment/request/otp');
    return [account];
  }
  if (flow.hint === 'abha-number') {
    const text = await abha.decrypt('profile', loginId, 'loginId', call.findings, abhaErrors.invalidLoginId);
    if (!DASHED.test(text)) {
      const bare = /^\d{14}$/.test(text);
      if (bare) call.findings.push({ ruleId: 'abha-login-id-undashed', severity: 'error', path: 'body.loginId', message: 'an ABHA number loginId was sent without dashes' });
      throw abhaErrors.loginIdIsInvalid(bare ? 'the ABHA number must keep its dashes (91-XXXX-XXXX-XXXX); it decrypted to 14 digits without dashes' : 'the loginId must be an ABHA number written 91-XXXX-XXXX-XXXX');
    }
    const account = abhaAccountByNumber(abha.ctx, text);
    if (!account) throw abhaErrors.userNotFound(`no ABHA number ${text} in this sandbox`);
    if (flow.otpSystem === 'aadhaar' && account.aadhaarPayload === undefined) {
      throw abhaErrors.aadhaarLoginNotAllowed(`ABHA number ${text} has no synthetic Aadhaar behind it (only patients 0–4,999,999 do); log in with a mobile OTP`);
    }
    return [account];
  }
  const text = await abha.decrypt('profile', loginId, 'loginId', call.findings, abhaErrors.invalidMobileLoginId);
  const mobile = checkIndianMobile(text);
  if (!mobile.ok) throw abhaErrors.invalidMobileLoginId(mobile.reason);
  const accounts = abhaAccountsByMobile(abha.ctx, mobile.value);
  if (accounts.length === 0) {
    throw abhaErrors.invalidMobileLoginId('no ABHA number in this sandbox has this mobile (a synthetic patient’s mobile is known once the account was enrolled or logged in by Aadhaar or ABHA number here)');
  }
  return accounts;
}

interface VerifyBody {
  scope: string[];
  authData: { authMethods: string[]; otp: { txnId: string; otpValue: string } };
}

/** POST /v3/profile/login/verify (and /v3.1) */
export async function verifyLogin(abha: AbhaModule, body: VerifyBody, call: AbhaCall) {
  const txn = abha.otps.load<LoginData>(body.authData.otp.txnId, ['login'], FROM);
  checkVerifyScope(txn.state.data.scope, body);
  requireOtpMethod(body.authData.authMethods);
  const otp = await abha.decryptOtp('profile', body.authData.otp.otpValue, 'otpValue', call.findings);
  const system = txn.state.challenge?.system;
  const outcome = abha.otps.verify(txn, otp, call.findings);
  if (!outcome.ok) {
    if (system === 'aadhaar') throw abhaErrors.invalidAadhaarOtp(`the OTP expired (an OTP lives 10 minutes); request a new one with txnId ${txn.txnId}`);
    return { txnId: txn.txnId, authResult: 'failed', message: 'OTP expired, please try again', accounts: [] };
  }
  const accounts = txn.state.data.accounts.map((n) => abhaAccountByNumber(abha.ctx, n)!);
  txn.state.data.stage = 'verified';
  abha.otps.save(txn);
  for (const account of accounts) rememberWorldAccount(abha.ctx, account);
  abha.ctx.events.emit('abha.login', { abhaNumbers: accounts.map((a) => a.abhaNumber), via: txn.state.data.hint, clientId: call.clientId }, { correlation: [txn.txnId] });
  if (txn.state.data.hint === 'mobile') {
    const transfer = await abha.tokens.issueTransfer(txn.state.data.mobile!, txn.txnId, 'ABHA-N');
    return { txnId: txn.txnId, authResult: 'success', message: 'OTP verified successfully', token: transfer.token, expiresIn: transfer.expiresIn, accounts: accounts.map(loginAccount) };
  }
  const account = accounts[0];
  const tokens = await abha.tokens.issueSession({ system: 'ABHA-N', abhaNumber: account.abhaNumber, abhaAddress: account.preferredAbhaAddress, mobile: account.mobile, kycVerified: true, txnId: txn.txnId });
  return { txnId: txn.txnId, authResult: 'success', message: 'OTP verified successfully', ...tokens, accounts: [loginAccount(account)] };
}

/** POST /v3/profile/login/verify/user with the T-token: the chosen account's X-token. */
export async function verifyLoginUser(abha: AbhaModule, body: { txnId: string; ABHANumber?: string; abhaNumber?: string }, tToken: string, call: AbhaCall) {
  const claims = await abha.tokens.verify(tToken, 'transfer', call.findings, 'ABHA-N');
  if (claims.txnId !== body.txnId) throw abhaErrors.invalidUserToken('T-token', `this T-token was issued for transaction ${claims.txnId}, not ${body.txnId}`);
  const txn = abha.otps.load<LoginData>(body.txnId, ['login'], FROM);
  const wanted = body.ABHANumber ?? body.abhaNumber;
  if (wanted === undefined) throw abhaErrors.invalidField('ABHANumber', 'ABHANumber is required: the account chosen from the verify answer');
  const digits = normaliseAbhaNumber(wanted);
  if (!digits || !txn.state.data.accounts.includes(digits)) {
    throw abhaErrors.invalidField('ABHANumber', `choose one of the accounts the login listed: ${txn.state.data.accounts.map(formatAbhaNumber).join(', ')}`);
  }
  const account = abhaAccountByNumber(abha.ctx, digits)!;
  return abha.tokens.issueSession({ system: 'ABHA-N', abhaNumber: account.abhaNumber, abhaAddress: account.preferredAbhaAddress, mobile: account.mobile, kycVerified: true, txnId: txn.txnId });
}

/** POST /v3/profile/account/abha/search: Find ABHA by mobile; each account gets an `index` to log in with. */
export async function findAbhaByMobile(abha: AbhaModule, body: { scope: string[]; mobile: string }, call: AbhaCall) {
  const scope = readScope(body.scope);
  if (scope.join() !== 'search-abha') throw abhaErrors.invalidField('scope', `Find ABHA takes scope ["search-abha"]; got ${JSON.stringify(scope)}`);
  const plain = await abha.decrypt('profile', body.mobile, 'mobile', call.findings, (detail) => abhaErrors.invalidField('mobile', detail));
  const mobile = checkIndianMobile(plain);
  if (!mobile.ok) throw abhaErrors.invalidField('mobile', mobile.reason);
  const accounts = abhaAccountsByMobile(abha.ctx, mobile.value);
  if (accounts.length === 0) throw abhaErrors.userNotFound('no ABHA number in this sandbox has this mobile');
  const txn = abha.otps.start<FindAbhaData>('find-abha', call.clientId, { mobile: mobile.value, accounts: accounts.map((a) => a.abhaNumber) });
  return [
    {
      txnId: txn.txnId,
      ABHA: accounts.map((a, i) => ({
        index: i + 1,
        ABHANumber: `xx-xxxx-xxxx-${a.abhaNumber.slice(-4)}`,
        name: a.name.full,
        gender: a.gender,
        kycVerified: String(a.kycVerified),
        authMethods: ['AADHAAR_OTP', 'MOBILE_OTP', 'DEMOGRAPHICS'],
      })),
    },
  ];
}

/** POST /v3/profile/login/search: whether an ABHA number exists and how it can log in. */
export function searchAbhaNumber(abha: AbhaModule, body: { ABHANumber: string }) {
  const digits = normaliseAbhaNumber(body.ABHANumber);
  if (!digits) throw abhaErrors.invalidField('ABHANumber', 'ABHANumber must be 14 digits, written 91-XXXX-XXXX-XXXX');
  const account = abhaAccountByNumber(abha.ctx, digits);
  if (!account) throw abhaErrors.userNotFound(`no ABHA number ${formatAbhaNumber(digits)} in this sandbox`);
  return [
    {
      preferredAbhaAddress: account.preferredAbhaAddress,
      ABHANumber: formatAbhaNumber(account.abhaNumber),
      authMethods: account.aadhaarPayload === undefined ? ['MOBILE_OTP', 'DEMOGRAPHICS'] : ['AADHAAR_OTP', 'MOBILE_OTP', 'DEMOGRAPHICS'],
      tags: {},
      blockedAuthMethods: [],
      status: account.status,
      verificationStatus: 'VERIFIED',
      mobile: maskedMobile(account.mobile),
      verificationType: 'AADHAAR',
      isDocumentAccount: false,
    },
  ];
}
