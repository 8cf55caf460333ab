// The MSW handlers let a partner's own unit tests talk to "https://dev.abdm.gov.in" in-process.
import { randomUUID } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAbdmHandlers, DEMO_HIP, type AbdmMsw } from '../../sandbox-server/msw/index.js';
import { SMALL_WORLD } from '../support/test-sandbox.js';

let abdm: AbdmMsw;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  abdm = await createAbdmHandlers(SMALL_WORLD);
  server = setupServer(...abdm.handlers);
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  server.close();
  await abdm.close();
});

function headers(token?: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'REQUEST-ID': randomUUID(),
    TIMESTAMP: new Date().toISOString(),
    'X-CM-ID': 'sbx',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

describe('abdm-sandbox/msw', () => {
  it('serves a session and a bridge registration at the real sandbox host', async () => {
    const session = await fetch('https://dev.abdm.gov.in/api/hiecm/gateway/v3/sessions', {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ clientId: DEMO_HIP.clientId, clientSecret: DEMO_HIP.clientSecret, grantType: 'client_credentials' }),
    });
    expect(session.status).toBe(200);
    const { accessToken, expiresIn } = (await session.json()) as { accessToken: string; expiresIn: number };
    expect(expiresIn).toBe(1200);

    const patch = await fetch('https://dev.abdm.gov.in/api/hiecm/gateway/v3/bridge/url', { method: 'PATCH', headers: headers(accessToken), body: JSON.stringify({ url: 'https://my-hip.example.in' }) });
    expect(patch.status).toBe(202);

    const services = await fetch('https://dev.abdm.gov.in/api/hiecm/gateway/v3/bridge-services', { headers: headers(accessToken) });
    expect(((await services.json()) as { bridge: { url: string } }).bridge.url).toBe('https://my-hip.example.in');
    expect(abdm.journal({ clientId: DEMO_HIP.clientId }).map((e) => e.operationId)).toEqual(['gateway.sessions', 'gateway.bridge-url', 'gateway.bridge-services']);
  });

  it('issues tokens from the real sandbox issuer', async () => {
    expect(abdm.sandbox.ctx.tokens.issuer).toBe('https://dev.abdm.gov.in/auth/realms/central-registry');
  });

  it('answers the same errors as the HTTP server, and 404 for unknown paths on the host', async () => {
    const bad = await fetch('https://dev.abdm.gov.in/api/hiecm/gateway/v3/bridge-services', { headers: { ...headers(), 'X-CM-ID': 'abdm', Authorization: 'Bearer x.y.z' } });
    expect(bad.status).toBe(401);
    const unknown = await fetch('https://dev.abdm.gov.in/api/hiecm/nothing/here', { headers: headers() });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { type: string }).type).toBe('Status report');
  });
});
