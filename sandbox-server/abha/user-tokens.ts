// The ABHA service's user tokens (spec §4.4): the X-token a login or enrolment gives (typ "Transaction", 1800 s),
// the T-token a mobile-OTP login gives (typ "Transfer", 300 s, to exchange at verify/user) and the R-token
// (typ "Refresh", 15 days). RS512 JWTs with the claims the live service puts in them, signed with the sandbox's
// RS512 key; logged-out tokens are remembered in the store.
import { errors as jwtErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import { ABHA_TOKEN_SECONDS } from '../../protocol/abha/otp-rules.js';
import type { Finding } from '../../protocol/findings.js';
import { formatAbhaNumber } from '../../protocol/ids/abha-number.js';
import type { SandboxContext } from '../context.js';

export type AbhaTokenKind = 'user' | 'transfer' | 'refresh';

/** `ABHA-N`: an ABHA-number session (enrolment, profile login); `ABHA-A`: an ABHA-address (PHR) session. */
export type AbhaSystem = 'ABHA-N' | 'ABHA-A';

const TYP: Record<AbhaTokenKind, string> = { user: 'Transaction', transfer: 'Transfer', refresh: 'Refresh' };
const HEADER: Record<AbhaTokenKind, 'X-token' | 'T-token' | 'R-token'> = { user: 'X-token', transfer: 'T-token', refresh: 'R-token' };
const CLIENT_ID = 'abha-profile-app-api';

export interface AbhaTokenClaims {
  kind: AbhaTokenKind;
  jti: string;
  system: AbhaSystem;
  /** 14 digits (ABHA-N sessions). */
  abhaNumber?: string;
  /** The address the session is for (ABHA-A) or the preferred one (ABHA-N). */
  abhaAddress?: string;
  mobile?: string;
  txnId?: string;
  /** Seconds since the epoch. */
  exp: number;
}

export interface SessionSubject {
  system: AbhaSystem;
  abhaNumber?: string;
  abhaAddress?: string;
  mobile: string;
  kycVerified: boolean;
  txnId?: string;
}

/** `{token, expiresIn, refreshToken, refreshExpiresIn}`, as enrolment, login and verify/user return them. */
export interface SessionTokens {
  token: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

interface Verified {
  claims: AbhaTokenClaims;
  gatewayToken: boolean;
}

export class AbhaUserTokens {
  /** Tokens already verified, so a profile fetch checks a signature once per token. */
  private readonly cache = new Map<string, Verified>();

  constructor(private readonly ctx: SandboxContext) {}

  /** An X-token and its R-token. */
  async issueSession(subject: SessionSubject): Promise<SessionTokens> {
    const now = this.nowSeconds();
    const dashed = subject.abhaNumber ? formatAbhaNumber(subject.abhaNumber) : undefined;
    const sub = dashed ?? subject.abhaAddress ?? subject.mobile;
    const token = await this.sign(
      {
        isKycVerified: subject.kycVerified,
        sub,
        clientId: CLIENT_ID,
        system: subject.system,
        accountType: 'standard',
        mobile: subject.mobile,
        ...(dashed ? { abhaNumber: dashed } : {}),
        ...(subject.abhaAddress ? (subject.system === 'ABHA-A' ? { abhaAddress: subject.abhaAddress } : { preferredAbhaAddress: subject.abhaAddress }) : {}),
        typ: TYP.user,
        txnId: subject.txnId ?? '',
      },
      now,
      ABHA_TOKEN_SECONDS.user,
    );
    const refreshToken = await this.sign(
      { sub, clientId: CLIENT_ID, system: subject.system, ...(dashed ? { abhaNumber: dashed } : {}), ...(subject.system === 'ABHA-A' ? { abhaAddress: subject.abhaAddress } : {}), mobile: subject.mobile, typ: TYP.refresh },
      now,
      ABHA_TOKEN_SECONDS.refresh,
    );
    return { token, expiresIn: ABHA_TOKEN_SECONDS.user, refreshToken, refreshExpiresIn: ABHA_TOKEN_SECONDS.refresh };
  }

  /** A T-token for a mobile-OTP login: it names the mobile and the transaction, nothing else. */
  async issueTransfer(mobile: string, txnId: string, system: AbhaSystem): Promise<{ token: string; expiresIn: number }> {
    const now = this.nowSeconds();
    const token = await this.sign({ sub: mobile, clientId: CLIENT_ID, system, mobile, typ: TYP.transfer, loginSubject: 'MOBILE_LOGIN', txnId }, now, ABHA_TOKEN_SECONDS.transfer);
    return { token, expiresIn: ABHA_TOKEN_SECONDS.transfer };
  }

  /**
   * Verifies a token sent where `expected` belongs. A token of another kind (a T-token as X-token, the X-token as
   * T-token, the gateway session token as either) is refused with a message and a finding that say which it was.
   */
  async verify(token: string, expected: AbhaTokenKind, findings: Finding[], system?: AbhaSystem): Promise<AbhaTokenClaims> {
    const header = HEADER[expected];
    const verified = await this.verifySignature(token, header, findings);
    if (verified.gatewayToken) {
      findings.push({ ruleId: 'abha-gateway-token-as-user-token', severity: 'error', path: header, message: `the gateway session token was sent as ${header}` });
      throw abhaErrors.invalidUserToken(header, `this is the gateway session token (it belongs in Authorization); ${header} takes the ${describe(expected)}`);
    }
    const { claims } = verified;
    if (claims.kind !== expected) {
      const ruleId = `abha-${claims.kind === 'transfer' ? 't' : claims.kind === 'user' ? 'x' : 'r'}token-as-${expected === 'transfer' ? 't' : expected === 'user' ? 'x' : 'r'}token`;
      findings.push({ ruleId, severity: 'error', path: header, message: `${article(HEADER[claims.kind])} was sent as ${header}` });
      throw abhaErrors.invalidUserToken(header, `this is ${article(HEADER[claims.kind])} (${describe(claims.kind)}); ${header} takes the ${describe(expected)}${hint(claims.kind, expected)}`);
    }
    const nowMs = this.ctx.clock.now();
    if (claims.exp * 1000 <= nowMs) {
      this.cache.delete(token);
      findings.push({ ruleId: 'abha-user-token-expired', severity: 'warning', path: header, message: `${header} used after it expired` });
      throw abhaErrors.userTokenExpired(header, `it expired at ${new Date(claims.exp * 1000).toISOString()}${expected === 'user' ? '; refresh it with the R-token (GET /abha/api/v3/profile/account/request/token) or log in again' : ''}`);
    }
    if (this.ctx.store.abha.isRevoked(claims.jti)) {
      findings.push({ ruleId: 'abha-user-token-logged-out', severity: 'warning', path: header, message: `${header} used after logout` });
      throw abhaErrors.invalidUserToken(header, 'this session was logged out (GET /abha/api/v3/profile/account/request/logout); log in again');
    }
    if (system && claims.system !== system) {
      findings.push({ ruleId: 'abha-user-token-wrong-service', severity: 'error', path: header, message: `an ${claims.system} ${header} was sent to an ${system} call` });
      throw abhaErrors.invalidUserToken(
        header,
        claims.system === 'ABHA-A'
          ? `this token is for ABHA address ${claims.abhaAddress} from an ABHA-address (PHR) login; use it on /abha/api/v3/phr/... calls, or log in with the ABHA number for /abha/api/v3/profile/...`
          : 'this token is from an ABHA-number login; the /abha/api/v3/phr/... calls take the token of an ABHA-address (PHR) login',
      );
    }
    return claims;
  }

  /** Logs a session out: its token is refused from now on. */
  revoke(claims: AbhaTokenClaims): void {
    this.ctx.store.abha.revokeToken(claims.jti, new Date(this.ctx.clock.now()).toISOString(), new Date(claims.exp * 1000).toISOString());
  }

  private nowSeconds(): number {
    return Math.floor(this.ctx.clock.now() / 1000);
  }

  private sign(claims: JWTPayload, iat: number, lifetime: number): Promise<string> {
    const key = this.ctx.keys.keys.find((k) => k.alg === 'RS512') ?? this.ctx.keys.signing;
    return new SignJWT({ ...claims, jti: this.ctx.ids.uuid() })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetime)
      .sign(key.privateKey);
  }

  private async verifySignature(token: string, header: string, findings: Finding[]): Promise<Verified> {
    const cached = this.cache.get(token);
    if (cached) return cached;
    if (token.split('.').length !== 3) throw abhaErrors.invalidUserToken(header as 'X-token', `the ${header} is not a JWT (three dot-separated parts)`);
    let payload: JWTPayload;
    try {
      // Expiry is judged afterwards, so an expired token gets "expired" rather than a signature complaint.
      ({ payload } = await jwtVerify(token, (h) => {
        const key = h.kid ? this.ctx.keys.byKid(h.kid) : undefined;
        if (!key) throw new jwtErrors.JWKSNoMatchingKey(`no sandbox key has kid ${h.kid ?? '(none)'}`);
        return key.publicKey;
      }, { algorithms: ['RS256', 'RS512'], currentDate: new Date(0) }));
    } catch (err) {
      findings.push({ ruleId: 'abha-user-token-invalid', severity: 'error', path: header, message: `${header} is not a token this sandbox issued` });
      const why = err instanceof jwtErrors.JWSSignatureVerificationFailed ? 'its signature does not verify' : err instanceof Error ? err.message : 'it does not verify';
      throw abhaErrors.invalidUserToken(header as 'X-token', `the ${header} was not issued by this sandbox (${why})`);
    }
    const gatewayToken = payload.typ === 'Bearer' && typeof payload.clientId === 'string' && payload.clientId !== CLIENT_ID;
    const kind = (Object.entries(TYP).find(([, typ]) => typ === payload.typ)?.[0] ?? 'user') as AbhaTokenKind;
    const number = typeof payload.abhaNumber === 'string' ? payload.abhaNumber.replace(/-/g, '') : undefined;
    const claims: AbhaTokenClaims = {
      kind,
      jti: String(payload.jti ?? ''),
      system: payload.system === 'ABHA-A' ? 'ABHA-A' : 'ABHA-N',
      abhaNumber: number,
      abhaAddress: typeof payload.abhaAddress === 'string' ? payload.abhaAddress : typeof payload.preferredAbhaAddress === 'string' ? payload.preferredAbhaAddress : undefined,
      mobile: typeof payload.mobile === 'string' ? payload.mobile : undefined,
      txnId: typeof payload.txnId === 'string' && payload.txnId !== '' ? payload.txnId : undefined,
      exp: payload.exp ?? 0,
    };
    const verified = { claims, gatewayToken };
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(token, verified);
    return verified;
  }
}

function article(name: string): string {
  return `${name.startsWith('T') ? 'a' : 'an'} ${name}`;
}

function describe(kind: AbhaTokenKind): string {
  return kind === 'user' ? 'user token (X-token) from an Aadhaar-OTP login, verify/user or an enrolment' : kind === 'transfer' ? 'transfer token (T-token) a mobile-OTP login/verify returns' : 'refresh token (R-token)';
}

function hint(actual: AbhaTokenKind, expected: AbhaTokenKind): string {
  if (actual === 'transfer' && expected === 'user') return '; exchange the T-token for an X-token at POST /abha/api/v3/profile/login/verify/user first';
  if (actual === 'user' && expected === 'transfer') return '; a login that returns refreshToken already gave the final X-token: use it as X-token, verify/user is not needed';
  return '';
}
