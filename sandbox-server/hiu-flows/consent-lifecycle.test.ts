import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { verifyConsentSignature } from '../../protocol/consent/index.js';
import { createWorld } from '../../fixtures/world/world.js';
import type { SyntheticPatient } from '../../fixtures/world/types.js';
import type { SandboxEvent } from '../events/event-bus.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { drainBackgroundWork } from './background-work.js';
import { decideConsentRequest, expireConsentRequest, revokeConsentRequest, runDueConsentActions } from './consent-lifecycle.js';
import { setPatientConsentPolicy } from './consent-policy.js';
import { receiveConsentRequest } from './consent-request-intake.js';
import { sweepHiuFlows } from './hiu-flow-sweep.js';

const world = createWorld({ seed: 1, population: 10_000, facilityCount: 400, professionalCount: 800 });
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A sandbox on a manual clock; the demo HIU has no bridge, so calls to it fail at once (and are still recorded). */
async function setUp() {
  const clock = new ManualClock(Date.parse('2026-03-01T00:00:00.000Z'));
  sandbox = await createSandbox({ inMemory: true, world, clock, callbackRetryDelaysMs: [], sleep: async () => undefined });
  const { ctx } = sandbox;
  const events: SandboxEvent[] = [];
  ctx.events.subscribe((e) => events.push(e));
  const client = ctx.partners.client('SBX_DEMO_HIU')!;
  const hiuId = client.services[0].serviceId;
  let patient: SyntheticPatient | undefined;
  for (let i = 0; !patient; i++) if (world.facilitiesVisitedBy(i).length >= 2) patient = world.patient(i);
  const request = async (over: Record<string, unknown> = {}) => {
    const accepted = receiveConsentRequest(ctx, {
      client,
      requestId: ctx.ids.uuid(),
      exchangeId: ctx.journal.nextId(),
      findings: [],
      body: {
        consent: {
          purpose: { text: 'Care Management', code: 'CAREMGT', refUri: 'http://terminology.hl7.org/ValueSet/v3-PurposeOfUse' },
          patient: { id: patient!.abhaAddress },
          hiu: { id: hiuId },
          requester: { name: 'Dr. Manju', identifier: { type: 'REGNO', value: 'MH1001', system: 'https://www.mciindia.org' } },
          hiTypes: ['OPConsultation', 'Prescription', 'DiagnosticReport', 'DischargeSummary', 'ImmunizationRecord', 'HealthDocumentRecord', 'WellnessRecord', 'Invoice'],
          permission: { accessMode: 'VIEW', dateRange: { from: '2015-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }, dataEraseAt: '2026-03-02T00:00:00.000Z', frequency: { unit: 'HOUR', value: 1, repeats: 0 } },
          ...over,
        },
      },
    });
    // The patient hears of it once on-init is out (here: could not be delivered).
    await drainBackgroundWork(ctx);
    return accepted.consentRequestId!;
  };
  const statusOf = (id: string) => ctx.store.flows.consentRequests.get(id)!.status;
  const notified = (id: string) => events.filter((e) => e.type === 'consent.hiuNotified' && e.data.consentRequestId === id).map((e) => [e.data.status, (e.data.consentArtefacts as string[]).length]);
  return { ctx, clock, patient: patient!, hiuId, request, statusOf, notified, events };
}

describe('a HIU consent request, decided by the virtual patient', () => {
  it('is approved by default: one signed artefact per HIP with linked care contexts, all notified GRANTED to the HIU', async () => {
    const { ctx, patient, request, statusOf, notified } = await setUp();
    const id = await request();
    expect(statusOf(id)).toBe('GRANTED');
    const artefacts = ctx.store.flows.consentRequests.artefacts(id);
    const hips = world.facilitiesVisitedBy(patient.index).map((f) => f.id);
    expect(artefacts.map((a) => ctx.store.flows.consents.get(a.consentId)!.hipId).sort()).toEqual(hips);
    for (const a of artefacts) {
      const consent = ctx.store.flows.consents.get(a.consentId)!;
      expect(a.hipMode).toBe('virtual');
      expect(consent.detail.careContexts.map((c) => c.careContextReference).sort()).toEqual(world.careContexts(patient.index, consent.hipId).map((c) => c.referenceNumber).sort());
      expect(consent.detail).toMatchObject({ hiu: { type: 'HIU' }, requester: { name: 'Dr. Manju' }, purpose: { code: 'CAREMGT', text: 'Care Management' } });
      expect(verifyConsentSignature(consent.detail, consent.signature, ctx.keys.signing.publicKey)).toBe(true);
    }
    expect(notified(id)).toEqual([['GRANTED', hips.length]]);
  });

  it('decides later, revokes later and lets artefacts expire, each by the sandbox clock', async () => {
    const { ctx, clock, patient, request, statusOf, notified } = await setUp();
    setPatientConsentPolicy(ctx, patient.abhaAddress, { decision: 'approve', decideAfterSeconds: 60, revokeAfterSeconds: 600 });
    const revoked = await request();
    expect(statusOf(revoked)).toBe('REQUESTED');
    clock.advance(59_000);
    runDueConsentActions(ctx);
    expect(statusOf(revoked)).toBe('REQUESTED');
    clock.advance(1_000);
    runDueConsentActions(ctx);
    expect(statusOf(revoked)).toBe('GRANTED');
    clock.advance(600_000);
    sweepHiuFlows(ctx);
    expect(statusOf(revoked)).toBe('REVOKED');
    for (const a of ctx.store.flows.consentRequests.artefacts(revoked)) expect(ctx.store.flows.consents.get(a.consentId)!.status).toBe('REVOKED');
    expect(notified(revoked).map(([s]) => s)).toEqual(['GRANTED', 'REVOKED']);

    setPatientConsentPolicy(ctx, patient.abhaAddress, { decision: 'approve', expireAfterSeconds: 30 });
    const expiring = await request();
    const [artefact] = ctx.store.flows.consentRequests.artefacts(expiring);
    expect(ctx.store.flows.consents.get(artefact.consentId)!.dataEraseAt).toBe(new Date(clock.now() + 30_000).toISOString());
    clock.advance(30_000);
    sweepHiuFlows(ctx);
    expect(statusOf(expiring)).toBe('EXPIRED');
    expect(notified(expiring).map(([s]) => s)).toEqual(['GRANTED', 'EXPIRED']);
  });

  it('denies, or lets a request lapse, with no artefact; a manual patient waits for a posted decision', async () => {
    const { ctx, patient, request, statusOf, notified } = await setUp();
    setPatientConsentPolicy(ctx, patient.abhaAddress, { decision: 'deny', reason: 'Not now' });
    const denied = await request();
    expect(statusOf(denied)).toBe('DENIED');
    expect(ctx.store.flows.consentRequests.get(denied)!.reason).toBe('Not now');
    expect(notified(denied)).toEqual([['DENIED', 0]]);

    setPatientConsentPolicy(ctx, patient.abhaAddress, { decision: 'expire' });
    const lapsed = await request();
    expect(statusOf(lapsed)).toBe('EXPIRED');
    expect(notified(lapsed)).toEqual([['EXPIRED', 0]]);

    setPatientConsentPolicy(ctx, patient.abhaAddress, { decision: 'manual' });
    const manual = await request();
    sweepHiuFlows(ctx);
    expect(statusOf(manual)).toBe('REQUESTED');
    decideConsentRequest(ctx, manual, { decision: 'approve', hiTypes: ['Prescription', 'Invoice', 'OPConsultation'] });
    expect(statusOf(manual)).toBe('GRANTED');
    for (const a of ctx.store.flows.consentRequests.artefacts(manual)) expect(ctx.store.flows.consents.get(a.consentId)!.detail.hiTypes).toEqual(['OPConsultation', 'Prescription', 'Invoice']);
    expect(() => decideConsentRequest(ctx, manual, { decision: 'deny' })).toThrow(/is GRANTED; only a REQUESTED one can be decided/);
    expect(() => expireConsentRequest(ctx, denied)).toThrow(/is DENIED; only a REQUESTED or GRANTED one can expire/);
    revokeConsentRequest(ctx, manual);
    expect(() => revokeConsentRequest(ctx, manual)).toThrow(/is REVOKED, not GRANTED/);
  });

  it("denies with the reason when nothing the patient has linked matches, and refuses M2's revoke route for an artefact", async () => {
    const { ctx, patient, request, statusOf } = await setUp();
    const hips = world.facilitiesVisitedBy(patient.index);
    const held = new Set(hips.flatMap((f) => world.careContexts(patient.index, f.id).map((c) => c.hiType)));
    const missing = ['OPConsultation', 'Prescription', 'DiagnosticReport', 'DischargeSummary', 'ImmunizationRecord', 'HealthDocumentRecord', 'WellnessRecord', 'Invoice'].find((t) => !held.has(t as never))!;
    const nothing = await request({ hiTypes: [missing] });
    expect(statusOf(nothing)).toBe('DENIED');
    expect(ctx.store.flows.consentRequests.get(nothing)!.reason).toContain(`No care context linked to ${patient.abhaAddress} matches the request (hiTypes ${missing})`);
    const granted = await request();
    const [artefact] = ctx.store.flows.consentRequests.artefacts(granted);
    const { revokeConsent } = await import('../flows/consent-flow.js');
    expect(() => revokeConsent(ctx, artefact.consentId)).toThrow(new RegExp(`use POST /sandbox/consent-requests/${granted}/revoke`));
    expect(statusOf(granted)).toBe('GRANTED');
  });
});
