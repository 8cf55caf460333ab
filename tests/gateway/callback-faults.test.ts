// Deliberate faults in gateway→bridge calls (for conformance tests): tokens a bridge must refuse, and
// duplicate deliveries; sent through the dispatcher and through POST /sandbox/callbacks.
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeBridge } from '../support/fake-bridge.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

let t: TestSandbox;
let bridge: FakeBridge;

beforeAll(async () => {
  t = await startTestSandbox();
  bridge = await FakeBridge.start();
  await t.client.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { token: t.hipToken, body: { url: bridge.url } });
});
afterAll(async () => {
  await t.close();
  await bridge.close();
});
afterEach(() => {
  bridge.behaviour = () => undefined;
});

const discoverBody = () => ({ transactionId: randomUUID(), patient: { id: 'nobody@sbx', name: 'No Body', gender: 'F', yearOfBirth: 1990 } });

async function fire(body: Record<string, unknown>) {
  const r = await fetch(`${t.running.url}/sandbox/callbacks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, json: (await r.json()) as any };
}

function jwks() {
  const base = t.running.sandbox.ctx.config.publicUrl.replace('localhost', '127.0.0.1');
  return createRemoteJWKSet(new URL(`${base}/gateway/v0.5/certs`));
}

describe('token faults', () => {
  it('forged-key: the real kid and claims, but the signature does not verify against the JWKS', async () => {
    const fired = await fire({ serviceId: t.hipId, callback: 'hip.discover', body: discoverBody(), faults: { token: 'forged-key' }, wait: true });
    expect(fired.status).toBe(200);
    const call = await bridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    const token = call.headers.authorization.replace(/^Bearer /, '');
    expect(decodeProtectedHeader(token).kid).toBe(t.running.sandbox.ctx.keys.signing.kid);
    expect(decodeJwt(token)).toMatchObject({ azp: 'gateway', iss: t.running.sandbox.ctx.tokens.issuer });
    await expect(jwtVerify(token, jwks())).rejects.toBeInstanceOf(joseErrors.JWSSignatureVerificationFailed);
  });

  it('expired: signed by the real key, expired an hour before delivery', async () => {
    const fired = await fire({ serviceId: t.hipId, callback: 'hip.discover', body: discoverBody(), faults: { token: 'expired' } });
    const call = await bridge.waitFor((c) => c.headers['request-id'] === fired.json.requestId);
    const token = call.headers.authorization.replace(/^Bearer /, '');
    const exp = decodeJwt(token).exp!;
    expect(Date.now() / 1000 - exp).toBeGreaterThan(3500);
    await expect(jwtVerify(token, jwks())).rejects.toBeInstanceOf(joseErrors.JWTExpired);
    // The signature itself is genuine: only the expiry is wrong.
    await expect(jwtVerify(token, jwks(), { currentDate: new Date((exp - 60) * 1000) })).resolves.toBeDefined();
  });

  it('the journal marks a faulty call as deliberate, and the event names the fault', async () => {
    const delivered = t.running.sandbox.ctx.events.waitFor((e) => e.type === 'callback.delivered' && e.data.faults !== undefined, 5_000);
    const fired = await fire({ serviceId: t.hipId, callback: 'hip.discover', body: discoverBody(), faults: { token: 'forged-key' }, wait: true });
    expect((await delivered).data.faults).toEqual({ token: 'forged-key' });
    const [out] = t.running.sandbox.ctx.journal.query({ correlation: fired.json.requestId });
    expect(out.findings).toEqual([expect.objectContaining({ ruleId: 'sandbox-fault-injected', severity: 'info' })]);
  });

  it('a bridge that refuses a faulty call is retried like any failed delivery (the gateway cannot tell refusal from failure)', async () => {
    bridge.behaviour = () => ({ status: 401 });
    const fired = await fire({ serviceId: t.hipId, callback: 'hip.discover', body: discoverBody(), faults: { token: 'expired' }, wait: true });
    expect(fired.json.outcome).toMatchObject({ delivered: false, status: 401, failure: 'http-401', attempts: 3 });
  });
});

describe('duplicate deliveries', () => {
  it('delivers the same call twice: same REQUEST-ID, same token, journaled as attempts 1 and 2', async () => {
    const fired = await fire({ serviceId: t.hipId, callback: 'hip.discover', body: discoverBody(), faults: { deliveries: 2 }, wait: true });
    expect(fired.json.outcome).toMatchObject({ delivered: true, attempts: 2, status: 202 });
    const copies = bridge.calls.filter((c) => c.headers['request-id'] === fired.json.requestId);
    expect(copies).toHaveLength(2);
    expect(copies[0].headers.authorization).toBe(copies[1].headers.authorization);
    expect(copies[0].body).toEqual(copies[1].body);
    const journaled = t.running.sandbox.ctx.journal.query({ correlation: fired.json.requestId });
    expect(journaled.map((e) => [e.attempt, e.status])).toEqual([[1, 202], [2, 202]]);
  });

  it('a duplicate the bridge refuses (e.g. 409) is not retried, and the call still counts as delivered', async () => {
    let n = 0;
    bridge.behaviour = () => (++n === 2 ? { status: 409 } : undefined);
    const fired = await fire({ serviceId: t.hipId, callback: 'hip.discover', body: discoverBody(), faults: { deliveries: 2 }, wait: true });
    expect(fired.json.outcome).toMatchObject({ delivered: true, attempts: 2 });
    expect(bridge.calls.filter((c) => c.headers['request-id'] === fired.json.requestId)).toHaveLength(2);
  });
});

describe('POST /sandbox/callbacks faults', () => {
  it('refuses unknown faults and out-of-range deliveries with ABDM-1006', async () => {
    const r = await fire({ serviceId: t.hipId, callback: 'hip.discover', body: discoverBody(), faults: { token: 'none', deliveries: 9, delay: 1 } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-1006');
    expect(r.json.error.message).toContain('faults.token must be one of forged-key, expired');
    expect(r.json.error.message).toContain('faults.deliveries must be an integer from 1 to 3');
    expect(r.json.error.message).toContain('faults.delay is not a known fault');
  });

  it('health reports the sandbox version', async () => {
    const r = await fetch(`${t.running.url}/sandbox/health`);
    expect(((await r.json()) as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
