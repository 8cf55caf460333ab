// Issues and verifies link tokens (spec §5.5): RS256 JWTs signed with the gateway key, valid six months.
// link/carecontext is the hot path of HIP-initiated linking, so a token's signature is checked once and its
// claims remembered until it expires.
import { errors as jwtErrors, jwtVerify, SignJWT } from 'jose';
import { linkTokenExpiry, type LinkTokenClaims } from '../../protocol/linking/link-token.js';
import type { SandboxContext } from '../context.js';

export interface IssuedToken {
  token: string;
  tokenId: string;
  expiresAt: number;
}

export type VerifiedLinkToken = { ok: true; claims: LinkTokenClaims; expiresAt: number } | { ok: false; reason: string };

const CACHE_LIMIT = 100_000;

export class LinkTokenService {
  private readonly verified = new Map<string, { claims: LinkTokenClaims; expiresAt: number }>();

  constructor(private readonly ctx: SandboxContext) {}

  async issue(claims: Omit<LinkTokenClaims, 'typ'>): Promise<IssuedToken> {
    const { ctx } = this;
    const nowMs = ctx.clock.now();
    const expiresAt = linkTokenExpiry(nowMs);
    const tokenId = ctx.ids.uuid();
    const key = ctx.keys.signing;
    const token = await new SignJWT({ ...claims, typ: 'LinkToken' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
      .setIssuer(ctx.tokens.issuer)
      .setJti(tokenId)
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(key.privateKey);
    return { token, tokenId, expiresAt };
  }

  /** The claims of a valid, unexpired link token from this gateway, or why it is not one. */
  async verify(token: string): Promise<VerifiedLinkToken> {
    const nowMs = this.ctx.clock.now();
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAt > nowMs) return { ok: true, ...cached };
      return { ok: false, reason: `the link token expired at ${new Date(cached.expiresAt).toISOString()}; generate a new one` };
    }
    if (token.split('.').length !== 3) return { ok: false, reason: 'X-LINK-TOKEN is not a JWT (expected three dot-separated parts)' };
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid ? this.ctx.keys.byKid(header.kid) : undefined;
          if (!key) throw new jwtErrors.JWKSNoMatchingKey(`no gateway key has kid ${header.kid ?? '(none)'}`);
          return key.publicKey;
        },
        { issuer: this.ctx.tokens.issuer, algorithms: ['RS256'], currentDate: new Date(nowMs) },
      );
      if (payload.typ !== 'LinkToken' || typeof payload.abhaAddress !== 'string' || typeof payload.hipId !== 'string' || typeof payload.abhaNumber !== 'string') {
        return { ok: false, reason: 'X-LINK-TOKEN is a gateway JWT but not a link token (a session token cannot link care contexts)' };
      }
      const entry = { claims: { abhaNumber: payload.abhaNumber, abhaAddress: payload.abhaAddress, hipId: payload.hipId, typ: 'LinkToken' as const }, expiresAt: (payload.exp ?? 0) * 1000 };
      if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
      this.verified.set(token, entry);
      return { ok: true, ...entry };
    } catch (err) {
      return { ok: false, reason: describeFailure(err) };
    }
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof jwtErrors.JWTExpired) return `the link token expired at ${new Date(Number(err.payload.exp) * 1000).toISOString()}; generate a new one`;
  if (err instanceof jwtErrors.JWTClaimValidationFailed && err.claim === 'iss') return `the link token was issued by ${String(err.payload.iss)}, not by this gateway`;
  if (err instanceof jwtErrors.JWSSignatureVerificationFailed) return "the link token's signature does not verify against the gateway's keys (altered or forged)";
  if (err instanceof jwtErrors.JWKSNoMatchingKey) return `the link token was not signed by this gateway (${err.message})`;
  if (err instanceof Error) return `the link token is invalid: ${err.message}`;
  return 'the link token is invalid';
}

const services = new WeakMap<SandboxContext, LinkTokenService>();

/** The sandbox's link-token service (one per sandbox: it holds the verified-token cache). */
export function linkTokensOf(ctx: SandboxContext): LinkTokenService {
  let service = services.get(ctx);
  if (!service) {
    service = new LinkTokenService(ctx);
    services.set(ctx, service);
  }
  return service;
}
