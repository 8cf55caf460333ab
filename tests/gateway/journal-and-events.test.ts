import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HIP, DEMO_HIU } from '../../sandbox-server/partners/demo-partners.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

async function journal(query: string) {
  const r = await fetch(`${t.running.url}/sandbox/journal${query}`);
  return { status: r.status, json: (await r.json()) as any };
}

describe('GET /sandbox/journal', () => {
  it('finds an exchange by its REQUEST-ID with method, path, headers, body, status and timing', async () => {
    const requestId = randomUUID();
    await t.client.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { token: t.hipToken, headers: { 'REQUEST-ID': requestId }, body: { url: 'https://hip.example.in' } });
    const r = await journal(`?correlation=${requestId}`);
    expect(r.status).toBe(200);
    expect(r.json.exchanges).toHaveLength(1);
    const e = r.json.exchanges[0];
    expect(e).toMatchObject({ direction: 'inbound', operationId: 'gateway.bridge-url', method: 'PATCH', url: '/api/hiecm/gateway/v3/bridge/url', clientId: DEMO_HIP.clientId, requestId, status: 202 });
    expect(JSON.parse(e.requestBody)).toEqual({ url: 'https://hip.example.in' });
    expect(e.requestHeaders['x-cm-id']).toBe('sbx');
    expect(e.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(e.startedAt)).not.toBeNaN();
  });

  it('never keeps a secret or a token: client secrets, access and refresh tokens are fingerprinted', async () => {
    const requestId = randomUUID();
    await t.client.call('POST', '/api/hiecm/gateway/v3/sessions', { headers: { 'REQUEST-ID': requestId }, body: { clientId: DEMO_HIU.clientId, clientSecret: DEMO_HIU.clientSecret, grantType: 'client_credentials' } });
    const [e] = (await journal(`?correlation=${requestId}`)).json.exchanges;
    const all = JSON.stringify(e);
    expect(all).not.toContain(DEMO_HIU.clientSecret);
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(JSON.parse(e.requestBody).clientSecret).toMatch(/^\[redacted sha256:[0-9a-f]{8}\]$/);
    expect(JSON.parse(e.responseBody).accessToken).toMatch(/^\[redacted sha256:/);
  });

  it('filters by client and by time or cursor, and pages', async () => {
    const before = new Date().toISOString();
    for (let i = 0; i < 3; i++) await t.client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token: t.hiuToken });
    const byClient = await journal(`?client=${DEMO_HIU.clientId}&since=${encodeURIComponent(before)}`);
    expect(byClient.json.exchanges).toHaveLength(3);
    expect(byClient.json.exchanges.every((e: { clientId: string }) => e.clientId === DEMO_HIU.clientId)).toBe(true);
    const page = await journal(`?client=${DEMO_HIU.clientId}&limit=2`);
    expect(page.json.exchanges).toHaveLength(2);
    const next = await journal(`?client=${DEMO_HIU.clientId}&limit=2&after=${page.json.next}`);
    expect(next.json.exchanges[0].id).toBeGreaterThan(page.json.next);
  });

  it('rejects a bad query parameter in the ABDM error shape', async () => {
    const r = await journal('?limit=lots');
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain('limit=lots must be an integer from 1 to 5000');
    const one = await fetch(`${t.running.url}/sandbox/journal/999999999`);
    expect(one.status).toBe(404);
  });
});

describe('GET /sandbox/events (server-sent events)', () => {
  it('streams each exchange as it happens, filtered by correlation id', async () => {
    const requestId = randomUUID();
    const controller = new AbortController();
    const response = await fetch(`${t.running.url}/sandbox/events?correlation=${requestId}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    await t.client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token: t.hipToken });
    await t.client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token: t.hipToken, headers: { 'REQUEST-ID': requestId } });
    while (!text.includes('event: exchange')) text += decoder.decode((await reader.read()).value);
    controller.abort();
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]);
    expect(data).toMatchObject({ type: 'exchange', correlation: [requestId], data: { operationId: 'gateway.bridge-services', status: 200 } });
    expect(text.match(/event: exchange/g)).toHaveLength(1);
  });
});

describe('GET /sandbox/patients/:id', () => {
  it('looks a synthetic patient up by ABHA number, ABHA address or index', async () => {
    const p = t.running.sandbox.ctx.world.patient(42);
    for (const id of [p.abhaNumber, p.abhaAddress, '42']) {
      const r = await fetch(`${t.running.url}/sandbox/patients/${encodeURIComponent(id)}`);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ index: 42, abhaAddress: p.abhaAddress });
    }
    const missing = await fetch(`${t.running.url}/sandbox/patients/nobody@sbx`);
    expect(missing.status).toBe(404);
  });
});
