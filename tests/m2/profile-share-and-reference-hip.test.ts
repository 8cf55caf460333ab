import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startM2Kit, type M2Kit } from './m2-kit.js';

let kit: M2Kit;
beforeAll(async () => {
  kit = await startM2Kit();
});
afterAll(async () => {
  await kit?.close();
});

const ruleIds = (e: { findings: Array<{ ruleId: string }> }) => e.findings.map((f) => f.ruleId);

describe('profile share', () => {
  it('the reference HIP gives sequential tokens per counter and the same token on a rescan', async () => {
    const [a, b] = kit.patients;
    const share = (abhaAddress: string, counterId: string) => kit.admin('POST', `/sandbox/patients/${abhaAddress}/share-profile?wait=true`, { hipId: kit.t.hipId, counterId });
    const first = await share(a.abhaAddress, 'OPD7');
    expect(first.json.outcome.data).toMatchObject({ outcome: 'shared', tokenNumber: '1', counterId: 'OPD7' });
    expect(first.json.outcome.findings).toEqual([]);
    const second = await share(b.abhaAddress, 'OPD7');
    expect(second.json.outcome.data.tokenNumber).toBe('2');
    const rescan = await share(a.abhaAddress, 'OPD7');
    expect(rescan.json.outcome.data.tokenNumber).toBe('1');
    expect(rescan.json.outcome.findings).toEqual([]);
    const otherCounter = await share(b.abhaAddress, 'LAB1');
    expect(otherCounter.json.outcome.data.tokenNumber).toBe('1');
    // The HIP received the v3 share body: intent, metaData with the counter, the profile with birth parts as strings.
    const [sent] = kit.ctx.journal.query({ correlation: first.json.requestId, operationId: 'hip.patient-share' });
    expect(JSON.parse(sent.requestBody!)).toMatchObject({
      intent: 'PROFILE_SHARE',
      metaData: { hipId: kit.t.hipId, context: 'OPD7' },
      profile: { patient: { abhaAddress: a.abhaAddress, yearOfBirth: String(a.yearOfBirth), phoneNumber: a.mobile } },
    });
  });

  it('a HIP that gives a rescan a new token breaks HIP-SHARE-RESCAN', async () => {
    const p = kit.manualPatients[0];
    const answerShare = async (token: string) => {
      const r = await kit.admin('POST', `/sandbox/patients/${p.abhaAddress}/share-profile`, { hipId: kit.manual.hipId, counterId: 'C1' });
      const call = await kit.manual.bridge.waitFor((c) => c.headers['request-id'] === r.json.requestId);
      const shared = kit.event('profile.shared', (e) => e.data.requestId === r.json.requestId);
      await kit.manual.call('POST', '/api/hiecm/patient-share/v3/on-share', { acknowledgement: { abhaAddress: p.abhaAddress, status: 'SUCCESS', profile: { context: 'C1', tokenNumber: token, expiry: '1800' } }, response: { requestId: call.headers['request-id'] } });
      return shared;
    };
    expect((await answerShare('5')).findings).toEqual([]);
    expect(ruleIds(await answerShare('6'))).toEqual(['HIP-SHARE-RESCAN']);
  });

  it('a counter id that is not a QR counter id is a 400', async () => {
    const r = await kit.admin('POST', `/sandbox/patients/${kit.patients[0].abhaAddress}/share-profile`, { hipId: kit.t.hipId, counterId: 'counter with spaces' });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain('counterId');
  });
});

describe('the reference HIP as a bridge', () => {
  const discoverBody = () => ({ transactionId: randomUUID(), patient: { id: kit.patients[0].abhaAddress, verifiedIdentifiers: [], name: 'x', gender: 'M', yearOfBirth: 1990 } });

  it('refuses a call whose gateway JWT was tampered with, and one with no token', async () => {
    const token = await kit.ctx.tokens.gatewayBearer();
    const [h, p, s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), exp: 4_000_000_000 })).toString('base64url')}.${s}`;
    const call = (authorization?: string) =>
      fetch(`${kit.hip.url}/api/v3/hip/patient/care-context/discover`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'request-id': randomUUID(), timestamp: new Date().toISOString(), 'x-hip-id': kit.hip.hipId, ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(discoverBody()),
      });
    expect((await call(`Bearer ${forged}`)).status).toBe(401);
    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${token}`)).status).toBe(202);
  });

  it('handles a redelivered REQUEST-ID once, and also answers at the /v3 path prefix', async () => {
    const token = await kit.ctx.tokens.gatewayBearer();
    const requestId = randomUUID();
    const body = JSON.stringify(discoverBody());
    const send = (path: string) =>
      fetch(kit.hip.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'request-id': requestId, timestamp: new Date().toISOString(), 'x-hip-id': kit.hip.hipId }, body });
    await kit.hip.idle(); // answers to earlier calls are in
    const before = kit.ctx.journal.query({ clientId: 'SBX_DEMO_HIP', operationId: 'uil.on-discover', limit: 5000 }).length;
    expect((await send('/api/v3/hip/patient/care-context/discover')).status).toBe(202);
    expect((await send('/v3/hip/patient/care-context/discover')).status).toBe(202);
    await kit.hip.idle();
    const answers = kit.ctx.journal.query({ clientId: 'SBX_DEMO_HIP', operationId: 'uil.on-discover', limit: 5000 }).slice(before);
    // One answer (refused by the gateway: it never sent that REQUEST-ID), not two.
    expect(answers).toHaveLength(1);
    expect(answers[0].errorCode).toBe('ABDM-2500');
  });
});
