import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HIP, DEMO_HIU } from '../../sandbox-server/partners/demo-partners.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const SESSIONS = '/api/hiecm/gateway/v3/sessions';
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('POST /api/hiecm/gateway/v3/sessions', () => {
  it('gives the demo HIP a token pair with the observed lifetimes', async () => {
    const r = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIP.clientId, clientSecret: DEMO_HIP.clientSecret, grantType: 'client_credentials' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ expiresIn: 1200, refreshExpiresIn: 1800, tokenType: 'bearer' });
    expect(typeof r.json.accessToken).toBe('string');
    expect(typeof r.json.refreshToken).toBe('string');
  });

  it('signs the access token RS256 with a key partners can fetch from every JWKS path, carrying the Keycloak claims', async () => {
    const base = t.running.sandbox.ctx.config.publicUrl.replace('localhost', '127.0.0.1');
    const issuer = t.running.sandbox.ctx.tokens.issuer;
    for (const path of ['/gateway/v0.5/certs', '/auth/realms/central-registry/protocol/openid-connect/certs']) {
      const jwks = createRemoteJWKSet(new URL(base + path));
      const { payload } = await jwtVerify(t.hipToken, jwks, { issuer, algorithms: ['RS256'] });
      expect(payload).toMatchObject({ clientId: DEMO_HIP.clientId, azp: DEMO_HIP.clientId, typ: 'Bearer', aud: 'account' });
      expect((payload.realm_access as { roles: string[] }).roles).toContain('hip');
      expect(payload.exp! - payload.iat!).toBe(1200);
    }
    expect(decodeProtectedHeader(t.hipToken)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
  });

  it('gives an HIU client the hiu role and not hip', async () => {
    const { payload } = await jwtVerify(t.hiuToken, t.running.sandbox.ctx.keys.signing.publicKey);
    expect((payload.realm_access as { roles: string[] }).roles).toContain('hiu');
    expect((payload.realm_access as { roles: string[] }).roles).not.toContain('hip');
  });

  it('refreshes with the refresh token', async () => {
    const first = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIU.clientId, clientSecret: DEMO_HIU.clientSecret, grantType: 'client_credentials' } });
    const refreshed = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIU.clientId, refreshToken: first.json.refreshToken, grantType: 'refresh_token' } });
    expect(refreshed.status).toBe(200);
    const bridge = await t.client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token: refreshed.json.accessToken });
    expect(bridge.status).toBe(200);
  });

  it('refuses a refresh token issued to another client', async () => {
    const other = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIU.clientId, clientSecret: DEMO_HIU.clientSecret, grantType: 'client_credentials' } });
    const r = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIP.clientId, refreshToken: other.json.refreshToken, grantType: 'refresh_token' } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('ABDM-1015');
    expect(r.json.error.message).toContain('issued to another client');
  });

  it('refuses a wrong secret and an unknown client with 401 and says which', async () => {
    const wrong = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIP.clientId, clientSecret: 'nope-nope', grantType: 'client_credentials' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toEqual({ code: 'ABDM-1015', message: `Invalid client credentials: wrong clientSecret for ${DEMO_HIP.clientId}` });
    const unknown = await t.client.call('POST', SESSIONS, { body: { clientId: 'SBX_NOBODY', clientSecret: 'whatever1', grantType: 'client_credentials' } });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.message).toContain('unknown clientId SBX_NOBODY');
  });

  it('names the missing field when the body is incomplete', async () => {
    const r = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIP.clientId, grantType: 'client_credentials' } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-1006');
    expect(r.json.error.message).toContain('body.clientSecret is required');
    const badGrant = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIP.clientId, clientSecret: 'x', grantType: 'password' } });
    expect(badGrant.json.error.message).toContain('body.grantType must be one of "client_credentials", "refresh_token"');
  });

  it('does not accept a refresh token as an access token', async () => {
    const s = await t.client.call('POST', SESSIONS, { body: { clientId: DEMO_HIP.clientId, clientSecret: DEMO_HIP.clientSecret, grantType: 'client_credentials' } });
    const r = await t.client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token: s.json.refreshToken });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ code: '900901', message: 'Invalid Credentials' });
    expect(r.json.description).toContain('not an access token');
  });
});

describe('OpenID configuration and JWKS', () => {
  it('serves the same key set at the v3, v0.5 and realm paths; v3 wants a token', async () => {
    const v3NoToken = await t.client.call('GET', '/api/hiecm/gateway/v3/certs');
    expect(v3NoToken.status).toBe(401);
    expect(v3NoToken.json.error.code).toBe('ABDM-2500');
    const v3 = await t.client.call('GET', '/api/hiecm/gateway/v3/certs', { token: t.hipToken });
    const v05 = await t.client.call('GET', '/gateway/v0.5/certs', { headers: { 'REQUEST-ID': null, TIMESTAMP: null, 'X-CM-ID': null } });
    const realm = await t.client.call('GET', '/auth/realms/central-registry/protocol/openid-connect/certs', { headers: { 'REQUEST-ID': null } });
    expect(v3.status).toBe(200);
    expect(v05.json).toEqual(v3.json);
    expect(realm.json).toEqual(v3.json);
    expect(v3.json.keys.map((k: { alg: string }) => k.alg).sort()).toEqual(['RS256', 'RS512']);
    for (const key of v3.json.keys) {
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB' });
      expect(key.x5c).toHaveLength(1);
      expect(typeof key.x5t).toBe('string');
    }
  });

  it('publishes a certificate for CN=central-registry that holds the signing key', async () => {
    const { X509Certificate } = await import('node:crypto');
    const jwks = t.running.sandbox.ctx.keys.jwks();
    const rs256 = jwks.keys.find((k) => k.alg === 'RS256')!;
    const cert = new X509Certificate(Buffer.from(rs256.x5c[0], 'base64'));
    expect(cert.subject).toBe('CN=central-registry');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.export({ format: 'jwk' })).toMatchObject({ n: rs256.n, e: rs256.e });
  });

  it('points each openid-configuration at its JWKS', async () => {
    const base = t.running.sandbox.ctx.config.publicUrl;
    const v3 = await t.client.call('GET', '/api/hiecm/gateway/v3/.well-known/openid-configuration');
    expect(v3.json.jwks_uri).toBe(`${base}/api/hiecm/gateway/v3/certs`);
    const realm = await t.client.call('GET', '/auth/realms/central-registry/.well-known/openid-configuration');
    expect(realm.json.issuer).toBe(`${base}/auth/realms/central-registry`);
    expect(realm.json.jwks_uri).toBe(`${base}/auth/realms/central-registry/protocol/openid-connect/certs`);
  });
});
