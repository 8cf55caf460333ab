import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { serveSandbox } from '../../sandbox-server/http/server.js';
import { DEMO_HIP } from '../../sandbox-server/partners/demo-partners.js';
import { GatewayClient } from '../support/gateway-client.js';
import { SMALL_WORLD } from '../support/test-sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'abdm-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a restart with the same --data-dir', () => {
  it('keeps partners, bridge URLs, the journal, the signing keys, and refuses reused REQUEST-IDs', async () => {
    const options = { port: 0, host: '127.0.0.1', dataDir: dir, ...SMALL_WORLD };
    const first = await serveSandbox(options);
    let client = new GatewayClient(first.url);
    const registered = await first.sandbox.ctx.partners.register({ role: 'hiu', serviceId: 'KEEP_ME_HIU', clientId: 'KEEP_ME', clientSecret: 'keep-me-secret' });
    expect(registered.createdClient).toBe(true);
    let token = await client.token(DEMO_HIP.clientId, DEMO_HIP.clientSecret);
    const requestId = randomUUID();
    await client.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { token, headers: { 'REQUEST-ID': requestId }, body: { url: 'https://kept.example.in' } });
    const jwksBefore = first.sandbox.ctx.keys.jwks();
    await first.close();

    const second = await serveSandbox(options);
    try {
      client = new GatewayClient(second.url);
      expect(second.sandbox.ctx.keys.jwks()).toEqual(jwksBefore);
      token = await client.token(DEMO_HIP.clientId, DEMO_HIP.clientSecret);
      const services = await client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token });
      expect(services.json.bridge.url).toBe('https://kept.example.in');
      await client.token('KEEP_ME', 'keep-me-secret');
      expect(second.sandbox.ctx.journal.query({ correlation: requestId })).toHaveLength(1);
      const reused = await client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token, headers: { 'REQUEST-ID': requestId } });
      expect(reused.json.error.code).toBe('ABDM-1064');
    } finally {
      await second.close();
    }
  });
});
