// One handler per ABHA operation of the table: each passes the parsed body (and the user token or transaction id
// the header policy extracted) to a service, and shapes images as PNG answers.
import type { OtpRequestBody } from '../../protocol/abha/otp-request-rules.js';
import type { GatewayCall, HandlerMap, HandlerResult, OperationHandler } from '../gateway/operation-handler.js';
import type { AbhaCall, AbhaModule } from './abha-module.js';
import { enrolAbhaAddress, enrolAuthByAbdm, enrolByAadhaar, enrolmentSuggestions, requestEnrolmentOtp } from './enrolment-service.js';
import {
  legacy,
  legacyAuthInit,
  legacyCheckMobile,
  legacyConfirm,
  legacyCreateHealthId,
  legacyExists,
  legacyGenerateOtp,
  legacyImage,
  legacyProfile,
  legacySearch,
  legacyVerifyMobileOtp,
  legacyVerifyOtp,
} from './legacy-health-id.js';
import { findAbhaByMobile, requestLoginOtp, searchAbhaNumber, verifyLogin, verifyLoginUser } from './login-service.js';
import {
  enrolPhrAddress,
  phrAddressExists,
  phrImage,
  phrProfileOf,
  phrSuggestions,
  requestPhrEnrolmentOtp,
  requestPhrLoginOtp,
  searchAbhaAddress,
  verifyPhrEnrolment,
  verifyPhrLogin,
  verifyPhrUser,
} from './phr-service.js';
import { abhaCardPng, abhaProfile, abhaQrPng, logout, refreshUserToken } from './profile-service.js';

/** Bodies reach handlers already validated against the operation's JSON Schema; each service types its own. */
type Body = any;

function abhaCall(call: GatewayCall): AbhaCall {
  return { clientId: call.client?.clientId, findings: call.findings };
}

/** A txnId the answer carries (minted by this call, e.g. request/otp), for the journal's correlation index. */
function txnIdsOf(body: unknown): string[] {
  const first = Array.isArray(body) ? body[0] : body;
  const txnId = first && typeof first === 'object' ? (first as { txnId?: unknown }).txnId : undefined;
  return typeof txnId === 'string' && txnId !== '' ? [txnId] : [];
}

function png(data: Buffer, fileName?: string): HandlerResult {
  return { bytes: { contentType: 'image/png', data }, ...(fileName ? { headers: { 'content-disposition': `attachment; filename="${fileName}"` } } : {}) };
}

/** Handlers for every ABHA operation (protocol/operations/abha-operations.ts). */
export function abhaHandlers(abha: AbhaModule): HandlerMap {
  const json =
    (run: (call: GatewayCall, body: Body) => unknown): OperationHandler =>
    async (call) => {
      const body = await run(call, call.body as Body);
      return { body, correlationIds: txnIdsOf(body) };
    };
  const legacyJson = (run: (call: GatewayCall, body: Body) => unknown): OperationHandler => json((call, body) => legacy(() => run(call, body)));
  const token = (call: GatewayCall): string => call.userToken!;

  return {
    'abha.profile-certificate': json(() => abha.keys.certificate('profile')),
    'abha.phr-certificate': json(() => abha.keys.certificate('phr')),

    'abha.enrol-request-otp': json((call, body: OtpRequestBody) => requestEnrolmentOtp(abha, body, abhaCall(call))),
    'abha.enrol-by-aadhaar': json((call, body) => enrolByAadhaar(abha, body, abhaCall(call))),
    'abha.enrol-auth-by-abdm': json((call, body) => enrolAuthByAbdm(abha, body, abhaCall(call))),
    'abha.enrol-suggestion': json((call) => enrolmentSuggestions(abha, call.transactionId)),
    'abha.enrol-abha-address': json((call, body) => enrolAbhaAddress(abha, body, abhaCall(call))),

    'abha.login-request-otp': json((call, body) => requestLoginOtp(abha, body, abhaCall(call))),
    'abha.login-verify': json((call, body) => verifyLogin(abha, body, abhaCall(call))),
    'abha.login-verify-user': json((call, body) => verifyLoginUser(abha, body, token(call), abhaCall(call))),
    'abha.v31-login-request-otp': json((call, body) => requestLoginOtp(abha, body, abhaCall(call))),
    'abha.v31-login-verify': json((call, body) => verifyLogin(abha, body, abhaCall(call))),
    'abha.login-search': json((_call, body) => searchAbhaNumber(abha, body)),
    'abha.account-search': json((call, body) => findAbhaByMobile(abha, body, abhaCall(call))),

    'abha.profile': json((call) => abhaProfile(abha, token(call), abhaCall(call))),
    'abha.card': async (call) => png((await abhaCardPng(abha, token(call), abhaCall(call))).png),
    'abha.card-download': async (call) => {
      const { png: data, account } = await abhaCardPng(abha, token(call), abhaCall(call));
      return png(data, `abha-card-${account.abhaNumber}.png`);
    },
    'abha.qr-code': async (call) => png(await abhaQrPng(abha, token(call), abhaCall(call))),
    'abha.refresh-token': json((call) => refreshUserToken(abha, token(call), abhaCall(call))),
    'abha.logout': json((call) => logout(abha, token(call), abhaCall(call))),

    'phr.web-search': json((_call, body) => searchAbhaAddress(abha, body, false)),
    'phr.web-request-otp': json((call, body) => requestPhrLoginOtp(abha, body, abhaCall(call), 'web')),
    'phr.web-verify': json((call, body) => verifyPhrLogin(abha, body, abhaCall(call), 'web')),
    'phr.web-profile': json((call) => phrProfileOf(abha, token(call), abhaCall(call))),
    'phr.web-card': async (call) => png(await phrImage(abha, token(call), abhaCall(call), 'card')),
    'phr.web-qr': async (call) => png(await phrImage(abha, token(call), abhaCall(call), 'qr')),
    'phr.app-login-search': json((_call, body) => searchAbhaAddress(abha, body, true)),
    'phr.app-login-request-otp': json((call, body) => requestPhrLoginOtp(abha, body, abhaCall(call), 'app')),
    'phr.app-login-verify': json((call, body) => verifyPhrLogin(abha, body, abhaCall(call), 'app')),
    'phr.app-login-verify-user': json((call, body) => verifyPhrUser(abha, body, token(call), abhaCall(call))),
    'phr.app-profile': json((call) => phrProfileOf(abha, token(call), abhaCall(call))),
    'phr.app-card': async (call) => png(await phrImage(abha, token(call), abhaCall(call), 'card')),
    'phr.app-qr': async (call) => png(await phrImage(abha, token(call), abhaCall(call), 'qr')),
    'phr.enrol-request-otp': json((call, body) => requestPhrEnrolmentOtp(abha, body, abhaCall(call))),
    'phr.enrol-verify': json((call, body) => verifyPhrEnrolment(abha, body, abhaCall(call))),
    'phr.enrol-suggestion': json((_call, body) => phrSuggestions(abha, body)),
    'phr.enrol-is-exists': json((call) => phrAddressExists(abha, call.request.query.abhaAddress)),
    'phr.enrol-enrol': json((call, body) => enrolPhrAddress(abha, body, abhaCall(call))),

    'legacy.cert-v1': async () => ({ bytes: { contentType: 'text/plain', data: await abha.keys.legacyPem() } }),
    'legacy.cert-v2': async () => ({ bytes: { contentType: 'text/plain', data: await abha.keys.legacyPem() } }),
    'legacy.generate-otp': legacyJson((call, body) => legacyGenerateOtp(abha, body, abhaCall(call))),
    'legacy.verify-otp': legacyJson((call, body) => legacyVerifyOtp(abha, body, abhaCall(call))),
    'legacy.check-generate-mobile-otp': legacyJson((call, body) => legacyCheckMobile(abha, body, abhaCall(call))),
    'legacy.verify-mobile-otp': legacyJson((call, body) => legacyVerifyMobileOtp(abha, body, abhaCall(call))),
    'legacy.create-health-id': legacyJson((call, body) => legacyCreateHealthId(abha, body, abhaCall(call))),
    'legacy.auth-init': legacyJson((call, body) => legacyAuthInit(abha, body, abhaCall(call))),
    'legacy.confirm-aadhaar-otp': legacyJson((call, body) => legacyConfirm(abha, body, 'aadhaar', abhaCall(call))),
    'legacy.confirm-mobile-otp': legacyJson((call, body) => legacyConfirm(abha, body, 'abdm', abhaCall(call))),
    'legacy.profile': legacyJson((call) => legacyProfile(abha, token(call), abhaCall(call))),
    'legacy.card': async (call) => png(await legacy(() => legacyImage(abha, token(call), abhaCall(call), 'card'))),
    'legacy.png-card': async (call) => png(await legacy(() => legacyImage(abha, token(call), abhaCall(call), 'card'))),
    'legacy.qr-code': async (call) => png(await legacy(() => legacyImage(abha, token(call), abhaCall(call), 'qr'))),
    'legacy.search-by-health-id': legacyJson((_call, body) => legacySearch(abha, body)),
    'legacy.exists-by-health-id': legacyJson((_call, body) => legacyExists(abha, body)),
  };
}
