// M3 end to end over real sockets, the path where everything goes right: the reference HIU asks a patient of two
// (virtual) HIPs for consent, the patient approves, the HIU fetches both artefacts, asks for the data, and both
// HIPs push several pages each; the HIU decrypts every entry and notifies OK per care context.
import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConsentSignature } from '../../protocol/consent/index.js';
import { careContextsOf, findPatient, startM3Kit, type M3Kit } from './m3-kit.js';

let kit: M3Kit;
const taken = new Set<number>();
beforeAll(async () => {
  kit = await startM3Kit();
});
afterAll(async () => {
  await kit?.close();
});

const since2015 = () => ({ from: '2015-01-01T00:00:00.000Z', to: new Date().toISOString() });

describe('the reference HIU when the patient approves', () => {
  it('consent → one artefact per HIP → fetched → pages from two HIPs decrypted → TRANSFERRED, OK per care context, no finding', async () => {
    const patient = findPatient(kit.ctx, { hips: 2, perHip: 3, notAt: [kit.t.hipId], skip: taken });
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/virtual-hip-behaviour`, { entriesPerPage: 2 });
    const hips = (await careContextsOf(kit, patient.abhaAddress)).filter((h) => h.careContexts.length >= 3);
    expect(hips.every((h) => h.mode === 'virtual')).toBe(true);
    const notifies: Array<Promise<any>> = [];
    const granted = kit.event('consent.hiuAcknowledged', (e) => e.data.status === 'GRANTED');
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    const ack = await granted;
    expect(ack.data).toMatchObject({ consentRequestId, outcome: 'acknowledged' });
    expect(ack.findings).toEqual([]);
    const artefactIds = ack.data.consentArtefacts as string[];
    expect(artefactIds.length).toBe((await careContextsOf(kit, patient.abhaAddress)).length);
    for (const id of artefactIds) notifies.push(kit.event('transfer.notified', (e) => e.data.consentId === id, 30_000));
    const notified = await Promise.all(notifies);

    for (const n of notified) {
      expect(n.findings).toEqual([]);
      expect(n.data).toMatchObject({ notifier: { type: 'HIU', id: kit.hiu.hiuId }, sessionStatus: 'TRANSFERRED', judgedAgainst: 'virtual-push' });
      const consent = kit.ctx.store.flows.consents.get(n.data.consentId)!;
      const inRange = kit.ctx.world.careContexts(patient.index, consent.hipId).map((c) => c.referenceNumber);
      expect(n.data.statusResponses.map((r: any) => [r.careContextReference, r.hiStatus]).sort()).toEqual(inRange.map((r) => [r, 'OK']).sort());
    }
    // Several pages from each HIP with three or more care contexts, every one read by the HIU.
    for (const hip of hips) {
      const transfer = kit.hiu.transfers().find((t) => kit.ctx.store.flows.consents.get(t.consentId)!.hipId === hip.hipId)!;
      expect(transfer.pageCount).toBe(Math.ceil(hip.careContexts.length / 2));
      expect(transfer.pagesReceived.length).toBe(transfer.pageCount);
    }
    // What the HIU shows: one decrypted FHIR document per care context.
    const records = kit.hiu.state.receivedRecords();
    expect(records.length).toBe(notified.flatMap((n) => n.data.statusResponses).length);
    expect(records.every((r) => r.bundle.resourceType === 'Bundle' && r.bundle.type === 'document')).toBe(true);
    // Nothing the HIU did was wrong, anywhere.
    for (const type of ['consent.requested', 'consent.fetched', 'data.requested', 'data.delivered']) {
      expect(kit.seen(type, (e) => e.correlation.some((c) => c === consentRequestId || artefactIds.includes(c))).flatMap((e) => e.findings), type).toEqual([]);
    }
  }, 60_000);

  it('sends artefacts with the v3 fields, signed with the key in the JWKS, and answers status and the status lookup', async () => {
    const patient = findPatient(kit.ctx, { notAt: [kit.t.hipId], skip: taken });
    const notified = kit.event('transfer.notified', (e) => e.data.hiuId === kit.hiu.hiuId, 30_000);
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, hiTypes: ['OPConsultation', 'Prescription', 'DiagnosticReport', 'Invoice', 'HealthDocumentRecord', 'WellnessRecord', 'DischargeSummary', 'ImmunizationRecord'], dateRange: since2015() });
    const done = await notified;
    const status = await kit.hiu.consentRequestStatus(consentRequestId);
    expect(status).toEqual({ status: 'GRANTED', artefactIds: kit.hiu.state.consentRequests.get(consentRequestId)!.artefactIds });
    const [id] = status.artefactIds;
    const detail = kit.hiu.state.artefacts.get(id)!.detail!;
    expect(detail).toMatchObject({ schemaVersion: 'v3', consentId: id, patient: { id: patient.abhaAddress }, hiu: { id: kit.hiu.hiuId, type: 'HIU' }, hip: { type: 'HIP' }, consentManager: { id: 'sbx' }, permission: { accessMode: 'VIEW', frequency: { unit: 'HOUR', value: 1, repeats: 0 } } });
    const jwks = (await (await fetch(`${kit.t.running.url}/gateway/v0.5/certs`)).json()) as { keys: Array<Record<string, unknown>> };
    const key = createPublicKey({ key: jwks.keys[0] as never, format: 'jwk' });
    expect(verifyConsentSignature(detail, kit.hiu.state.artefacts.get(id)!.signature!, key)).toBe(true);

    const lookup = await kit.t.client.call('GET', `/api/hiecm/data-flow/v3/health-information/request/status/${done.data.transactionId}`, { token: kit.t.hiuToken });
    expect(lookup.status).toBe(200);
    expect(lookup.json).toMatchObject({ transactionId: done.data.transactionId, consentId: done.data.consentId, sessionStatus: 'TRANSFERRED' });
    expect(lookup.json.statusResponses.every((r: any) => r.hiStatus === 'DELIVERED')).toBe(true);
    // Pushes are journaled under the HIU, ciphertext shortened, and carry no Authorization (as WRAP's HIP pushes).
    const [push] = kit.ctx.journal.query({ correlation: done.data.transactionId, operationId: 'hip.data-push' });
    expect(push).toMatchObject({ direction: 'outbound', status: 202, serviceId: kit.hiu.hiuId });
    expect(push.requestHeaders.authorization).toBeUndefined();
    expect(push.requestBody).toMatch(/\[\d+ base64 characters, encrypted\]/);
  }, 60_000);

  it('meets both public-key encodings across requests, raw and X.509, and decrypts both', async () => {
    const patient = findPatient(kit.ctx, { notAt: [kit.t.hipId], skip: taken });
    const first = kit.event('transfer.notified', (e) => e.data.hiuId === kit.hiu.hiuId && kit.ctx.store.flows.consents.get(e.data.consentId)?.abhaAddress === patient.abhaAddress, 30_000);
    await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    const artefactId = (await first).data.consentId as string;
    const encodings = new Set<string>();
    for (let i = 0; i < 8 && encodings.size < 2; i++) {
      const delivered = kit.event('data.delivered', (e) => e.data.consentId === artefactId, 30_000);
      const notified = kit.event('transfer.notified', (e) => e.data.consentId === artefactId, 30_000);
      await kit.hiu.requestHealthInformation(artefactId);
      const [d, n] = await Promise.all([delivered, notified]);
      encodings.add(d.data.publicKeyEncoding);
      expect(n.data.sessionStatus).toBe('TRANSFERRED');
      expect(n.findings).toEqual([]);
    }
    expect([...encodings].sort()).toEqual(['raw', 'x509']);
    // A fresh key pair and nonce per request: never reported as reused.
    expect(kit.seen('data.requested').flatMap((e) => e.findings).filter((f) => f.ruleId === 'HIU-KEY-REUSED')).toEqual([]);
  }, 90_000);
});
