import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoRandomBytes, generateKeyPair, generateNonce } from '../../protocol/fidelius/index.js';
import { buildDataPushPages } from '../../protocol/health-information/data-push-build.js';
import { generateRecordBundle } from '../../fixtures/records/record-bundle.js';
import { practitionerFor } from '../../fixtures/records/patient-records.js';
import { consentTerms, linkByPatient, startM2Kit, type M2Kit } from './m2-kit.js';

let kit: M2Kit;
beforeAll(async () => {
  kit = await startM2Kit();
});
afterAll(async () => {
  await kit?.close();
});

const ruleIds = (e: { findings: Array<{ ruleId: string }> }) => e.findings.map((f) => f.ruleId);

describe('consents and health information with the reference HIP', () => {
  it('grant → acknowledged; request → ACKNOWLEDGED, every record pushed, valid and in scope, notified TRANSFERRED', async () => {
    const patient = kit.patients[4];
    const linked = await linkByPatient(kit, patient);
    const granted = await kit.admin('POST', '/sandbox/consents?wait=true', consentTerms(kit, patient, linked));
    expect(granted.status).toBe(200);
    expect(granted.json.outcome.data).toMatchObject({ outcome: 'acknowledged', status: 'GRANTED', acknowledgement: { status: 'OK', consentId: granted.json.consentId } });
    expect(granted.json.consentDetail).toMatchObject({ schemaVersion: 'v3', consentManager: { id: 'sbx' }, purpose: { code: 'CAREMGT', text: 'Care Management' }, hip: { id: kit.t.hipId, type: 'HIP' } });

    const pushed: any[] = [];
    const unsubscribe = kit.ctx.events.subscribe((e) => e.type === 'data.pushed' && pushed.push(e));
    const requested = await kit.admin('POST', '/sandbox/health-information/request?wait=true', { consentId: granted.json.consentId });
    unsubscribe();
    expect(requested.status).toBe(200);
    const notified = requested.json.outcome;
    expect(notified.data).toMatchObject({ sessionStatus: 'TRANSFERRED', consentId: granted.json.consentId });
    expect(notified.findings).toEqual([]);
    expect(pushed.flatMap((e) => e.findings)).toEqual([]);

    const transfer = await kit.admin('GET', `/sandbox/health-information/${requested.json.transactionId}`);
    expect(transfer.json.privateKey).toBeUndefined();
    expect(transfer.json.status).toBe('notified');
    expect(transfer.json.verdicts.map((v: any) => [v.careContextReference, v.verdict]).sort()).toEqual(linked.map((c) => [c.referenceNumber, 'accepted']).sort());
    // The request the HIP received: keyMaterial, a dataPushUrl on the sandbox, and the live quirk of empty body ids.
    const [request] = kit.ctx.journal.query({ correlation: requested.json.requestId, operationId: 'hip.health-information-request' });
    expect(JSON.parse(request.requestBody!)).toMatchObject({ requestId: '', timestamp: '', transactionId: requested.json.transactionId, hiRequest: { consent: { id: granted.json.consentId }, keyMaterial: { cryptoAlg: 'ECDH', curve: 'Curve25519' } } });
    // Pushes are journaled with the ciphertext shortened.
    const [push] = kit.ctx.journal.query({ correlation: requested.json.transactionId, operationId: 'hiu.data-push' });
    expect(push.status).toBe(202);
    expect(push.requestBody).toMatch(/\[\d+ base64 characters, encrypted\]/);
    // The status operation tells the HIP where its transfer stands.
    const status = await kit.t.client.call('GET', `/api/hiecm/data-flow/v3/health-information/request/status/${requested.json.transactionId}`, { token: kit.t.hipToken });
    expect(status.json).toMatchObject({ transactionId: requested.json.transactionId, sessionStatus: 'TRANSFERRED' });
  });

  it('a revoked consent: the HIP acknowledges the revocation, then refuses a request under it, pushes nothing and notifies FAILED', async () => {
    const patient = kit.patients[5];
    const linked = await linkByPatient(kit, patient);
    const granted = await kit.admin('POST', '/sandbox/consents?wait=true', consentTerms(kit, patient, linked));
    const revoked = await kit.admin('POST', `/sandbox/consents/${granted.json.consentId}/revoke?wait=true`);
    expect(revoked.json.outcome.data).toMatchObject({ status: 'REVOKED', outcome: 'acknowledged' });
    expect(kit.hip.state.consents.has(granted.json.consentId)).toBe(false);
    const twice = await kit.admin('POST', `/sandbox/consents/${granted.json.consentId}/revoke`);
    expect(twice.status).toBe(409);

    const acknowledged = kit.event('data.acknowledged', (e) => e.data.consentId === granted.json.consentId);
    const requested = await kit.admin('POST', '/sandbox/health-information/request?wait=true', { consentId: granted.json.consentId });
    expect((await acknowledged).data).toMatchObject({ outcome: 'refused', error: { code: 'ABDM-1112' } });
    expect(requested.json.outcome.data.sessionStatus).toBe('FAILED');
    expect(requested.json.outcome.findings).toEqual([]);
    expect((await kit.admin('GET', `/sandbox/health-information/${requested.json.transactionId}`)).json.pushes).toEqual([]);
    const consent = await kit.admin('GET', `/sandbox/consents/${granted.json.consentId}`);
    expect(consent.json.status).toBe('REVOKED');
    expect(consent.json.notices.map((n: any) => n.status)).toEqual(['GRANTED', 'REVOKED']);
  });

  it('a consent that expires by the sandbox clock is notified EXPIRED and then refused', async () => {
    const patient = kit.patients[6];
    const linked = await linkByPatient(kit, patient);
    const granted = await kit.admin('POST', '/sandbox/consents?wait=true', consentTerms(kit, patient, linked, { dataEraseAt: new Date(Date.now() + 1_500).toISOString() }));
    const expired = await kit.event('consent.acknowledged', (e) => e.data.consentId === granted.json.consentId && e.data.status === 'EXPIRED', 10_000);
    expect(expired.data.outcome).toBe('acknowledged');
    const acknowledged = kit.event('data.acknowledged', (e) => e.data.consentId === granted.json.consentId);
    await kit.admin('POST', '/sandbox/health-information/request', { consentId: granted.json.consentId });
    expect((await acknowledged).data).toMatchObject({ outcome: 'refused', error: { code: 'ABDM-1112' } });
  });

  it('a request outside the consented dates is refused with ABDM-1063', async () => {
    const patient = kit.patients[7];
    const linked = await linkByPatient(kit, patient);
    const granted = await kit.admin('POST', '/sandbox/consents?wait=true', consentTerms(kit, patient, linked, { dateRange: { from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } }));
    const acknowledged = kit.event('data.acknowledged', (e) => e.data.consentId === granted.json.consentId);
    await kit.admin('POST', '/sandbox/health-information/request', { consentId: granted.json.consentId, dateRange: { from: '2020-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } });
    const e = await acknowledged;
    expect(e.data).toMatchObject({ outcome: 'refused', error: { code: 'ABDM-1063' } });
    expect(e.findings).toEqual([]);
  });

  it('consent terms the consent manager would refuse are a 400 naming the field', async () => {
    const patient = kit.patients[4];
    const linked = kit.ctx.store.flows.links.forPatient(patient.abhaAddress, kit.t.hipId).map((l) => ({ referenceNumber: l.careContextReference, hiType: l.hiType! }));
    const future = await kit.admin('POST', '/sandbox/consents', consentTerms(kit, patient, linked, { dateRange: { from: '2020-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' } }));
    expect(future.status).toBe(400);
    expect(future.json.error.message).toContain('dateRange.to 2099-01-01T00:00:00Z is in the future');
    const unlinked = await kit.admin('POST', '/sandbox/consents', consentTerms(kit, kit.patients[3], [{ referenceNumber: 'OP-NOT-LINKED', hiType: 'OPConsultation' }]));
    expect(unlinked.status).toBe(400);
    expect(unlinked.json.error.message).toContain('is not linked to');
  });
});

describe('a HIP that gets consents and data wrong', () => {
  /** Links a manual-HIP care context by link token and grants a consent over it. */
  async function consentAtManualHip(index: number) {
    const patient = kit.manualPatients[index];
    const cc = kit.ctx.world.careContexts(patient.index, kit.manual.hipId)[0];
    kit.ctx.store.flows.links.link({ hipId: kit.manual.hipId, abhaAddress: patient.abhaAddress, careContextReference: cc.referenceNumber, patientReference: cc.patientReference, hiType: cc.hiType, linkedBy: 'hip', linkedAt: new Date().toISOString() });
    const granted = await kit.admin('POST', '/sandbox/consents', { ...consentTerms(kit, patient, [{ referenceNumber: cc.referenceNumber, hiType: cc.hiType }]), hipId: kit.manual.hipId });
    expect(granted.status).toBe(202);
    const notify = await kit.manual.bridge.waitFor((c) => c.headers['request-id'] === granted.json.requestId);
    return { patient, cc, granted: granted.json, notify };
  }

  it('an acknowledgement for the wrong consent id breaks HIP-CONSENT-ACK', async () => {
    const { granted, notify } = await consentAtManualHip(0);
    expect(notify.path).toBe('/api/v3/consent/request/hip/notify');
    expect(notify.body).toMatchObject({ notification: { status: 'GRANTED', consentId: granted.consentId, grantAcknowledgement: false, signature: expect.any(String) } });
    const event = kit.event('consent.acknowledged', (e) => e.data.consentId === granted.consentId);
    await kit.manual.call('POST', '/api/hiecm/consent/v3/request/hip/on-notify', { acknowledgement: { status: 'OK', consentId: 'another' }, response: { requestId: notify.headers['request-id'] } });
    expect(ruleIds(await event)).toEqual(['HIP-CONSENT-ACK']);
  });

  it('acknowledging a request under a revoked consent, and pushing for it, are findings', async () => {
    const { granted, notify } = await consentAtManualHip(1);
    await kit.manual.call('POST', '/api/hiecm/consent/v3/request/hip/on-notify', { acknowledgement: { status: 'OK', consentId: granted.consentId }, response: { requestId: notify.headers['request-id'] } });
    const revoked = await kit.admin('POST', `/sandbox/consents/${granted.consentId}/revoke`);
    await kit.manual.bridge.waitFor((c) => c.headers['request-id'] === revoked.json.requestId);
    const requested = await kit.admin('POST', '/sandbox/health-information/request', { consentId: granted.consentId });
    const hiRequest = await kit.manual.bridge.waitFor((c) => c.headers['request-id'] === requested.json.requestId);
    const acknowledged = kit.event('data.acknowledged', (e) => e.data.transactionId === requested.json.transactionId);
    const onRequest = await kit.manual.call('POST', '/api/hiecm/data-flow/v3/health-information/hip/on-request', { hiRequest: { transactionId: requested.json.transactionId, sessionStatus: 'ACKNOWLEDGED' }, response: { requestId: hiRequest.headers['request-id'] } });
    expect(onRequest.status).toBe(200);
    expect(ruleIds(await acknowledged)).toEqual(['HIP-HI-CONSENT-STATE']);
    const pushed = kit.event('data.pushed', (e) => e.data.transactionId === requested.json.transactionId);
    const page = { pageNumber: 0, pageCount: 1, transactionId: requested.json.transactionId, entries: [], keyMaterial: (hiRequest.body as any).hiRequest.keyMaterial };
    const r = await fetch(requested.json.dataPushUrl.replace('localhost', '127.0.0.1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(page) });
    expect(r.status).toBe(202);
    expect(ruleIds(await pushed)).toContain('HIP-PUSH-UNCONSENTED');
  });

  it('tampered ciphertext, a care context outside the consent and a false DELIVERED are findings; good entries still pass', async () => {
    const { patient, cc, granted, notify } = await consentAtManualHip(2);
    await kit.manual.call('POST', '/api/hiecm/consent/v3/request/hip/on-notify', { acknowledgement: { status: 'OK', consentId: granted.consentId }, response: { requestId: notify.headers['request-id'] } });
    const requested = await kit.admin('POST', '/sandbox/health-information/request', { consentId: granted.consentId });
    const hiRequest = await kit.manual.bridge.waitFor((c) => c.headers['request-id'] === requested.json.requestId);
    const hi = (hiRequest.body as any).hiRequest;
    await kit.manual.call('POST', '/api/hiecm/data-flow/v3/health-information/hip/on-request', { hiRequest: { transactionId: requested.json.transactionId, sessionStatus: 'ACKNOWLEDGED' }, response: { requestId: hiRequest.headers['request-id'] } });

    const facility = kit.ctx.world.facilityById(kit.manual.hipId)!;
    const bundleJson = JSON.stringify(generateRecordBundle({ seed: kit.ctx.world.options.seed, patient, facility, practitioner: practitionerFor(kit.ctx.world, facility, cc), careContext: cc }));
    const [page] = buildDataPushPages({
      transactionId: requested.json.transactionId,
      records: [
        { careContextReference: cc.referenceNumber, bundleJson },
        { careContextReference: cc.referenceNumber, bundleJson },
        { careContextReference: 'NOT-CONSENTED-1', bundleJson },
      ],
      entriesPerPage: 10,
      sender: { keyPair: generateKeyPair(cryptoRandomBytes), nonce: generateNonce(cryptoRandomBytes) },
      receiverKeyMaterial: hi.keyMaterial,
      now: Date.now(),
    });
    const content = Buffer.from(page.entries[1].content, 'base64');
    content[10] ^= 0xff;
    page.entries[1].content = content.toString('base64');
    const pushed = kit.event('data.pushed', (e) => e.data.transactionId === requested.json.transactionId);
    const r = await fetch(hi.dataPushUrl.replace('localhost', '127.0.0.1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(page) });
    expect(r.status).toBe(202);
    const event = await pushed;
    expect((event.data as any).entries.map((e: any) => e.verdict)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(event.findings.map((f: any) => [f.ruleId, f.path])).toEqual([
      ['PUSH.ENTRY-DECRYPT', '$.entries[1].content'],
      ['HIP-PUSH-SCOPE-CARE-CONTEXT', '$.entries[2].careContextReference'],
    ]);

    const notified = kit.event('transfer.notified', (e) => e.data.transactionId === requested.json.transactionId);
    const n = await kit.manual.call('POST', '/api/hiecm/data-flow/v3/health-information/notify', {
      notification: {
        consentId: granted.consentId,
        transactionId: requested.json.transactionId,
        doneAt: new Date().toISOString(),
        notifier: { type: 'HIP', id: kit.manual.hipId },
        statusNotification: { sessionStatus: 'TRANSFERRED', hipId: kit.manual.hipId, statusResponses: [{ careContextReference: cc.referenceNumber, hiStatus: 'DELIVERED' }, { careContextReference: 'NEVER-SENT', hiStatus: 'DELIVERED' }] },
      },
    });
    expect(n.status).toBe(202);
    expect(n.json).toEqual({ status: 'Notification is Accepted' });
    const e = await notified;
    expect(ruleIds(e)).toEqual(['HIP-NOTIFY-DELIVERED', 'HIP-NOTIFY-DELIVERED']);
    expect(e.findings[0].message).toContain('NEVER-SENT');
    expect(e.findings[1].message).toContain('NOT-CONSENTED-1');
  });

  it('pushes that are not JSON, or for an unknown transaction, get clear 4xx answers', async () => {
    const unknown = await fetch(`${kit.t.running.url}/sandbox/hiu/health-information/transfer/no-such-transaction`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error.code).toBe('ABDM-1001');
    const { granted } = await consentAtManualHip(3);
    const requested = await kit.admin('POST', '/sandbox/health-information/request', { consentId: granted.consentId });
    const pushed = kit.event('data.pushed', (e) => e.data.transactionId === requested.json.transactionId);
    const garbage = await fetch(requested.json.dataPushUrl.replace('localhost', '127.0.0.1'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pageNumber": 0,' });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as any).error.message).toContain('not valid JSON');
    expect(ruleIds(await pushed)).toEqual(['PUSH.SHAPE']);
    const notify = await kit.manual.call('POST', '/api/hiecm/data-flow/v3/health-information/notify', {
      notification: { consentId: 'c', transactionId: 'made-up', notifier: { type: 'HIP', id: kit.manual.hipId }, statusNotification: { sessionStatus: 'FAILED' } },
    });
    expect(notify.status).toBe(400);
    expect(notify.json.error.code).toBe('ABDM-1031');
  });
});
