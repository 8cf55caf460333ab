import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const BRIDGE_SERVICES = '/api/hiecm/gateway/v3/bridge-services';
const ON_DISCOVER = '/api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover';
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

function errorOf(r: { json: any }) {
  return r.json?.error ?? r.json;
}

describe('Authorization', () => {
  it('a missing Authorization header is ABDM-2500 (401)', async () => {
    const r = await t.client.call('GET', BRIDGE_SERVICES);
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 'ABDM-2500', message: 'Authorization header is missing' } });
  });

  it('a token that is not "Bearer <jwt>" or does not verify is WSO2 900901 (401) with the reason', async () => {
    const noBearer = await t.client.call('GET', BRIDGE_SERVICES, { headers: { Authorization: t.hipToken } });
    expect(noBearer.status).toBe(401);
    expect(noBearer.json.code).toBe('900901');
    expect(noBearer.json.description).toContain('"Bearer <accessToken>"');
    const garbage = await t.client.call('GET', BRIDGE_SERVICES, { token: 'abc.def.ghi' });
    expect(garbage.status).toBe(401);
    expect(garbage.json.code).toBe('900901');
    const [h, p] = t.hipToken.split('.');
    const forged = await t.client.call('GET', BRIDGE_SERVICES, { token: `${h}.${p}.${'A'.repeat(342)}` });
    expect(forged.json.description).toContain('signature does not verify');
  });
});

describe('standard headers', () => {
  const cases: Array<[string, Record<string, string | null>, number, string, string]> = [
    ['missing REQUEST-ID', { 'REQUEST-ID': null }, 400, 'ABDM-1032', 'REQUEST-ID header is missing'],
    ['REQUEST-ID not a UUID', { 'REQUEST-ID': 'req-123' }, 400, 'ABDM-2404', 'REQUEST-ID "req-123" is not a UUID'],
    ['missing TIMESTAMP', { TIMESTAMP: null }, 400, 'ABDM-1032', 'TIMESTAMP header is missing'],
    ['TIMESTAMP in a local format', { TIMESTAMP: '24/11/2026 10:00:00' }, 400, 'ABDM-1016', 'is not an ISO-8601 date-time'],
    ['TIMESTAMP without a zone', { TIMESTAMP: '2026-11-24T10:00:00.000' }, 400, 'ABDM-1016', 'has no time zone'],
    ['TIMESTAMP an impossible date', { TIMESTAMP: '2026-02-30T10:00:00.000Z' }, 400, 'ABDM-1016', 'not a real calendar date-time'],
    ['TIMESTAMP five minutes old', { TIMESTAMP: new Date(Date.now() - 5 * 60_000).toISOString() }, 400, 'ABDM-2402', 'behind the gateway clock'],
    ['TIMESTAMP an hour ahead', { TIMESTAMP: new Date(Date.now() + 3600_000).toISOString() }, 400, 'ABDM-2402', 'ahead of the gateway clock'],
    ['missing X-CM-ID', { 'X-CM-ID': null }, 400, 'ABDM-1032', 'X-CM-ID header is missing'],
    ['production X-CM-ID', { 'X-CM-ID': 'abdm' }, 400, 'ABDM-2403', '"abdm" is production'],
    ['upper-case X-CM-ID', { 'X-CM-ID': 'SBX' }, 400, 'ABDM-2403', 'case-sensitive'],
  ];
  for (const [name, headers, status, code, text] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const r = await t.client.call('GET', BRIDGE_SERVICES, { token: t.hipToken, headers });
      expect(r.status).toBe(status);
      expect(errorOf(r).code).toBe(code);
      expect(errorOf(r).message).toContain(text);
    });
  }

  it('refuses a REQUEST-ID the same client used before (ABDM-1064), but not one another client used', async () => {
    const id = randomUUID();
    expect((await t.client.call('GET', BRIDGE_SERVICES, { token: t.hipToken, headers: { 'REQUEST-ID': id } })).status).toBe(200);
    const again = await t.client.call('GET', BRIDGE_SERVICES, { token: t.hipToken, headers: { 'REQUEST-ID': id } });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('ABDM-1064');
    expect(again.json.error.message).toContain(`REQUEST-ID ${id} was already used`);
    expect((await t.client.call('GET', BRIDGE_SERVICES, { token: t.hiuToken, headers: { 'REQUEST-ID': id } })).status).toBe(200);
  });

  it('matches header names case-insensitively', async () => {
    const r = await t.client.call('GET', BRIDGE_SERVICES, { token: t.hipToken, headers: { 'request-id': randomUUID(), timestamp: new Date().toISOString(), 'x-cm-id': 'sbx' } });
    expect(r.status).toBe(200);
  });

  it('accepts a TIMESTAMP without milliseconds but records a warning in the journal', async () => {
    const requestId = randomUUID();
    const ts = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const r = await t.client.call('GET', BRIDGE_SERVICES, { token: t.hipToken, headers: { 'REQUEST-ID': requestId, TIMESTAMP: ts } });
    expect(r.status).toBe(200);
    const [exchange] = t.running.sandbox.ctx.journal.query({ correlation: requestId });
    expect(exchange.findings.map((f) => f.ruleId)).toEqual(['hdr-timestamp-format']);
  });
});

describe('roles and routing headers', () => {
  it('an HIU token may not call a HIP operation (403, WSO2 900910)', async () => {
    const r = await t.client.call('POST', ON_DISCOVER, { token: t.hiuToken, body: { transactionId: randomUUID(), response: { requestId: randomUUID() } } });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('900910');
    expect(r.json.description).toContain('is for HIP clients');
  });

  it("X-HIP-ID must be one of the caller's own HIP services (ABDM-1035)", async () => {
    const r = await t.client.call('POST', ON_DISCOVER, { token: t.hipToken, headers: { 'X-HIP-ID': 'IN9999999999' }, body: { transactionId: randomUUID(), response: { requestId: randomUUID() } } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-1035');
    expect(r.json.error.message).toContain(`its services: ${t.hipId}`);
  });

  it("an HIU naming its HIU id in X-HIP-ID is refused, and X-HIU-ID must be the caller's (ABDM-1040)", async () => {
    const r = await t.client.call('GET', BRIDGE_SERVICES, { token: t.hipToken, headers: { 'X-HIU-ID': t.hiuId } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-1040');
  });
});

describe('bodies', () => {
  const url = '/api/hiecm/gateway/v3/bridge/url';
  it('malformed JSON → ABDM-1006 naming the parse error', async () => {
    const r = await t.client.call('PATCH', url, { token: t.hipToken, rawBody: '{"url": "http://x.test",' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-1006');
    expect(r.json.error.message).toContain('not valid JSON');
  });

  it('a missing body → ABDM-1064 "Request body was missing"', async () => {
    const r = await t.client.call('PATCH', url, { token: t.hipToken });
    expect(r.json.error).toEqual({ code: 'ABDM-1064', message: 'Request body was missing' });
  });

  it('wrong types name the field', async () => {
    const r = await t.client.call('PATCH', url, { token: t.hipToken, body: { url: 42 } });
    expect(r.json.error.message).toBe('Bad Request, invalid request Body: body.url must be a string');
    const nested = await t.client.call('POST', ON_DISCOVER, { token: t.hipToken, body: { transactionId: 't', patient: [{ referenceNumber: 'p', careContexts: 'x' }], response: { requestId: 'nope' } } });
    expect(nested.json.error.message).toContain('body.patient[0].careContexts must be an array');
    expect(nested.json.error.message).toContain('body.response.requestId must be a valid uuid');
  });

  it('a JSON array or scalar where an object belongs is refused', async () => {
    const r = await t.client.call('PATCH', url, { token: t.hipToken, rawBody: '[1,2]' });
    expect(r.json.error.message).toContain('must be a JSON object');
  });

  it('a body over the limit → 413 in ABDM shape, and the server keeps working', async () => {
    const r = await t.client.call('PATCH', url, { token: t.hipToken, rawBody: JSON.stringify({ url: 'http://x.test', pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('ABDM-1006');
    expect((await t.client.call('GET', BRIDGE_SERVICES, { token: t.hipToken })).status).toBe(200);
  });

  it('a non-JSON content type → 415', async () => {
    const r = await t.client.call('PATCH', url, { token: t.hipToken, rawBody: 'url=http://x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
    expect(r.json.error.message).toContain('send application/json');
  });
});

describe('unknown routes', () => {
  it('an unknown path is the API manager 404 status report, and is journaled', async () => {
    const r = await t.client.call('POST', '/api/hiecm/v3/hip/unknown', { token: t.hipToken, body: {} });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ code: '404', type: 'Status report', message: 'Runtime Error' });
    expect(r.json.description).toContain('POST /api/hiecm/v3/hip/unknown');
    const journal = t.running.sandbox.ctx.journal.query({ limit: 5000 });
    expect(journal.some((e) => e.url === '/api/hiecm/v3/hip/unknown' && e.status === 404)).toBe(true);
  });

  it('a known path with the wrong method is 405 with Allow', async () => {
    const r = await t.client.call('GET', '/api/hiecm/gateway/v3/sessions');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });
});

describe('token expiry', () => {
  it('an access token is refused once its 1200 s are over', async () => {
    const clock = new ManualClock(Date.now());
    const s = await startTestSandbox({ clock });
    try {
      const r1 = await s.client.call('GET', BRIDGE_SERVICES, { token: s.hipToken, headers: { TIMESTAMP: new Date(clock.now()).toISOString() } });
      expect(r1.status).toBe(200);
      clock.advance(1201_000);
      const r2 = await s.client.call('GET', BRIDGE_SERVICES, { token: s.hipToken, headers: { TIMESTAMP: new Date(clock.now()).toISOString() } });
      expect(r2.status).toBe(401);
      expect(r2.json.description).toContain('expired');
    } finally {
      await s.close();
    }
  });
});
