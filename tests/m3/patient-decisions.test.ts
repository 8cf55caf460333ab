// M3 end to end over real sockets, the patient's other answers: denial, a narrowed grant (fewer hiTypes, fewer
// dates: the HIU must use the artefact's), revocation and expiry after the data was sent (notified; the HIU drops
// the records; a later request is refused with ABDM-1112), and a request left to lapse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careContextsOf, consentBody, findPatient, hiuKeyMaterial, startM3Kit, type M3Kit } from './m3-kit.js';

let kit: M3Kit;
const taken = new Set<number>();
beforeAll(async () => {
  kit = await startM3Kit();
});
afterAll(async () => {
  await kit?.close();
});

const since2015 = () => ({ from: '2015-01-01T00:00:00.000Z', to: new Date().toISOString() });
const patientOfVirtualHips = () => findPatient(kit.ctx, { perHip: 2, notAt: [kit.t.hipId], skip: taken });

/** Consent requested by the reference HIU and every transfer under it notified; resolves with the artefact ids. */
async function grantedWithData(abhaAddress: string): Promise<{ consentRequestId: string; artefactIds: string[] }> {
  const ack = kit.event('consent.hiuAcknowledged', (e) => e.data.status === 'GRANTED' && kit.ctx.store.flows.consentRequests.get(e.data.consentRequestId as string)?.abhaAddress === abhaAddress);
  const consentRequestId = await kit.hiu.requestConsent({ abhaAddress, dateRange: since2015() });
  const artefactIds = (await ack).data.consentArtefacts as string[];
  await Promise.all(artefactIds.map((id) => (kit.seen('transfer.notified', (e) => e.data.consentId === id).length > 0 ? undefined : kit.event('transfer.notified', (e) => e.data.consentId === id, 30_000))));
  return { consentRequestId, artefactIds };
}

describe('the patient denies', () => {
  it('DENIED with the reason and no artefact; the HIU acknowledges with an empty array and has no data', async () => {
    const patient = patientOfVirtualHips();
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'deny', reason: 'I do not know this clinic' });
    const ack = kit.event('consent.hiuAcknowledged', (e) => e.data.status === 'DENIED');
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    expect((await ack).data).toMatchObject({ consentRequestId, outcome: 'acknowledged', consentArtefacts: [], acknowledgement: [] });
    expect(kit.hiu.state.consentRequests.get(consentRequestId)).toMatchObject({ status: 'DENIED', reason: 'I do not know this clinic', artefactIds: [] });
    expect(await kit.hiu.consentRequestStatus(consentRequestId)).toEqual({ status: 'DENIED', artefactIds: [] });
    const view = await kit.admin('GET', `/sandbox/consent-requests/${consentRequestId}`);
    expect(view.json).toMatchObject({ status: 'DENIED', artefacts: [], notices: [{ status: 'DENIED', artefacts: [] }] });
    expect(kit.hiu.transfers().filter((t) => t.consentId === consentRequestId)).toEqual([]);
  });
});

describe('the patient narrows the request', () => {
  it("grants fewer hiTypes and dates; the reference HIU asks with the artefact's range and gets only that", async () => {
    const patient = findPatient(kit.ctx, { perHip: 4, notAt: [kit.t.hipId], skip: taken });
    const hip = (await careContextsOf(kit, patient.abhaAddress)).find((h) => h.careContexts.length >= 4)!;
    const dates = hip.careContexts.map((c) => c.date).sort();
    // The patient shares the later half of their visits at that HIP only.
    const narrowed = { from: dates[Math.floor(dates.length / 2)], to: dates[dates.length - 1] };
    const kept = hip.careContexts.filter((c) => c.date >= narrowed.from && c.date <= narrowed.to);
    const hiTypes = [...new Set(kept.map((c) => c.hiType))];
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'approve', dateRange: narrowed, hiTypes, hipIds: [hip.hipId] });
    const notified = kit.event('transfer.notified', (e) => kit.ctx.store.flows.consents.get(e.data.consentId as string)?.abhaAddress === patient.abhaAddress, 30_000);
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    const n = await notified;
    const artefact = kit.hiu.state.artefacts.get(n.data.consentId as string)!.detail!;
    expect(artefact.permission.dateRange).toEqual({ from: new Date(narrowed.from).toISOString(), to: new Date(narrowed.to).toISOString() });
    expect(artefact.hiTypes.sort()).toEqual([...hiTypes].sort());
    expect(kit.hiu.state.consentRequests.get(consentRequestId)!.artefactIds).toEqual([n.data.consentId]);
    expect(kit.hiu.transfers().find((t) => t.consentId === n.data.consentId)!.dateRange).toEqual(artefact.permission.dateRange);
    expect(n.findings).toEqual([]);
    expect(n.data.statusResponses.map((r: any) => r.careContextReference).sort()).toEqual(kept.map((c) => c.careContextReference).sort());
    expect(kit.seen('data.requested', (e) => e.data.consentId === n.data.consentId).flatMap((e) => e.findings)).toEqual([]);
  }, 60_000);

  it("refuses, with ABDM-1063 and HIU-HI-RANGE, a HIU that asks with its own request's range instead of the artefact's", async () => {
    const patient = findPatient(kit.ctx, { perHip: 3, notAt: [kit.t.hipId], skip: taken });
    const hip = (await careContextsOf(kit, patient.abhaAddress))[0];
    const dates = hip.careContexts.map((c) => c.date).sort();
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'approve', dateRange: { from: dates[1], to: dates[dates.length - 1] }, hipIds: [hip.hipId] });
    const m = kit.manual;
    const asked = since2015();
    const init = await m.call('POST', '/api/hiecm/consent/v3/request/init', { consent: consentBody(patient.abhaAddress, m.hiuId, asked) });
    expect(init.status).toBe(202);
    const notify = await m.bridge.waitFor((c) => c.path === '/api/v3/hiu/consent/request/notify' && (c.body as any).notification.status === 'GRANTED', 15_000);
    const [artefact] = (notify.body as any).notification.consentArtefacts;
    const refused = kit.event('data.requested', (e) => e.data.consentId === artefact.id);
    const r = await m.call('POST', '/api/hiecm/data-flow/v3/health-information/request', { hiRequest: { consent: { id: artefact.id }, dateRange: asked, dataPushUrl: `${m.bridge.url}/push`, keyMaterial: hiuKeyMaterial() } });
    expect(r.status).toBe(202);
    const onRequest = await m.bridge.waitFor((c) => c.path === '/api/v3/hiu/health-information/on-request' && (c.body as any).response.requestId === r.requestId);
    expect(onRequest.body).toMatchObject({ hiRequest: null, error: { code: 'ABDM-1063', message: expect.stringContaining("use the artefact's permission.dateRange") }, response: { requestId: r.requestId } });
    const event = await refused;
    expect(event.data.outcome).toBe('refused');
    expect(event.findings.map((f) => f.ruleId)).toEqual(['HIU-HI-RANGE', 'HIU-CONSENT-FETCH']);
  }, 60_000);
});

describe('the patient revokes, or the consent expires, after the data was sent', () => {
  it('REVOKED reaches the HIU, which drops the records; a later request is refused with ABDM-1112', async () => {
    const patient = patientOfVirtualHips();
    const { consentRequestId, artefactIds } = await grantedWithData(patient.abhaAddress);
    expect(kit.hiu.state.receivedRecords(artefactIds[0]).length).toBeGreaterThan(0);
    const revoked = await kit.admin('POST', `/sandbox/consent-requests/${consentRequestId}/revoke?wait=true`);
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ status: 'REVOKED', outcome: { data: { status: 'REVOKED', outcome: 'acknowledged', consentArtefacts: artefactIds } } });
    expect(revoked.json.artefacts.map((a: any) => a.status)).toEqual(artefactIds.map(() => 'REVOKED'));
    expect(kit.hiu.state.receivedRecords(artefactIds[0])).toEqual([]);
    expect(kit.hiu.state.artefacts.get(artefactIds[0])!.status).toBe('REVOKED');
    await expectRefusedLater(artefactIds[0], /is REVOKED/);
    expect((await kit.admin('POST', `/sandbox/consent-requests/${consentRequestId}/revoke`)).status).toBe(409);
  }, 60_000);

  it('revokeAfterSeconds: the patient revokes on their own a second after granting', async () => {
    const patient = patientOfVirtualHips();
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'approve', revokeAfterSeconds: 1 });
    const revoked = kit.event('consent.hiuAcknowledged', (e) => e.data.status === 'REVOKED' && kit.ctx.store.flows.consentRequests.get(e.data.consentRequestId as string)?.abhaAddress === patient.abhaAddress, 20_000);
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    expect((await revoked).data.consentRequestId).toBe(consentRequestId);
    expect(kit.hiu.state.consentRequests.get(consentRequestId)!.status).toBe('REVOKED');
  }, 60_000);

  it('EXPIRED at dataEraseAt by the sandbox clock; the HIU drops the records; a later request is refused', async () => {
    const patient = patientOfVirtualHips();
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'approve', expireAfterSeconds: 5 });
    const expired = kit.event('consent.hiuAcknowledged', (e) => e.data.status === 'EXPIRED' && kit.ctx.store.flows.consentRequests.get(e.data.consentRequestId as string)?.abhaAddress === patient.abhaAddress, 20_000);
    const { artefactIds } = await grantedWithData(patient.abhaAddress);
    expect(kit.hiu.state.receivedRecords(artefactIds[0]).length).toBeGreaterThan(0);
    expect((await expired).data).toMatchObject({ outcome: 'acknowledged', consentArtefacts: artefactIds });
    expect(kit.hiu.state.receivedRecords(artefactIds[0])).toEqual([]);
    await expectRefusedLater(artefactIds[0], /expired|is EXPIRED/);
  }, 60_000);

  it('a request the patient never answers lapses: EXPIRED with no artefact', async () => {
    const patient = patientOfVirtualHips();
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'expire', expireAfterSeconds: 1 });
    const lapsed = kit.event('consent.hiuAcknowledged', (e) => e.data.status === 'EXPIRED' && (e.data.consentArtefacts as string[]).length === 0, 20_000);
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    expect(kit.hiu.state.consentRequests.get(consentRequestId)!.status).toBe('REQUESTED');
    expect((await lapsed).data.consentRequestId).toBe(consentRequestId);
    expect(kit.hiu.state.consentRequests.get(consentRequestId)).toMatchObject({ status: 'EXPIRED', artefactIds: [] });
  }, 60_000);

  it('a manual patient waits; a decision posted for the one request grants it', async () => {
    const patient = patientOfVirtualHips();
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'manual' });
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: since2015() });
    expect((await kit.admin('GET', `/sandbox/consent-requests/${consentRequestId}`)).json.status).toBe('REQUESTED');
    const decided = await kit.admin('POST', `/sandbox/consent-requests/${consentRequestId}/decide?wait=true`, { decision: 'approve', hiTypes: ['Prescription', 'OPConsultation', 'Invoice', 'DiagnosticReport'] });
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({ status: 'GRANTED', outcome: { data: { status: 'GRANTED', outcome: 'acknowledged' } } });
    const bad = await kit.admin('POST', `/sandbox/consent-requests/${consentRequestId}/decide`, { decision: 'maybe' });
    expect(bad.json).toEqual({ error: { code: 'ABDM-1006', message: expect.stringContaining('decision must be one of approve, deny, expire, manual') } });
  }, 60_000);
});

/** A request under an ended artefact: on-request carries ABDM-1112 and the event the HIU-HI-CONSENT-STATE finding. */
async function expectRefusedLater(consentId: string, why: RegExp): Promise<void> {
  const refused = kit.event('data.requested', (e) => e.data.consentId === consentId && e.data.outcome === 'refused');
  const m = kit.manual;
  // The reference HIU refuses to ask under an ended consent itself; ask as its client would, with its credentials.
  const call = await kit.t.client.call('POST', '/api/hiecm/data-flow/v3/health-information/request', {
    token: kit.t.hiuToken,
    headers: { 'X-HIU-ID': kit.hiu.hiuId },
    body: { hiRequest: { consent: { id: consentId }, dateRange: kit.hiu.state.artefacts.get(consentId)!.detail!.permission.dateRange, dataPushUrl: `${m.bridge.url}/push`, keyMaterial: hiuKeyMaterial() } },
  });
  expect(call.status).toBe(202);
  const event = await refused;
  expect(event.data.error).toMatchObject({ code: 'ABDM-1112', message: expect.stringMatching(why) });
  expect(event.findings.map((f) => f.ruleId)).toContain('HIU-HI-CONSENT-STATE');
  await expect(kit.hiu.requestHealthInformation(consentId)).rejects.toThrow(/is (REVOKED|EXPIRED)/);
}
