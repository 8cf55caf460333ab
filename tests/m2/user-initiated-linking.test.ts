import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkByPatient, startM2Kit, type M2Kit } from './m2-kit.js';

const ON_DISCOVER = '/api/hiecm/user-initiated-linking/v3/patient/care-context/on-discover';
const ON_CONFIRM = '/api/hiecm/user-initiated-linking/v3/link/care-context/on-confirm';
let kit: M2Kit;

beforeAll(async () => {
  kit = await startM2Kit();
});
afterAll(async () => {
  await kit?.close();
});

const ruleIds = (e: { findings: Array<{ ruleId: string }> }) => e.findings.map((f) => f.ruleId);

describe('discovery and linking with the reference HIP', () => {
  it('discovers the patient with their verified identifiers and gets one entry per hiType, with counts', async () => {
    const patient = kit.patients[0];
    const r = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/discover?wait=true`, { hipId: kit.t.hipId });
    expect(r.status).toBe(200);
    const event = r.json.outcome;
    expect(event.type).toBe('discovery.completed');
    expect(event.correlation).toEqual(expect.arrayContaining([r.json.requestId, r.json.transactionId]));
    expect(event.findings).toEqual([]);
    expect(event.data.outcome).toBe('matched');
    expect(event.data.matchedBy).toEqual(expect.arrayContaining(['MOBILE', 'ABHA_NUMBER']));
    const expected = kit.ctx.world.careContexts(patient.index, kit.t.hipId);
    const offered = event.data.patient.flatMap((e: any) => e.careContexts.map((c: any) => c.referenceNumber));
    expect(offered.sort()).toEqual(expected.map((c) => c.referenceNumber).sort());
    for (const entry of event.data.patient) expect(entry.count).toBe(entry.careContexts.length);
    // What the HIP received: the v3 discover body with the patient's identifiers.
    const [sent] = kit.ctx.journal.query({ correlation: r.json.requestId, operationId: 'hip.discover' });
    expect(JSON.parse(sent.requestBody!).patient).toMatchObject({ id: patient.abhaAddress, name: patient.name.full, gender: patient.gender, yearOfBirth: patient.yearOfBirth });
  });

  it('links by OTP: wrong OTP refused, right OTP links, replay refused, linked care contexts no longer offered', async () => {
    const patient = kit.patients[1];
    const d = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/discover?wait=true`, { hipId: kit.t.hipId });
    const picked = d.json.outcome.data.patient[0].careContexts.map((c: any) => c.referenceNumber);
    const init = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link?wait=true`, { transactionId: d.json.transactionId, careContexts: picked });
    const initiated = init.json.outcome;
    expect(initiated.data).toMatchObject({ outcome: 'awaiting-confirmation', authenticationType: 'DIRECT' });
    expect(Date.parse(initiated.data.communicationExpiry)).toBeGreaterThan(Date.now());
    const linkRefNumber = initiated.data.linkRefNumber;

    const wrong = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link/confirm?wait=true`, { linkRefNumber, otp: '000000', wrongOtp: true });
    expect(wrong.json.outcome.data).toMatchObject({ outcome: 'refused', expected: 'refused', error: { code: 'ABDM-1035', message: 'Incorrect OTP' } });
    expect(wrong.json.outcome.findings).toEqual([]);

    const right = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link/confirm?wait=true`, { linkRefNumber, otp: '123456' });
    expect(right.json.outcome.data.outcome).toBe('linked');
    expect(right.json.outcome.findings).toEqual([]);
    expect(right.json.outcome.data.careContexts.map((c: any) => c.referenceNumber).sort()).toEqual([...picked].sort());
    const links = await kit.admin('GET', `/sandbox/patients/${patient.abhaAddress}/links?hipId=${kit.t.hipId}`);
    expect(links.json.links.map((l: any) => l.careContextReference).sort()).toEqual([...picked].sort());

    const replay = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link/confirm?wait=true`, { linkRefNumber });
    expect(replay.json.outcome.data).toMatchObject({ outcome: 'refused', expected: 'refused', error: { code: 'ABDM-1056' } });

    const again = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/discover?wait=true`, { hipId: kit.t.hipId });
    const offered = (again.json.outcome.data.patient ?? []).flatMap((e: any) => e.careContexts.map((c: any) => c.referenceNumber));
    for (const ref of picked) expect(offered).not.toContain(ref);
    expect(again.json.outcome.findings).toEqual([]);
  });

  it('an unknown patient gets the HIP\'s error callback, which is the right answer (no finding)', async () => {
    const r = await kit.admin('POST', `/sandbox/patients/${kit.stranger.abhaAddress}/discover?wait=true`, { hipId: kit.t.hipId });
    expect(r.json.outcome.data).toMatchObject({ outcome: 'not-found', error: { code: 'ABDM-1010' } });
    expect(r.json.outcome.findings).toEqual([]);
  });

  it('the admin API refuses what the virtual patient cannot do, naming it', async () => {
    const noHip = await kit.admin('POST', `/sandbox/patients/${kit.patients[0].abhaAddress}/discover`, { hipId: 'IN9999999999' });
    expect(noHip.status).toBe(400);
    expect(noHip.json.error).toMatchObject({ code: 'ABDM-1035' });
    const noPatient = await kit.admin('POST', '/sandbox/patients/nobody.here@sbx/discover', { hipId: kit.t.hipId });
    expect(noPatient.status).toBe(404);
    expect(noPatient.json.error.message).toContain('nobody.here@sbx');
    const badLink = await kit.admin('POST', `/sandbox/patients/${kit.patients[0].abhaAddress}/link`, { transactionId: 'no-such-discovery' });
    expect(badLink.status).toBe(404);
  });
});

describe('an expired link reference', () => {
  it('is refused by a HIP whose OTP has expired', async () => {
    const shortLived = await startM2Kit({ otpTtlMs: 300 });
    try {
      const patient = shortLived.patients[0];
      const d = await shortLived.admin('POST', `/sandbox/patients/${patient.abhaAddress}/discover?wait=true`, { hipId: shortLived.t.hipId });
      const init = await shortLived.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link?wait=true`, { transactionId: d.json.transactionId });
      await new Promise((r) => setTimeout(r, 600));
      const late = await shortLived.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link/confirm?wait=true`, { linkRefNumber: init.json.outcome.data.linkRefNumber });
      expect(late.json.outcome.data).toMatchObject({ outcome: 'refused', expected: 'refused', error: { code: 'ABDM-1056' } });
      expect(late.json.outcome.data.error.message).toContain('expired');
      expect(late.json.outcome.findings).toEqual([]);
    } finally {
      await shortLived.close();
    }
  });
});

describe('a HIP that gets discovery and linking wrong', () => {
  const discoverAtManualHip = async (abhaAddress: string) => {
    const r = await kit.admin('POST', `/sandbox/patients/${abhaAddress}/discover`, { hipId: kit.manual.hipId });
    expect(r.status).toBe(202);
    const call = await kit.manual.bridge.waitFor((c) => c.path === '/api/v3/hip/patient/care-context/discover' && (c.body as any).transactionId === r.json.transactionId);
    return { started: r.json, call };
  };

  it('a wrong count is refused with ABDM-1037 and announced as answer.refused with HIP-DISCOVER-COUNT; the corrected answer counts', async () => {
    const patient = kit.manualPatients[0];
    const { started, call } = await discoverAtManualHip(patient.abhaAddress);
    const refused = kit.event('answer.refused', (e) => e.correlation.includes(started.requestId));
    const entry = { referenceNumber: 'MRN1', display: 'Someone', careContexts: [{ referenceNumber: 'OP-1', display: 'OPD' }, { referenceNumber: 'OP-2', display: 'OPD' }], hiType: 'OPConsultation', count: 1 };
    const bad = await kit.manual.call('POST', ON_DISCOVER, { transactionId: started.transactionId, patient: [entry], matchedBy: ['MOBILE'], response: { requestId: call.headers['request-id'] } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('ABDM-1037');
    expect(bad.json.error.message).toContain('body.patient[0].count is 1 but the entry lists 2 care contexts');
    expect(ruleIds(await refused)).toEqual(['HIP-DISCOVER-COUNT']);
    const completed = kit.event('discovery.completed', (e) => e.correlation.includes(started.requestId));
    const good = await kit.manual.call('POST', ON_DISCOVER, { transactionId: started.transactionId, patient: [{ ...entry, count: 2 }], matchedBy: ['MOBILE'], response: { requestId: call.headers['request-id'] } });
    expect(good.status).toBe(202);
    expect((await completed).findings).toEqual([]);
  });

  it('an empty patient list instead of an error, a missing hiType and a foreign transactionId are findings', async () => {
    const { started, call } = await discoverAtManualHip(kit.manualPatients[1].abhaAddress);
    const completed = kit.event('discovery.completed', (e) => e.correlation.includes(started.requestId));
    await kit.manual.call('POST', ON_DISCOVER, { transactionId: 'another-transaction', patient: [], response: { requestId: call.headers['request-id'] } });
    const event = await completed;
    expect(ruleIds(event)).toEqual(['HIP-DISCOVER-TRANSACTION', 'HIP-DISCOVER-RESULT']);
    expect((event.findings[0] as any).exchangeIds).toHaveLength(2);

    const second = await discoverAtManualHip(kit.manualPatients[1].abhaAddress);
    const done = kit.event('discovery.completed', (e) => e.correlation.includes(second.started.requestId));
    await kit.manual.call('POST', ON_DISCOVER, {
      transactionId: second.started.transactionId,
      patient: [{ referenceNumber: 'MRN1', careContexts: [{ referenceNumber: 'OP-1' }], count: 1 }],
      response: { requestId: second.call.headers['request-id'] },
    });
    expect(ruleIds(await done)).toEqual(['HIP-DISCOVER-HITYPE', 'HIP-DISCOVER-MATCHED-BY']);
  });

  it('a HIP that links with a wrong OTP breaks HIP-LINK-CONFIRM-WRONG-OTP', async () => {
    const patient = kit.manualPatients[2] ?? kit.manualPatients[0];
    const { started, call } = await discoverAtManualHip(patient.abhaAddress);
    const entry = { referenceNumber: 'MRN9', display: 'Someone', careContexts: [{ referenceNumber: 'OP-9', display: 'OPD' }], hiType: 'OPConsultation', count: 1 };
    await kit.manual.call('POST', ON_DISCOVER, { transactionId: started.transactionId, patient: [entry], matchedBy: ['MOBILE'], response: { requestId: call.headers['request-id'] } });
    const init = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link`, { transactionId: started.transactionId });
    const initRequest = await kit.manual.bridge.waitFor((c) => c.headers['request-id'] === init.json.requestId);
    expect(initRequest.body).toMatchObject({ abhaAddress: patient.abhaAddress, patient: [{ referenceNumber: 'MRN9', careContexts: [{ referenceNumber: 'OP-9' }], hiType: 'OPConsultation', count: 1 }] });
    const initiated = kit.event('link.initiated', (e) => e.correlation.includes(init.json.requestId));
    await kit.manual.call('POST', '/api/hiecm/user-initiated-linking/v3/link/care-context/on-init', {
      transactionId: started.transactionId,
      link: { referenceNumber: 'REF-9', authenticationType: 'DIRECT', meta: { communicationMedium: 'MOBILE', communicationHint: 'OTP', communicationExpiry: new Date(Date.now() + 600_000).toISOString() } },
      response: { requestId: initRequest.headers['request-id'] },
    });
    expect((await initiated).findings).toEqual([]);
    const confirm = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link/confirm`, { linkRefNumber: 'REF-9', otp: '999999', wrongOtp: true });
    const confirmRequest = await kit.manual.bridge.waitFor((c) => c.headers['request-id'] === confirm.json.requestId);
    expect(confirmRequest.body).toEqual({ confirmation: { linkRefNumber: 'REF-9', token: '999999' } });
    const confirmed = kit.event('link.confirmed', (e) => e.correlation.includes(confirm.json.requestId));
    await kit.manual.call('POST', ON_CONFIRM, { patient: [entry], response: { requestId: confirmRequest.headers['request-id'] } });
    const event = await confirmed;
    expect(event.data.outcome).toBe('linked');
    expect(ruleIds(event)).toEqual(['HIP-LINK-CONFIRM-WRONG-OTP']);
  });
});
