import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('the request listener', () => {
  it('sends /sandbox and the OpenAPI document to the admin app, and everything else to the gateway', async () => {
    expect((await fetch(`${t.running.url}/sandbox/health?verbose=1`)).status).toBe(200);
    expect((await fetch(`${t.running.url}/api/hiecm/openapi.json`)).status).toBe(200);
    for (const path of ['/sandboxes', '/api/hiecm/openapi.json.bak', '/']) {
      const r = await fetch(t.running.url + path);
      expect(r.status, path).toBe(404);
      expect(await r.json(), path).toMatchObject({ code: '404', type: 'Status report' });
    }
  });

  it('hands the gateway the query string of a call', async () => {
    const r = await t.client.call('GET', '/api/hiecm/gateway/v3/providers?name=Navjeevan&name=ignored', { token: t.hipToken });
    expect(r.status).toBe(200);
    const names = (r.json as Array<{ identifier: { name: string } }>).map((p) => p.identifier.name.toLowerCase());
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.includes('navjeevan'))).toBe(true);
  });
});
