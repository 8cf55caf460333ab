import { createRemoteJWKSet, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isUuid } from '../../protocol/headers.js';
import { FakeBridge } from '../support/fake-bridge.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const ON_DISCOVER = '/api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover';
const ON_INIT = '/api/hiecm/user-initiated-linking/v3/link/care-context/on-init';
let t: TestSandbox;
let hipBridge: FakeBridge;
let hiuBridge: FakeBridge;

beforeAll(async () => {
  t = await startTestSandbox();
  hipBridge = await FakeBridge.start();
  hiuBridge = await FakeBridge.start();
  await t.client.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { token: t.hipToken, body: { url: hipBridge.url } });
  await t.client.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { token: t.hiuToken, body: { url: hiuBridge.url } });
});
afterAll(async () => {
  await t.close();
  await hipBridge.close();
  await hiuBridge.close();
});
afterEach(() => {
  hipBridge.behaviour = () => undefined;
});

async function fire(callback: string, body: unknown, serviceId = t.hipId) {
  const r = await fetch(`${t.running.url}/sandbox/callbacks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceId, callback, body }) });
  return { status: r.status, json: (await r.json()) as any };
}

const discoverBody = () => ({ transactionId: randomUUID(), patient: { id: 'someone@sbx', name: 'Test Patient', gender: 'F', yearOfBirth: 1990, verifiedIdentifiers: [], unverifiedIdentifiers: [] } });

describe('gateway → bridge calls', () => {
  it("arrive at {bridgeUrl}/api/v3/... signed by the gateway, with a fresh REQUEST-ID, TIMESTAMP and the routing header", async () => {
    const fired = await fire('hip.discover', discoverBody());
    expect(fired.status).toBe(202);
    const call = await hipBridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/api/v3/hip/patient/care-context/discover');
    expect(call.headers['x-hip-id']).toBe(t.hipId);
    expect(isUuid(call.headers['request-id'])).toBe(true);
    expect(Math.abs(Date.parse(call.headers.timestamp) - Date.now())).toBeLessThan(5_000);
    expect(call.headers.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const token = call.headers.authorization.replace(/^Bearer /, '');
    const base = t.running.sandbox.ctx.config.publicUrl.replace('localhost', '127.0.0.1');
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(`${base}/gateway/v0.5/certs`)), { issuer: t.running.sandbox.ctx.tokens.issuer });
    expect(payload).toMatchObject({ azp: 'gateway', aud: 'account', clientId: 'gateway' });
    expect(protectedHeader.kid).toBeTruthy();
  });

  it('a forged gateway token does not verify against the JWKS (what a HIP must check)', async () => {
    const fired = await fire('hip.discover', discoverBody());
    const call = await hipBridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    const [h, p, s] = call.headers.authorization.replace(/^Bearer /, '').split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), azp: 'attacker' })).toString('base64url')}.${s}`;
    await expect(jwtVerify(tampered, t.running.sandbox.ctx.keys.signing.publicKey)).rejects.toThrow();
  });

  it('are journaled as outbound exchanges caused by nothing but the trigger, with the token redacted', async () => {
    const fired = await fire('hip.discover', discoverBody());
    await hipBridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    await t.running.sandbox.ctx.dispatcher.drain();
    const [out] = t.running.sandbox.ctx.journal.query({ correlation: fired.json.requestId });
    expect(out).toMatchObject({ direction: 'outbound', operationId: 'hip.discover', status: 202, attempt: 1, clientId: 'SBX_DEMO_HIP', serviceId: t.hipId });
    expect(out.requestHeaders.authorization).toMatch(/^Bearer \[redacted sha256:[0-9a-f]{8}\]$/);
  });
});

describe('answers (on-*) are correlated by response.requestId', () => {
  it('accepts the answer to a call the gateway made, once', async () => {
    const fired = await fire('hip.discover', discoverBody());
    await hipBridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    const answer = { transactionId: randomUUID(), patient: [], matchedBy: [], error: { code: 'ABDM-1010', message: 'Patient not found' }, response: { requestId: fired.json.requestId } };
    const ok = await t.client.call('POST', ON_DISCOVER, { token: t.hipToken, body: answer });
    expect(ok.status).toBe(202);
    const again = await t.client.call('POST', ON_DISCOVER, { token: t.hipToken, body: answer });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('ABDM-1106');
    const [, inbound] = t.running.sandbox.ctx.journal.query({ correlation: fired.json.requestId });
    expect(inbound).toMatchObject({ direction: 'inbound', operationId: 'uil.on-discover', status: 202 });
    expect(inbound.answers).toBeGreaterThan(0);
  });

  it('emits callback.answered with the body for the flows to act on', async () => {
    const fired = await fire('hip.discover', discoverBody());
    const event = t.running.sandbox.ctx.events.waitFor((e) => e.type === 'callback.answered' && e.correlation.includes(fired.json.requestId), 5_000);
    await hipBridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    await t.client.call('POST', ON_DISCOVER, { token: t.hipToken, body: { transactionId: 'tx-1', patient: [], response: { requestId: fired.json.requestId } } });
    expect((await event).data).toMatchObject({ operationId: 'uil.on-discover', callbackId: 'hip.discover', serviceId: t.hipId, body: { transactionId: 'tx-1' } });
  });

  it('refuses an unknown response.requestId with ABDM-2500', async () => {
    const r = await t.client.call('POST', ON_DISCOVER, { token: t.hipToken, body: { transactionId: 'x', patient: [], response: { requestId: randomUUID() } } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-2500');
    expect(r.json.error.message).toContain('the gateway sent no request with this REQUEST-ID to client SBX_DEMO_HIP');
  });

  it('refuses an answer at the wrong operation and says where it belongs', async () => {
    const fired = await fire('hip.discover', discoverBody());
    await hipBridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    const r = await t.client.call('POST', ON_INIT, { token: t.hipToken, body: { transactionId: 'x', link: { referenceNumber: 'r', authenticationType: 'DIRECT' }, response: { requestId: fired.json.requestId } } });
    expect(r.json.error.code).toBe('ABDM-2500');
    expect(r.json.error.message).toContain('answer it at /api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover');
  });

  it('refuses an answer from a client the call was not sent to', async () => {
    const other = await t.running.sandbox.ctx.partners.register({ role: 'hip', serviceId: 'OTHER_HIP_1', clientId: 'OTHER_HIP_CLIENT', clientSecret: 'other-secret' });
    const token = await t.client.token(other.clientId, 'other-secret');
    const fired = await fire('hip.discover', discoverBody());
    const r = await t.client.call('POST', ON_DISCOVER, { token, body: { transactionId: 'x', patient: [], response: { requestId: fired.json.requestId } } });
    expect(r.json.error.code).toBe('ABDM-2500');
  });
});

describe('delivery failures', () => {
  it('retries a failing bridge with the same REQUEST-ID and the same token', async () => {
    let n = 0;
    hipBridge.behaviour = () => (++n === 1 ? { status: 503 } : undefined);
    const fired = await fire('hip.discover', discoverBody());
    await t.running.sandbox.ctx.dispatcher.drain();
    const calls = hipBridge.calls.filter((c) => c.headers['request-id'] === fired.json.requestId);
    expect(calls).toHaveLength(2);
    expect(calls[0].headers.authorization).toBe(calls[1].headers.authorization);
    const attempts = t.running.sandbox.ctx.journal.query({ correlation: fired.json.requestId });
    expect(attempts.map((e) => [e.attempt, e.status, e.errorCode])).toEqual([[1, 503, 'http-503'], [2, 202, undefined]]);
  });

  it('gives up after the configured retries, records the failure, and tells the caller with an error-only callback', async () => {
    hipBridge.behaviour = () => ({ status: 500 });
    const callerRequestId = randomUUID();
    const undeliverable = t.running.sandbox.ctx.events.waitFor((e) => e.type === 'callback.undeliverable', 5_000);
    const dispatch = t.running.sandbox.ctx.dispatcher.send({
      callbackId: 'hip.health-information-request',
      serviceId: t.hipId,
      body: { transactionId: randomUUID(), hiRequest: {} },
      errorCallbackTo: { callbackId: 'hiu.health-information-on-request', serviceId: t.hiuId, answersRequestId: callerRequestId },
    });
    const outcome = await dispatch.outcome;
    expect(outcome).toMatchObject({ delivered: false, attempts: 3, failure: 'http-500', status: 500 });
    const event = await undeliverable;
    expect(event.findings[0]).toMatchObject({ ruleId: 'bridge-unreachable', severity: 'error' });
    const errorCall = await hiuBridge.waitFor((c) => c.path === '/api/v3/hiu/health-information/on-request');
    expect(errorCall.body).toEqual({ error: { code: 'ABDM-1028', message: expect.stringContaining(`HIP is unavailable: ${t.hipId}`) }, response: { requestId: callerRequestId } });
    expect(errorCall.headers['x-hiu-id']).toBe(t.hiuId);
  });

  it('a timeout is ABDM-1007 in the error callback', async () => {
    hipBridge.behaviour = () => ({ delayMs: 1_500 });
    const callerRequestId = randomUUID();
    const dispatch = t.running.sandbox.ctx.dispatcher.send({
      callbackId: 'hip.patient-share',
      serviceId: t.hipId,
      body: { intent: 'PROFILE_SHARE' },
      errorCallbackTo: { callbackId: 'hiu.consent-on-init', serviceId: t.hiuId, answersRequestId: callerRequestId },
    });
    expect((await dispatch.outcome).failure).toBe('timeout');
    const errorCall = await hiuBridge.waitFor((c) => (c.body as { response?: { requestId?: string } }).response?.requestId === callerRequestId, 8_000);
    expect((errorCall.body as { error: { code: string } }).error.code).toBe('ABDM-1007');
  }, 15_000);

  it('a client with no bridge URL gets no delivery attempt and a clear journal entry', async () => {
    const p = await t.running.sandbox.ctx.partners.register({ role: 'hip', serviceId: 'NO_URL_HIP' });
    const dispatch = t.running.sandbox.ctx.dispatcher.send({ callbackId: 'hip.discover', serviceId: 'NO_URL_HIP', body: discoverBody() });
    const outcome = await dispatch.outcome;
    expect(outcome).toMatchObject({ delivered: false, attempts: 1, failure: 'no-bridge-url' });
    const [entry] = t.running.sandbox.ctx.journal.query({ correlation: dispatch.requestId });
    expect(entry.errorMessage).toContain(`client ${p.clientId} has no bridge URL`);
  });

  it('delivery never delays the answer to the request that caused it', async () => {
    hipBridge.behaviour = () => ({ delayMs: 900 });
    const started = Date.now();
    const fired = await fire('hip.discover', discoverBody());
    expect(fired.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(500);
    await t.running.sandbox.ctx.dispatcher.drain();
  });

  it('the admin API refuses unknown callbacks and services clearly', async () => {
    const badCallback = await fire('hip.nothing', {});
    expect(badCallback.status).toBe(400);
    expect(badCallback.json.error.message).toContain('callback must be one of hip.discover');
    const badService = await fire('hip.discover', {}, 'NOBODY');
    expect(badService.status).toBe(400);
    expect(badService.json.error.code).toBe('ABDM-1025');
    const wrongRole = await fire('hip.discover', {}, t.hiuId);
    expect(wrongRole.json.error.message).toContain('is a HIU; hip.discover goes to a HIP');
  });
});
