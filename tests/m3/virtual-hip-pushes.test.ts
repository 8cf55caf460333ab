// M3 end to end over real sockets, the virtual HIPs' harder pushes and what a HIU must make of them: a corrupted
// entry (reported ERRORED), pages before on-request; and what the sandbox finds when a HIU gets things wrong
// (reusing keys, misreporting, a push URL that refuses pages, a wrong acknowledgement, a notify for nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cryptoRandomBytes, generateKeyPair, generateNonce } from '../../protocol/fidelius/index.js';
import { buildKeyMaterial } from '../../protocol/health-information/key-material.js';
import { openDataPushPage } from '../../protocol/health-information/data-push-open.js';
import { consentBody, findPatient, startM3Kit, type M3Kit } from './m3-kit.js';

let kit: M3Kit;
const taken = new Set<number>();
beforeAll(async () => {
  kit = await startM3Kit();
});
afterAll(async () => {
  await kit?.close();
});

const since2015 = () => ({ from: '2015-01-01T00:00:00.000Z', to: new Date().toISOString() });
const ofPatient = (abhaAddress: string) => (e: { data: any }) => kit.ctx.store.flows.consents.get(e.data.consentId)?.abhaAddress === abhaAddress;

describe('pushes the reference HIU must cope with', () => {
  it('a corrupted entry is reported ERRORED (the others OK), and that is right: no finding', async () => {
    const patient = findPatient(kit.ctx, { perHip: 3, hips: 1, notAt: [kit.t.hipId], skip: taken });
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/virtual-hip-behaviour`, { corruptEntry: true, entriesPerPage: 2 });
    const delivered = kit.event('data.delivered', ofPatient(patient.abhaAddress), 30_000);
    const notified = kit.event('transfer.notified', ofPatient(patient.abhaAddress), 30_000);
    await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    const d = await delivered;
    const corrupted = d.data.entries.filter((e: any) => e.corrupted).map((e: any) => e.careContextReference);
    expect(corrupted).toHaveLength(1);
    const n = await notified;
    expect(n.findings).toEqual([]);
    const statuses = Object.fromEntries(n.data.statusResponses.map((r: any) => [r.careContextReference, r.hiStatus]));
    expect(statuses[corrupted[0]]).toBe('ERRORED');
    expect(Object.values(statuses).filter((s) => s === 'OK')).toHaveLength(d.data.entries.length - 1);
    expect(n.data.sessionStatus).toBe('FAILED');
    const entry = kit.hiu.transfers().find((t) => t.transactionId === n.data.transactionId)!.entries.find((e) => e.careContextReference === corrupted[0])!;
    expect(entry.description).toContain('AES-GCM authentication failed');
  }, 60_000);

  it('pages that arrive before on-request are read with the key the dataPushUrl names', async () => {
    const patient = findPatient(kit.ctx, { perHip: 2, notAt: [kit.t.hipId], skip: taken });
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/virtual-hip-behaviour`, { pushBeforeOnRequest: 'always' });
    const delivered = kit.event('data.delivered', ofPatient(patient.abhaAddress), 30_000);
    const notified = kit.event('transfer.notified', ofPatient(patient.abhaAddress), 30_000);
    await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    const [d, n] = await Promise.all([delivered, notified]);
    expect(d.data.pushedBeforeOnRequest).toBe(true);
    // The HIU may well notify before on-request has even reached it.
    await kit.ctx.dispatcher.drain();
    const exchanges = kit.ctx.journal.query({ correlation: n.data.transactionId });
    const firstPush = exchanges.find((x) => x.operationId === 'hip.data-push')!;
    const onRequest = exchanges.find((x) => x.operationId === 'hiu.health-information-on-request')!;
    expect(firstPush.id).toBeLessThan(onRequest.id);
    expect(n.data.sessionStatus).toBe('TRANSFERRED');
    expect(n.findings).toEqual([]);
  }, 60_000);
});

describe('what the sandbox finds when a HIU gets things wrong', () => {
  /** A consent granted to the manual HIU; resolves with its artefact ids once the HIU's bridge was notified. */
  async function manualGrant(abhaAddress: string): Promise<{ artefactIds: string[]; notifyRequestId: string }> {
    const m = kit.manual;
    const init = await m.call('POST', '/api/hiecm/consent/v3/request/init', { consent: consentBody(abhaAddress, m.hiuId, since2015()) });
    expect(init.status).toBe(202);
    const onInit = await m.bridge.waitFor((c) => c.path === '/api/v3/hiu/consent/request/on-init' && (c.body as any).response.requestId === init.requestId);
    const id = (onInit.body as any).consentRequest.id;
    const notify = await m.bridge.waitFor((c) => c.path === '/api/v3/hiu/consent/request/notify' && (c.body as any).notification.consentRequestId === id, 15_000);
    return { artefactIds: (notify.body as any).notification.consentArtefacts.map((a: any) => a.id), notifyRequestId: notify.headers['request-id'] };
  }

  it('an acknowledgement that is not one OK per artefact is HIU-CONSENT-ACK', async () => {
    const patient = findPatient(kit.ctx, { hips: 2, notAt: [kit.t.hipId], skip: taken });
    const { artefactIds, notifyRequestId } = await manualGrant(patient.abhaAddress);
    expect(artefactIds.length).toBeGreaterThanOrEqual(2);
    const ack = kit.event('consent.hiuAcknowledged', (e) => e.data.requestId === notifyRequestId);
    // The HIP side's single object instead of the HIU side's array is refused by the schema ...
    const single = await kit.manual.call('POST', '/api/hiecm/consent/v3/request/hiu/on-notify', { acknowledgement: { status: 'OK', consentId: artefactIds[0] }, response: { requestId: notifyRequestId } });
    expect(single.status).toBe(400);
    // ... and an array that leaves an artefact out is judged.
    const partial = await kit.manual.call('POST', '/api/hiecm/consent/v3/request/hiu/on-notify', { acknowledgement: [{ status: 'OK', consentId: artefactIds[0] }], response: { requestId: notifyRequestId } });
    expect(partial.status).toBe(202);
    const event = await ack;
    expect(event.data.outcome).toBe('not-acknowledged');
    expect(event.findings.map((f) => [f.ruleId, f.message])).toEqual([['HIU-CONSENT-ACK', expect.stringContaining(`no entry for artefact ${artefactIds[1]}`)]]);
  }, 60_000);

  it('reused keys are HIU-KEY-REUSED; a notify that calls a corrupted entry OK is HIU-NOTIFY-ERRORED; a refused page is HIU-PUSH-ACCEPTED', async () => {
    const patient = findPatient(kit.ctx, { perHip: 2, notAt: [kit.t.hipId], skip: taken });
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/virtual-hip-behaviour`, { corruptEntry: true, pushBeforeOnRequest: 'never' });
    const { artefactIds } = await manualGrant(patient.abhaAddress);
    const consentId = artefactIds[0];
    const fetched = await kit.manual.call('POST', '/api/hiecm/consent/v3/fetch', { consentId });
    expect(fetched.status).toBe(202);
    const onFetch = await kit.manual.bridge.waitFor((c) => c.path === '/api/v3/hiu/consent/on-fetch' && (c.body as any).response.requestId === fetched.requestId);
    const detail = (onFetch.body as any).consent.consentDetail;
    const keyPair = generateKeyPair(cryptoRandomBytes);
    const nonce = generateNonce(cryptoRandomBytes);
    const keyMaterial = buildKeyMaterial({ keyPair, nonce, expiry: detail.permission.dataEraseAt, publicKeyEncoding: 'x509' });
    const ask = async (path: string) => {
      const delivered = kit.event('data.delivered', (e) => e.data.consentId === consentId && e.data.outcome !== 'on-request-undeliverable', 30_000);
      const requested = kit.event('data.requested', (e) => e.data.consentId === consentId);
      const r = await kit.manual.call('POST', '/api/hiecm/data-flow/v3/health-information/request', { hiRequest: { consent: { id: consentId }, dateRange: detail.permission.dateRange, dataPushUrl: `${kit.manual.bridge.url}${path}`, keyMaterial } });
      expect(r.status).toBe(202);
      return { requested: await requested, delivered: await delivered };
    };
    const first = await ask('/push/one');
    expect(first.requested.findings).toEqual([]);
    const pages = kit.manual.bridge.calls.filter((c) => c.path === '/push/one');
    expect(pages.length).toBeGreaterThan(0);
    // The manual HIU decrypts what it got: one entry fails its GCM tag, as the sandbox announced.
    const opened = pages.flatMap((p) => openDataPushPage(p.body, { receiverPrivateKey: keyPair.privateKey, receiverNonce: nonce, now: Date.now() }).entries);
    const bad = opened.filter((e) => e.status === 'failed').map((e) => e.careContextReference);
    expect(bad).toEqual(first.delivered.data.entries.filter((e: any) => e.corrupted).map((e: any) => e.careContextReference));
    // It then claims everything arrived intact.
    const notified = kit.event('transfer.notified', (e) => e.data.transactionId === first.delivered.data.transactionId);
    const notify = await kit.manual.call('POST', '/api/hiecm/data-flow/v3/health-information/notify', {
      notification: {
        consentId,
        transactionId: first.delivered.data.transactionId,
        doneAt: new Date().toISOString(),
        notifier: { type: 'HIU', id: kit.manual.hiuId },
        statusNotification: { sessionStatus: 'TRANSFERRED', statusResponses: opened.map((e) => ({ careContextReference: e.careContextReference, hiStatus: 'DELIVERED', description: 'ok' })) },
      },
    });
    expect(notify.status).toBe(202);
    expect(notify.json).toEqual({ status: 'Notification is Accepted' });
    expect((await notified).findings.map((f) => f.ruleId).sort()).toEqual([...opened.map(() => 'HIU-NOTIFY-HISTATUS'), 'HIU-NOTIFY-ERRORED'].sort());

    // The same key material again, to a push URL that refuses every page.
    kit.manual.bridge.behaviour = (c) => (c.path === '/push/two' ? { status: 500 } : undefined);
    const second = await ask('/push/two');
    expect(second.requested.findings.map((f) => [f.ruleId, f.severity])).toEqual([['HIU-KEY-REUSED', 'warning']]);
    expect(second.requested.findings[0].message).toContain(`already sent in request ${first.delivered.data.transactionId}`);
    expect(second.delivered.data.outcome).toBe('failed');
    expect(second.delivered.findings.map((f) => f.ruleId)).toEqual(second.delivered.data.pages.map(() => 'HIU-PUSH-ACCEPTED'));
    kit.manual.bridge.behaviour = () => undefined;
  }, 60_000);

  it('a notify for a transaction the HIU never started is refused with ABDM-1031; one from a HIP mislabelled HIU too', async () => {
    const r = await kit.manual.call('POST', '/api/hiecm/data-flow/v3/health-information/notify', {
      notification: { consentId: 'c-1', transactionId: '5f7a2c1e-9d3b-4e8f-a6b2-0c1d2e3f4a5b', doneAt: new Date().toISOString(), notifier: { type: 'HIU', id: kit.manual.hiuId }, statusNotification: { sessionStatus: 'TRANSFERRED', statusResponses: [] } },
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: { code: 'ABDM-1031', message: expect.stringContaining('no health-information request with transactionId 5f7a2c1e-9d3b-4e8f-a6b2-0c1d2e3f4a5b was made by a HIU of client MANUAL_HIU_CLIENT') } });
    const status = await kit.manual.call('GET', '/api/hiecm/data-flow/v3/health-information/request/status/5f7a2c1e-9d3b-4e8f-a6b2-0c1d2e3f4a5b');
    expect(status.status).toBe(404);
  });
});
