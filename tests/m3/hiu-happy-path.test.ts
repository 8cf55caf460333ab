import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careContextsOf, findPatient, startM3Kit, type M3Kit } from './m3-kit.js';

let kit: M3Kit;
const taken = new Set<number>();
beforeAll(async () => {
  kit = await startM3Kit();
});
afterAll(async () => {
  await kit?.close();
});

describe('the reference HIU, default patient policy (approve)', () => {
  it('consent init → GRANTED with one artefact per HIP → fetched → data pushed in pages by two HIPs, decrypted, notified TRANSFERRED/OK', async () => {
    const patient = findPatient(kit.ctx, { hips: 2, perHip: 3, notAt: [kit.t.hipId], skip: taken });
    await kit.admin('PUT', `/sandbox/patients/${patient.abhaAddress}/virtual-hip-behaviour`, { entriesPerPage: 2 });
    const hips = await careContextsOf(kit, patient.abhaAddress);
    const notified = kit.event('transfer.notified', (e) => e.data.hiuId === kit.hiu.hiuId, 20_000);
    const consentRequestId = await kit.hiu.requestConsent({ abhaAddress: patient.abhaAddress, dateRange: { from: '2015-01-01T00:00:00.000Z', to: new Date().toISOString() } });
    await notified;
    await kit.hiu.idle();
    console.log(JSON.stringify(kit.seen('consent.decided'), null, 1).slice(0, 2000));
    console.log(JSON.stringify(kit.seen('transfer.notified'), null, 1).slice(0, 3000));
    console.log(JSON.stringify(kit.hiu.transfers(), null, 1).slice(0, 3000));
    expect(consentRequestId).toBeDefined();
    expect(hips.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
