// Issues and verifies the gateway's JWTs: partner session tokens (client credentials and refresh) and the
// gateway's own token that signs every call to a bridge. Claims follow the Keycloak realm (spec §2.2).
import type { KeyObject } from 'node:crypto';
import { errors as jwtErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Clock } from '../../protocol/clock.js';
import { errors } from '../../protocol/errors.js';
import type { PartnerRole } from '../../protocol/operations/operation.js';
import type { SigningKeys } from './signing-keys.js';

/** Token lifetimes observed on the live sandbox (spec §2.1): 1200 s access, 1800 s refresh. */
export const ACCESS_TOKEN_SECONDS = 1200;
export const REFRESH_TOKEN_SECONDS = 1800;

export interface SessionTokens {
  accessToken: string;
  expiresIn: number;
  refreshExpiresIn: number;
  refreshToken: string;
  tokenType: 'bearer';
}

export interface AccessClaims {
  clientId: string;
  roles: PartnerRole[];
  /** Seconds since the epoch. */
  exp: number;
}

interface VerifiedToken {
  claims: AccessClaims;
  expMs: number;
}

const CACHE_LIMIT = 10_000;

export class TokenService {
  /** Verified access tokens, so the hot path checks a signature once per token rather than once per call. */
  private readonly verified = new Map<string, VerifiedToken>();
  private gatewayToken?: { token: string; refreshAfterMs: number };

  constructor(
    private readonly keys: SigningKeys,
    /** `<public base URL>/auth/realms/central-registry` */
    readonly issuer: string,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

  /** A session for a partner client: access token plus refresh token. */
  async issueSession(clientId: string, roles: ReadonlyArray<PartnerRole>): Promise<SessionTokens> {
    const now = Math.floor(this.clock.now() / 1000);
    const realmRoles = [...roles, 'offline_access', 'uma_authorization'];
    const accessToken = await this.sign(
      {
        jti: this.newId(),
        sub: this.newId(),
        typ: 'Bearer',
        azp: clientId,
        aud: 'account',
        scope: 'openid email profile',
        clientId,
        preferred_username: `service-account-${clientId.toLowerCase()}`,
        email_verified: false,
        'allowed-origins': ['*'],
        realm_access: { roles: realmRoles },
        resource_access: { account: { roles: ['manage-account', 'view-profile'] } },
      },
      now,
      now + ACCESS_TOKEN_SECONDS,
    );
    const refreshToken = await this.sign(
      { jti: this.newId(), typ: 'Refresh', azp: clientId, aud: this.issuer, scope: 'openid email profile', clientId },
      now,
      now + REFRESH_TOKEN_SECONDS,
    );
    return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS, refreshExpiresIn: REFRESH_TOKEN_SECONDS, refreshToken, tokenType: 'bearer' };
  }

  /** Verifies a partner's access token; throws the gateway's 401 with the exact reason. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    const nowMs = this.clock.now();
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expMs > nowMs) return cached.claims;
      this.verified.delete(token);
      throw errors.invalidCredentials(`the access token expired at ${new Date(cached.expMs).toISOString()}; get a new one from /api/hiecm/gateway/v3/sessions`);
    }
    const payload = await this.verify(token, 'access');
    if (payload.typ !== 'Bearer' || typeof payload.clientId !== 'string') {
      throw errors.invalidCredentials('this is not an access token (a refresh token cannot call the API)');
    }
    const roles = ((payload.realm_access as { roles?: unknown } | undefined)?.roles ?? []) as string[];
    const claims: AccessClaims = {
      clientId: payload.clientId,
      roles: roles.filter((r): r is PartnerRole => r === 'hip' || r === 'hiu'),
      exp: payload.exp ?? 0,
    };
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, { claims, expMs: claims.exp * 1000 });
    return claims;
  }

  /** Verifies a refresh token issued to `clientId`. */
  async verifyRefresh(token: string, clientId: string): Promise<void> {
    const payload = await this.verify(token, 'refresh');
    if (payload.typ !== 'Refresh') throw errors.invalidClient('refreshToken is not a refresh token');
    if (payload.clientId !== clientId) throw errors.invalidClient(`refreshToken was issued to another client, not ${clientId}`);
  }

  /** The gateway's own token for calls to bridges; reused while it has more than 5 minutes left, as the real one is. */
  async gatewayBearer(): Promise<string> {
    const nowMs = this.clock.now();
    if (this.gatewayToken && nowMs < this.gatewayToken.refreshAfterMs) return this.gatewayToken.token;
    const now = Math.floor(nowMs / 1000);
    const token = await this.signGatewayToken(now, now + ACCESS_TOKEN_SECONDS);
    this.gatewayToken = { token, refreshAfterMs: nowMs + (ACCESS_TOKEN_SECONDS - 300) * 1000 };
    return token;
  }

  /**
   * A gateway token with the claims of `gatewayBearer`'s, valid over [iat, exp] (seconds), signed by `privateKey`
   * under the real key's kid when one is given: the faulty tokens conformance tests send to a bridge.
   */
  signGatewayToken(iat: number, exp: number, privateKey?: KeyObject): Promise<string> {
    return this.sign(
      { jti: this.newId(), sub: this.newId(), typ: 'Bearer', azp: 'gateway', aud: 'account', clientId: 'gateway', scope: 'openid', realm_access: { roles: ['gateway'] } },
      iat,
      exp,
      privateKey,
    );
  }

  private sign(claims: JWTPayload, iat: number, exp: number, privateKey?: KeyObject): Promise<string> {
    const key = this.keys.signing;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(privateKey ?? key.privateKey);
  }

  private async verify(token: string, kind: 'access' | 'refresh'): Promise<JWTPayload> {
    const fail = kind === 'access' ? errors.invalidCredentials : errors.invalidClient;
    if (token.split('.').length !== 3) throw fail(`the ${kind} token is not a JWT (expected three dot-separated parts)`);
    try {
      const { payload } = await jwtVerify(token, (header) => {
        const key = header.kid ? this.keys.byKid(header.kid) : undefined;
        if (!key) throw new jwtErrors.JWKSNoMatchingKey(`no gateway key has kid ${header.kid ?? '(none)'}`);
        return key.publicKey;
      }, { issuer: this.issuer, algorithms: ['RS256'], currentDate: new Date(this.clock.now()) });
      return payload;
    } catch (err) {
      throw fail(describeJwtFailure(err, kind, this.issuer));
    }
  }
}

function describeJwtFailure(err: unknown, kind: string, issuer: string): string {
  if (err instanceof jwtErrors.JWTExpired) return `the ${kind} token expired at ${new Date(Number(err.payload.exp) * 1000).toISOString()}`;
  if (err instanceof jwtErrors.JWTClaimValidationFailed && err.claim === 'iss') return `the ${kind} token was issued by ${String(err.payload.iss)}, not by this gateway (${issuer})`;
  if (err instanceof jwtErrors.JWSSignatureVerificationFailed) return `the ${kind} token's signature does not verify against the gateway's keys`;
  if (err instanceof jwtErrors.JWKSNoMatchingKey) return `the ${kind} token was not signed by this gateway (${err.message})`;
  if (err instanceof jwtErrors.JOSEAlgNotAllowed) return `the ${kind} token is not RS256-signed`;
  if (err instanceof Error) return `the ${kind} token is invalid: ${err.message}`;
  return `the ${kind} token is invalid`;
}
