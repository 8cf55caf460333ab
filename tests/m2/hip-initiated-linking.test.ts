import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startM2Kit, type M2Kit } from './m2-kit.js';

const GENERATE_TOKEN = '/api/hiecm/v3/token/generate-token';
const LINK = '/api/hiecm/hip/v3/link/carecontext';
const CONTEXT_NOTIFY = '/api/hiecm/hip/v3/link/context/notify';
let kit: M2Kit;

beforeAll(async () => {
  // Short waits before the HIP retries an ERRORED context notify (live: 5 s, 15 s, 60 s).
  kit = await startM2Kit({ notifyRetryDelaysMs: [50, 100] });
});
afterAll(async () => {
  await kit?.close();
});

const ruleIds = (e: { findings: Array<{ ruleId: string }> }) => e.findings.map((f) => f.ruleId);

describe('the reference HIP links care contexts with a link token', () => {
  it('generates a token once, links, reuses the token for the next link, and notifies new data', async () => {
    const patient = kit.patients[2];
    const [first, ...rest] = kit.ctx.world.careContexts(patient.index, kit.t.hipId);
    const issued = kit.event('linkToken.issued', (e) => e.data.abhaAddress === patient.abhaAddress);
    const linkedFirst = kit.event('careContext.linked', (e) => e.data.abhaAddress === patient.abhaAddress);
    const out = await kit.hip.linkCareContexts(patient.abhaAddress, [first.referenceNumber]);
    expect(out).toMatchObject({ linked: true, careContexts: [first.referenceNumber], status: 'Successfully Linked care context' });
    const token = await issued;
    expect(token.findings).toEqual([]);
    expect(Date.parse(token.data.expiresAt as string) - Date.now()).toBeGreaterThan(180 * 86_400_000);
    expect((await linkedFirst).findings).toEqual([]);

    // The on-generate-token the HIP received carries a JWT signed by the gateway with the patient's ABHA number.
    const [delivered] = kit.ctx.journal.query({ correlation: token.data.answerRequestId as string, operationId: 'hip.on-generate-token' });
    expect(delivered.requestBody).toContain('[redacted sha256:'); // the link token never reaches the journal
    const held = kit.hip.state.linkTokens.get(patient.abhaAddress)!.token;
    expect(JSON.parse(Buffer.from(held.split('.')[1], 'base64url').toString())).toMatchObject({ abhaNumber: patient.abhaNumber, abhaAddress: patient.abhaAddress, hipId: kit.t.hipId });

    const second = await kit.hip.linkCareContexts(patient.abhaAddress);
    expect(second.linked).toBe(true);
    expect(second.careContexts.sort()).toEqual(rest.map((c) => c.referenceNumber).sort());
    expect(kit.ctx.journal.query({ clientId: 'SBX_DEMO_HIP', operationId: 'linktoken.generate-token', limit: 50 }).filter((x) => x.requestBody?.includes(patient.abhaAddress))).toHaveLength(1);

    const links = await kit.admin('GET', `/sandbox/patients/${patient.abhaAddress}/links?hipId=${kit.t.hipId}`);
    expect(links.json.links.map((l: any) => [l.careContextReference, l.linkedBy])).toEqual(
      kit.ctx.world.careContexts(patient.index, kit.t.hipId).map((c) => [c.referenceNumber, 'hip']).sort(),
    );

    const notified = await kit.hip.notifyCareContext(patient.abhaAddress, first.referenceNumber, [first.hiType]);
    expect(notified).toMatchObject({ status: 'SUCCESS', attempts: 1 });
  });

  it('a context notify for a care context that is not linked is ERRORED with ABDM-1006 and a finding; the HIP retries, then gives up', async () => {
    const patient = kit.patients[3];
    const [cc] = kit.ctx.world.careContexts(patient.index, kit.t.hipId);
    const event = kit.event('context.notified', (e) => e.data.abhaAddress === patient.abhaAddress);
    const outcome = await kit.hip.notifyCareContext(patient.abhaAddress, cc.referenceNumber, [cc.hiType]);
    expect(outcome).toMatchObject({ status: 'ERRORED', attempts: 3, error: { code: 'ABDM-1006' } });
    const e = await event;
    expect(e.data).toMatchObject({ outcome: 'errored', error: { code: 'ABDM-1006' } });
    expect((e.data.error as any).message).toContain('No care context linked with given reference number');
    expect(ruleIds(e)).toEqual(['HIP-CONTEXT-NOTIFY-UNLINKED']);
  });

  it('an SMS notify with a real number is sent; a masked one is ERRORED', async () => {
    const ok = await kit.hip.sendSmsNotify(`+91-${kit.patients[0].mobile}`);
    expect(ok.status).toBe('SUCCESS');
    const event = kit.event('sms.notified', (e) => e.data.outcome === 'errored');
    const masked = await kit.hip.sendSmsNotify('986543****');
    expect(masked).toMatchObject({ status: 'ERRORED', error: { code: 'ABDM-1006' } });
    expect(ruleIds(await event)).toEqual(['HIP-SMS-PHONE']);
  });
});

describe('HIP-initiated linking done wrong', () => {
  const patient = () => kit.manualPatients[0];
  const generate = async (body: Record<string, unknown>) => {
    const r = await kit.manual.call('POST', GENERATE_TOKEN, body);
    expect(r.status).toBe(202);
    return r;
  };
  const answerTo = (path: string) => kit.manual.bridge.waitFor((c) => c.path === path && !seen.has(c.headers['request-id']) && !!seen.add(c.headers['request-id']));
  const seen = new Set<string>();

  it('demographics that do not match the KYC get an error on-generate-token and HIP-LINKTOKEN-DEMOGRAPHICS', async () => {
    const p = patient();
    const refused = kit.event('linkToken.refused', (e) => e.data.abhaAddress === p.abhaAddress);
    await generate({ abhaNumber: Number(p.abhaNumber), abhaAddress: p.abhaAddress, name: p.name.full, gender: p.gender, yearOfBirth: p.yearOfBirth - 5 });
    const answer = await answerTo('/api/v3/hip/token/on-generate-token');
    expect(answer.body).toMatchObject({ error: { code: 'ABDM-9999' } });
    expect((answer.body as any).error.message).toContain(`yearOfBirth ${p.yearOfBirth - 5} is not ${p.yearOfBirth}`);
    expect(ruleIds(await refused)).toEqual(['HIP-LINKTOKEN-DEMOGRAPHICS']);
    const unknown = await generate({ abhaAddress: 'nobody.at.all@sbx', name: 'No Body', gender: 'M', yearOfBirth: 1990 });
    void unknown;
    expect((await answerTo('/api/v3/hip/token/on-generate-token')).body).toMatchObject({ error: { code: 'ABDM-1051' } });
  });

  it('refuses at once what the gateway refuses synchronously', async () => {
    const p = patient();
    const badName = await kit.manual.call('POST', GENERATE_TOKEN, { abhaAddress: p.abhaAddress, name: 'R2D2', gender: 'M', yearOfBirth: 1990 });
    expect(badName.status).toBe(400);
    expect(badName.json.error.message).toContain('body.name must match');
    const neither = await kit.manual.call('POST', GENERATE_TOKEN, { name: 'Ravi', gender: 'M', yearOfBirth: 1990 });
    expect(neither.json.error.message).toContain('send abhaAddress or abhaNumber');
    const noToken = await kit.manual.call('POST', LINK, { abhaAddress: p.abhaAddress, patient: [{ referenceNumber: 'M', careContexts: [{ referenceNumber: 'C' }], hiType: 'Prescription', count: 1 }] });
    expect(noToken.status).toBe(400);
    expect(noToken.json.error).toMatchObject({ code: 'ABDM-1032' });
    expect(noToken.json.error.message).toContain('X-LINK-TOKEN header is missing');
    const dashed = await kit.manual.call('POST', LINK, { abhaNumber: '91-1234-5678-9012', abhaAddress: p.abhaAddress, patient: [{ referenceNumber: 'M', careContexts: [{ referenceNumber: 'C' }], hiType: 'Prescription', count: 1 }] }, { 'X-LINK-TOKEN': 'x.y.z' });
    expect(dashed.status).toBe(400);
    expect(dashed.json.error.message).toContain('must be the 14 digits without dashes');
    const asArray = await kit.manual.call('POST', LINK, { abhaAddress: p.abhaAddress, patient: [{ referenceNumber: 'M', careContexts: [{ referenceNumber: 'C' }], hiTypes: ['Prescription'], count: 1 }] }, { 'X-LINK-TOKEN': 'x.y.z' });
    expect(asArray.status).toBe(400);
  });

  it('a wrong count, a forged token, a token for someone else: error on_carecontext and a finding each', async () => {
    const p = patient();
    await generate({ abhaNumber: Number(p.abhaNumber), abhaAddress: p.abhaAddress, name: p.name.full, gender: p.gender, yearOfBirth: p.yearOfBirth });
    const tokenAnswer = await answerTo('/api/v3/hip/token/on-generate-token');
    const linkToken = (tokenAnswer.body as any).linkToken as string;
    expect(linkToken.split('.')).toHaveLength(3);
    const entry = { referenceNumber: 'MRN-X', display: 'X', careContexts: [{ referenceNumber: 'CC-1', display: 'one' }, { referenceNumber: 'CC-2', display: 'two' }], hiType: 'OPConsultation', count: 2 };
    const link = async (body: Record<string, unknown>, token = linkToken) => {
      const event = kit.event('careContext.linked', (e) => e.data.abhaAddress === p.abhaAddress || e.data.abhaAddress === body.abhaAddress);
      const r = await kit.manual.call('POST', LINK, body, { 'X-LINK-TOKEN': token });
      expect(r.status).toBe(202);
      return { event: await event, answer: await answerTo('/api/v3/link/on_carecontext') };
    };

    const miscounted = await link({ abhaNumber: p.abhaNumber, abhaAddress: p.abhaAddress, patient: [{ ...entry, count: 1 }] });
    expect(miscounted.answer.body).toMatchObject({ status: 'Failed to link care context', error: { code: 'ABDM-1037' } });
    expect(ruleIds(miscounted.event)).toEqual(['HIP-LINK-COUNT']);

    const [h, payload] = linkToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), abhaAddress: 'someone.else@sbx' })).toString('base64url');
    const forged = await link({ abhaAddress: p.abhaAddress, patient: [entry] }, `${h}.${forgedPayload}.${linkToken.split('.')[2]}`);
    expect(forged.answer.body).toMatchObject({ error: { code: 'ABDM-1026' } });
    expect(ruleIds(forged.event)).toEqual(['HIP-LINK-TOKEN']);

    const other = kit.manualPatients[1];
    const mismatch = await link({ abhaAddress: other.abhaAddress, patient: [entry] });
    expect(mismatch.answer.body).toMatchObject({ error: { code: 'ABDM-1038' } });
    expect(ruleIds(mismatch.event)).toEqual(['HIP-LINK-TOKEN-MISMATCH']);

    const viaHiTypes = await link({ abhaNumber: p.abhaNumber, abhaAddress: p.abhaAddress, patient: [{ ...entry, hiType: undefined, hiTypes: 'OPConsultation' }] });
    expect(viaHiTypes.answer.body).toEqual({ abhaAddress: p.abhaAddress, status: 'Successfully Linked care context', response: { requestId: viaHiTypes.event.data.requestId } });
    expect(ruleIds(viaHiTypes.event)).toEqual(['HIP-LINK-HITYPE-FIELD']);

    const relinked = await link({ abhaAddress: p.abhaAddress, patient: [entry] });
    expect(ruleIds(relinked.event)).toEqual(['HIP-LINK-ALREADY-LINKED', 'HIP-LINK-ALREADY-LINKED']);

    // Generating again while holding a valid token is allowed, but a finding.
    const again = kit.event('linkToken.issued', (e) => e.data.abhaAddress === p.abhaAddress);
    await generate({ abhaNumber: Number(p.abhaNumber), abhaAddress: p.abhaAddress, name: p.name.full, gender: p.gender, yearOfBirth: p.yearOfBirth });
    expect(ruleIds(await again)).toEqual(['HIP-LINKTOKEN-REUSE']);
    await answerTo('/api/v3/hip/token/on-generate-token');

    // Now linked, the care context can be notified.
    const notify = kit.event('context.notified', (e) => e.data.abhaAddress === p.abhaAddress);
    await kit.manual.call('POST', CONTEXT_NOTIFY, { notification: { patient: { id: p.abhaAddress }, careContext: { patientReference: 'MRN-X', careContextReference: 'CC-1' }, hiTypes: ['OPConsultation'], date: new Date().toISOString(), hip: { id: kit.manual.hipId } } });
    const notified = await notify;
    expect(notified.data.outcome).toBe('acknowledged');
    expect((await answerTo('/api/v3/links/context/on-notify')).body).toMatchObject({ acknowledgement: { status: 'SUCCESS' } });
  });
});
