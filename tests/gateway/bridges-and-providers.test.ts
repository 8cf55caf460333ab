import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HIP } from '../../sandbox-server/partners/demo-partners.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const V3 = '/api/hiecm/gateway/v3';
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('bridge registration', () => {
  it('PATCH bridge/url answers 202 with no body and the URL shows in bridge-services', async () => {
    const r = await t.client.call('PATCH', `${V3}/bridge/url`, { token: t.hipToken, body: { url: 'https://hip.example.in' } });
    expect(r.status).toBe(202);
    expect(r.text).toBe('');
    const services = await t.client.call('GET', `${V3}/bridge-services`, { token: t.hipToken });
    expect(services.status).toBe(200);
    expect(services.json.bridge).toEqual({ id: DEMO_HIP.clientId, name: DEMO_HIP.clientId, url: 'https://hip.example.in', active: true, blocklisted: false });
    expect(services.json.services).toEqual([expect.objectContaining({ id: t.hipId, types: ['HIP'], active: true })]);
  });

  it('is last-writer-wins per client: a second session of the same client replaces the URL', async () => {
    const other = await t.client.token(DEMO_HIP.clientId, DEMO_HIP.clientSecret);
    await t.client.call('PATCH', `${V3}/bridge/url`, { token: t.hipToken, body: { url: 'https://first.example.in' } });
    await t.client.call('PATCH', `${V3}/bridge/url`, { token: other, body: { url: 'https://second.example.in' } });
    const services = await t.client.call('GET', `${V3}/bridge-services`, { token: t.hipToken });
    expect(services.json.bridge.url).toBe('https://second.example.in');
  });

  it('warns (in the journal) about URLs the live sandbox would refuse', async () => {
    const r = await t.client.call('PATCH', `${V3}/bridge/url`, { token: t.hipToken, body: { url: 'http://10.0.0.5:8080/api/v3' } });
    expect(r.status).toBe(202);
    const requestId = r.headers.get('request-id');
    expect(requestId).toBeNull(); // the gateway answers with no body and no echo; look the call up in the journal instead
    const [exchange] = t.running.sandbox.ctx.journal.query({ operationId: 'gateway.bridge-url', limit: 5000 }).slice(-1);
    expect(exchange.findings.map((f) => f.ruleId).sort()).toEqual(['bridge-url-host', 'bridge-url-https', 'bridge-url-path']);
  });

  it('refuses a URL that is not http(s)', async () => {
    const r = await t.client.call('PATCH', `${V3}/bridge/url`, { token: t.hipToken, body: { url: 'ftp://files.example.in' } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain('body.url must match');
  });

  it('looks a service up by id, with endpoints {} as the live gateway does', async () => {
    const r = await t.client.call('GET', `${V3}/bridge-service/serviceId/${t.hipId}`, { token: t.hiuToken });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ bridgeId: DEMO_HIP.clientId, serviceId: t.hipId, isHip: true, isHiu: false, isHealthLocker: false, isPhr: false, active: true, endpoints: {} });
    expect(typeof r.json.id).toBe('number');
    const facility = t.running.sandbox.ctx.world.facilityById(t.hipId)!;
    expect(r.json.name).toBe(facility.name);
  });

  it('an unknown service is 404 ABDM-1001', async () => {
    const r = await t.client.call('GET', `${V3}/bridge-service/serviceId/NOPE_1`, { token: t.hipToken });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('ABDM-1001');
  });
});

describe('providers', () => {
  it('finds facilities of the synthetic world by part of their name', async () => {
    const facility = t.running.sandbox.ctx.world.facility(7);
    const word = facility.name.split(' ')[0];
    const r = await t.client.call('GET', `${V3}/providers?name=${encodeURIComponent(word)}`, { token: t.hiuToken });
    expect(r.status).toBe(200);
    expect(r.json.length).toBeGreaterThan(0);
    for (const p of r.json) expect(p.identifier.name.toLowerCase()).toContain(word.toLowerCase());
    expect(r.json[0]).toHaveProperty('facilityType');
    expect(r.json[0]).toHaveProperty('isGovtEntity');
  });

  it('lists registered partner services first', async () => {
    const registered = await t.running.sandbox.ctx.partners.register({ role: 'hip', serviceId: 'Zeta_Clinic_HIP', name: 'Zeta Wellness Clinic' });
    expect(registered.createdService).toBe(true);
    const r = await t.client.call('GET', `${V3}/providers?name=zeta`, { token: t.hiuToken });
    expect(r.json[0]).toMatchObject({ identifier: { id: 'Zeta_Clinic_HIP', name: 'Zeta Wellness Clinic' }, isHip: true, isHiu: false });
  });

  it('gets one provider by id, and 404 for an unknown id', async () => {
    const facility = t.running.sandbox.ctx.world.facility(3);
    const r = await t.client.call('GET', `${V3}/providers/${facility.id}`, { token: t.hiuToken });
    expect(r.json.identifier).toEqual({ id: facility.id, name: facility.name });
    const missing = await t.client.call('GET', `${V3}/providers/IN0000000000`, { token: t.hiuToken });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('ABDM-1001');
  });
});
