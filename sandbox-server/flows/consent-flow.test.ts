import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { verifyConsentSignature } from '../../protocol/consent/index.js';
import { patientsOfFacility } from '../../fixtures/world/facility-patients.js';
import { createWorld } from '../../fixtures/world/world.js';
import { createSandbox, type Sandbox } from '../sandbox.js';
import { expireConsent, expireDueConsents, grantConsent, revokeConsent } from './consent-flow.js';

const world = createWorld({ seed: 1, population: 10_000, facilityCount: 400, professionalCount: 800 });
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** A sandbox on a manual clock whose demo HIP has one linked care context for a patient (no bridge: calls go nowhere). */
async function setUp() {
  const clock = new ManualClock(Date.parse('2026-03-01T00:00:00.000Z'));
  sandbox = await createSandbox({ inMemory: true, world, clock, callbackRetryDelaysMs: [], sleep: async () => undefined });
  const { ctx } = sandbox;
  const hipId = ctx.partners.client('SBX_DEMO_HIP')!.services[0].serviceId;
  const [patient] = patientsOfFacility(world, hipId, { limit: 1 });
  const [cc] = world.careContexts(patient.index, hipId);
  ctx.store.flows.links.link({ hipId, abhaAddress: patient.abhaAddress, careContextReference: cc.referenceNumber, patientReference: cc.patientReference, hiType: cc.hiType, linkedBy: 'hip', linkedAt: '2026-02-01T00:00:00.000Z' });
  const terms = {
    abhaAddress: patient.abhaAddress,
    hipId,
    careContexts: [cc.referenceNumber],
    hiTypes: [cc.hiType],
    purpose: 'CAREMGT' as const,
    dateRange: { from: '2000-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
    dataEraseAt: '2026-03-01T01:00:00.000Z',
  };
  return { ctx, clock, terms, cc };
}

describe('consents to a HIP', () => {
  it('are granted with a signed artefact naming the linked care context with its patient reference', async () => {
    const { ctx, terms, cc } = await setUp();
    const granted = grantConsent(ctx, terms);
    const stored = ctx.store.flows.consents.get(granted.consentId)!;
    expect(stored.status).toBe('GRANTED');
    expect(stored.detail.careContexts).toEqual([{ patientReference: cc.patientReference, careContextReference: cc.referenceNumber }]);
    expect(verifyConsentSignature(stored.detail, stored.signature, ctx.keys.signing.publicKey)).toBe(true);
    expect(ctx.store.flows.consents.notices(granted.consentId).map((n) => n.status)).toEqual(['GRANTED']);
  });

  it('expire when the sandbox clock passes dataEraseAt, once, and are then neither revocable nor expirable', async () => {
    const { ctx, clock, terms } = await setUp();
    const { consentId } = grantConsent(ctx, terms);
    expect(expireDueConsents(ctx)).toEqual([]);
    clock.advance(3_600_000);
    expect(expireDueConsents(ctx).map((n) => [n.consentId, n.status])).toEqual([[consentId, 'EXPIRED']]);
    expect(expireDueConsents(ctx)).toEqual([]);
    expect(ctx.store.flows.consents.get(consentId)!.status).toBe('EXPIRED');
    expect(() => revokeConsent(ctx, consentId)).toThrow(/is EXPIRED, not GRANTED/);
    expect(() => expireConsent(ctx, consentId)).toThrow(/is EXPIRED, not GRANTED/);
  });

  it('a revoked consent does not expire later', async () => {
    const { ctx, clock, terms } = await setUp();
    const { consentId } = grantConsent(ctx, terms);
    revokeConsent(ctx, consentId);
    clock.advance(7_200_000);
    expect(expireDueConsents(ctx)).toEqual([]);
    expect(ctx.store.flows.consents.notices(consentId).map((n) => n.status)).toEqual(['GRANTED', 'REVOKED']);
  });

  it('refuses terms over care contexts that are not linked', async () => {
    const { ctx, terms } = await setUp();
    expect(() => grantConsent(ctx, { ...terms, careContexts: ['OP-UNLINKED'] })).toThrow(/"OP-UNLINKED" is not linked/);
  });
});
