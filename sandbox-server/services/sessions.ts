// Sessions (spec §2.1): client credentials or a refresh token in, a Keycloak-style token pair out.
import { errors } from '../../protocol/errors.js';
import type { SandboxContext } from '../context.js';
import type { SessionTokens } from '../auth/token-service.js';
import { rolesOf } from '../store/partner-repository.js';

export interface SessionRequest {
  clientId: string;
  clientSecret?: string;
  grantType: 'client_credentials' | 'refresh_token';
  refreshToken?: string;
}

export async function createSession(ctx: SandboxContext, request: SessionRequest): Promise<SessionTokens> {
  let client;
  if (request.grantType === 'client_credentials') {
    client = await ctx.partners.authenticate(request.clientId, request.clientSecret ?? '');
  } else {
    client = ctx.partners.client(request.clientId);
    if (!client) throw errors.invalidClient(`unknown clientId ${request.clientId}`);
    await ctx.tokens.verifyRefresh(request.refreshToken ?? '', request.clientId);
    if (request.clientSecret !== undefined) await ctx.partners.authenticate(request.clientId, request.clientSecret);
  }
  const session = await ctx.tokens.issueSession(client.clientId, rolesOf(client));
  ctx.events.emit('session.created', { clientId: client.clientId, grantType: request.grantType }, { correlation: [client.clientId] });
  return session;
}
