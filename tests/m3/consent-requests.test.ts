// M3 end to end over real sockets, a HIU's consent calls as the gateway answers them: init refused at once with the
// array of §6.2, refused at on-init (unknown patient or HIP), or accepted; status and fetch for what is and is
// not the HIU's; and accounts enrolled through the ABHA service asked for consent like synthetic ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticAadhaar } from '../../protocol/ids/synthetic-aadhaar.js';
import { startDiscovery } from '../../sandbox-server/flows/discovery-flow.js';
import { AbhaTestClient, OffsetClock } from '../support/abha-client.js';
import { consentBody, findPatient, startM3Kit, type M3Kit } from './m3-kit.js';

let kit: M3Kit;
const taken = new Set<number>();
beforeAll(async () => {
  kit = await startM3Kit();
});
afterAll(async () => {
  await kit?.close();
});

const INIT = '/api/hiecm/consent/v3/request/init';
const since2015 = () => ({ from: '2015-01-01T00:00:00.000Z', to: new Date().toISOString() });

/** The callback the manual HIU's bridge got for a call, by the call's REQUEST-ID. */
const answerTo = (path: string, requestId: string) => kit.manual.bridge.waitFor((c) => c.path === path && (c.body as any).response?.requestId === requestId, 10_000).then((c) => c.body as any);

describe('consent/v3/request/init', () => {
  it('refuses several problems at once as the v3 array, in V3-CM\'s words, and journals each as a finding', async () => {
    const patient = findPatient(kit.ctx, { skip: taken });
    const consent = consentBody(patient.abhaAddress, kit.manual.hiuId, { from: '2015-01-01T00:00:00.000Z', to: '2099-01-01T00:00:00.000Z' }) as any;
    consent.purpose = { code: 'CAREMGT', text: 'Care management', refUri: '' };
    consent.hiTypes = ['OPConsultation', 'LabReport'];
    consent.hiu = { id: 'SBX_DEMO_HIU' };
    const refused = kit.event('consent.requested', (e) => e.data.outcome === 'refused');
    const r = await kit.manual.call('POST', INIT, { consent });
    expect(r.status).toBe(400);
    expect(r.json).toEqual([
      { error: { code: 'ABDM-9999: ', message: expect.stringMatching(/^Invalid purpose text, it must be in Care Management, Break the Glass, Public Health, Healthcare Payment, Disease Specific Healthcare Research, Self Requested: /) } },
      { error: { code: 'ABDM-9999: ', message: expect.stringMatching(/^Invalid consent purpose refURI: /) } },
      { error: { code: 'ABDM-1040', message: expect.stringContaining('hiu.id SBX_DEMO_HIU is not a HIU service of the calling client (its HIUs: MANUAL_HIU_01)') } },
      { error: { code: 'ABDM-9999: ', message: expect.stringContaining('"LabReport" is not among') } },
      { error: { code: 'ABDM-9999: ', message: expect.stringMatching(/^Invalid from\/to date\. Date must be a present\/before date: permission\.dateRange\.to 2099/) } },
    ]);
    const event = await refused;
    expect(event.findings.map((f) => f.ruleId)).toEqual(['HIU-CONSENT-PURPOSE', 'HIU-CONSENT-PURPOSE', 'HIU-CONSENT-HIU-ID', 'HIU-CONSENT-HITYPES', 'HIU-CONSENT-DATE-RANGE']);
    const [exchange] = kit.ctx.journal.query({ correlation: r.requestId });
    expect(exchange).toMatchObject({ operationId: 'consent.request-init', status: 400, errorCode: 'ABDM-9999: ' });
    // Nothing was sent to the HIU's bridge for a refused request.
    expect(kit.manual.bridge.calls.some((c) => (c.body as any)?.response?.requestId === r.requestId)).toBe(false);
  });

  it('answers an unknown patient or HIP with an error on-init, and a well-formed request with the consent request id', async () => {
    const nobody = await kit.manual.call('POST', INIT, { consent: consentBody('nobody.at.all@sbx', kit.manual.hiuId, since2015()) });
    expect(nobody.status).toBe(202);
    expect(await answerTo('/api/v3/hiu/consent/request/on-init', nobody.requestId)).toEqual({ consentRequest: null, error: { code: 'ABDM-1051', message: expect.stringContaining('nobody.at.all@sbx') }, response: { requestId: nobody.requestId } });

    const patient = findPatient(kit.ctx, { skip: taken });
    const unknownHip = await kit.manual.call('POST', INIT, { consent: { ...consentBody(patient.abhaAddress, kit.manual.hiuId, since2015()), hip: { id: 'NO_SUCH_HIP' } } });
    expect((await answerTo('/api/v3/hiu/consent/request/on-init', unknownHip.requestId)).error).toMatchObject({ code: 'ABDM-1035' });

    const warned = kit.event('consent.requested', (e) => e.data.outcome === 'requested' && e.data.hiuId === kit.manual.hiuId);
    const ok = await kit.manual.call('POST', INIT, { consent: { ...consentBody(patient.abhaAddress, kit.manual.hiuId, since2015()), purpose: { text: 'Care Management', code: 'CAREMGT', refUri: 'wrapper' } } });
    expect(ok.status).toBe(202);
    const onInit = await answerTo('/api/v3/hiu/consent/request/on-init', ok.requestId);
    expect(onInit).toEqual({ consentRequest: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) }, error: null, response: { requestId: ok.requestId } });
    expect((await warned).findings.map((f) => [f.ruleId, f.severity])).toEqual([['HIU-CONSENT-REFURI', 'warning']]);
    // The gateway's call carries the HIU's routing header and the gateway's signature.
    const call = kit.manual.bridge.calls.find((c) => (c.body as any)?.response?.requestId === ok.requestId)!;
    expect(call.headers['x-hiu-id']).toBe(kit.manual.hiuId);
    expect(call.headers.authorization).toMatch(/^Bearer ey/);
  });

  it('needs a token for a HIU: a HIP calling it is refused (900910)', async () => {
    const r = await kit.t.client.call('POST', INIT, { token: kit.t.hipToken, body: { consent: {} } });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('900910');
  });
});

describe('consent/v3/request/status and consent/v3/fetch', () => {
  it("answer the HIU's own requests and artefacts, and an error for anyone else's", async () => {
    const patient = findPatient(kit.ctx, { notAt: [kit.t.hipId], skip: taken });
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/consent-policy`, { decision: 'manual' });
    const init = await kit.manual.call('POST', INIT, { consent: consentBody(patient.abhaAddress, kit.manual.hiuId, since2015()) });
    const id = (await answerTo('/api/v3/hiu/consent/request/on-init', init.requestId)).consentRequest.id;

    const pending = await kit.manual.call('POST', '/api/hiecm/consent/v3/request/status', { consentRequestId: id });
    expect(pending.status).toBe(202);
    expect(await answerTo('/api/v3/hiu/consent/request/on-status', pending.requestId)).toEqual({ consentRequest: { id, status: 'REQUESTED' }, error: null, response: { requestId: pending.requestId }, resp: null });

    await kit.admin('POST', `/sandbox/consent-requests/${id}/decide`, { decision: 'approve' });
    const granted = await kit.manual.call('POST', '/api/hiecm/consent/v3/request/status', { consentRequestId: id });
    const onStatus = await answerTo('/api/v3/hiu/consent/request/on-status', granted.requestId);
    expect(onStatus.consentRequest).toMatchObject({ id, status: 'GRANTED' });
    expect(onStatus.consentRequest.consentArtefacts.map((a: any) => a.id)).toEqual(kit.ctx.store.flows.consentRequests.artefacts(id).map((a) => a.consentId));
    const artefactId = onStatus.consentRequest.consentArtefacts[0].id;

    const fetched = await kit.manual.call('POST', '/api/hiecm/consent/v3/fetch', { consentId: artefactId });
    const onFetch = await answerTo('/api/v3/hiu/consent/on-fetch', fetched.requestId);
    expect(onFetch).toMatchObject({ consent: { status: 'GRANTED', consentDetail: { consentId: artefactId, hiu: { id: kit.manual.hiuId } }, signature: expect.any(String) }, error: null, resp: null });

    // The reference HIU (another client) asks about the manual HIU's request and artefact.
    const unknown = kit.event('consent.statusAnswered', (e) => e.data.consentRequestId === id && e.data.hiuId === kit.hiu.hiuId);
    const foreign = await kit.t.client.call('POST', '/api/hiecm/consent/v3/request/status', { token: kit.t.hiuToken, headers: { 'X-HIU-ID': kit.hiu.hiuId }, body: { consentRequestId: id } });
    expect(foreign.status).toBe(202);
    expect((await unknown).findings.map((f) => f.ruleId)).toEqual(['HIU-CONSENT-UNKNOWN']);
    await expect(kit.hiu.fetchArtefact(artefactId)).rejects.toThrow(/ABDM-1001 No data found: no consent artefact .* was granted to HIU/);
    await expect(kit.hiu.consentRequestStatus('0d0f6c1e-0000-4000-8000-000000000000')).rejects.toThrow(/ABDM-1001/);
    // X-HIU-ID is required on status and fetch.
    const bare = await kit.manual.call('POST', '/api/hiecm/consent/v3/fetch', { consentId: artefactId }, { 'X-HIU-ID': null });
    expect(bare.status).toBe(400);
    expect(bare.json.error.code).toBe('ABDM-1032');
  });
});

describe('accounts enrolled through the ABHA service (M1)', () => {
  it('are asked for consent over the care contexts HIPs linked to them, and discovered like anyone', async () => {
    const abha = new AbhaTestClient(kit.t.running.url, new OffsetClock());
    await abha.login();
    const { result } = await abha.enrol(syntheticAadhaar(5_000_777), '9000077777');
    expect(result.status).toBe(200);
    const abhaAddress = result.json.ABHAProfile.phrAddress[0] as string;
    const hipId = kit.ctx.world.facilitiesVisitedBy(0)[0].id;
    kit.ctx.store.flows.links.link({ hipId, abhaAddress, careContextReference: 'OP-ENROLLED-1', patientReference: 'MRN-E1', hiType: 'OPConsultation', linkedBy: 'hip', linkedAt: new Date().toISOString() });
    const ack = kit.event('consent.hiuAcknowledged', (e) => e.data.status === 'GRANTED' && kit.ctx.store.flows.consentRequests.get(e.data.consentRequestId)?.abhaAddress === abhaAddress);
    const delivered = kit.event('data.delivered', (e) => kit.ctx.store.flows.consents.get(e.data.consentId)?.abhaAddress === abhaAddress, 30_000);
    await kit.hiu.requestConsent({ abhaAddress, dateRange: since2015() });
    const [artefactId] = (await ack).data.consentArtefacts;
    expect(kit.ctx.store.flows.consents.get(artefactId)!.detail.careContexts).toEqual([{ patientReference: 'MRN-E1', careContextReference: 'OP-ENROLLED-1' }]);
    // The virtual HIP holds no synthetic record for a link a real HIP made: it says so, and pushes nothing.
    expect((await delivered).data).toMatchObject({ outcome: 'empty', unavailable: ['OP-ENROLLED-1'] });
    // M2's flows find the account too.
    expect(() => startDiscovery(kit.ctx, { abhaAddress, hipId: kit.t.hipId })).not.toThrow();
  }, 60_000);
});
