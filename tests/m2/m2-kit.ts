// What the M2 end-to-end tests share: a sandbox over real sockets, the reference HIP as the demo HIP, a
// "manual" HIP (a fake bridge the test answers by hand) to play a HIP that gets things wrong, and helpers to
// call the admin API and wait for flow events.
import { startReferenceHip, type ReferenceHip, type ReferenceHipOptions } from '../../fixtures/partners/hip/reference-hip.js';
import { patientsOfFacility } from '../../fixtures/world/facility-patients.js';
import type { SyntheticPatient } from '../../fixtures/world/types.js';
import type { SandboxContext } from '../../sandbox-server/context.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import { FakeBridge } from '../support/fake-bridge.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

export interface AdminResult {
  status: number;
  json: any;
}

export interface ManualHip {
  hipId: string;
  bridge: FakeBridge;
  token: string;
  /** Calls the gateway as this HIP (X-HIP-ID set). */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string | null>): Promise<AdminResult>;
}

export interface M2Kit {
  t: TestSandbox;
  ctx: SandboxContext;
  hip: ReferenceHip;
  manual: ManualHip;
  /** Patients of the demo HIP (with at least two care contexts there), in population order. */
  patients: SyntheticPatient[];
  /** Patients of the manual HIP. */
  manualPatients: SyntheticPatient[];
  /** A patient who never visited the demo HIP. */
  stranger: SyntheticPatient;
  admin(method: string, path: string, body?: unknown): Promise<AdminResult>;
  /** Registers now, resolves with the first matching event (call before triggering the step). */
  event(type: string, match?: (e: SandboxEvent) => boolean, timeoutMs?: number): Promise<SandboxEvent>;
  close(): Promise<void>;
}

export async function startM2Kit(hipOptions: Partial<ReferenceHipOptions> = {}): Promise<M2Kit> {
  const t = await startTestSandbox();
  const ctx = t.running.sandbox.ctx;
  const hip = await startReferenceHip({ gatewayUrl: t.running.url, answerTimeoutMs: 10_000, ...hipOptions });
  const manualHipId = secondHipHospital(ctx, t.hipId);
  await ctx.partners.register({ role: 'hip', serviceId: manualHipId, clientId: 'MANUAL_HIP_CLIENT', clientSecret: 'manual-hip-secret' });
  const bridge = await FakeBridge.start();
  const token = await t.client.token('MANUAL_HIP_CLIENT', 'manual-hip-secret');
  const manual: ManualHip = {
    hipId: manualHipId,
    bridge,
    token,
    async call(method, path, body, headers = {}) {
      const r = await t.client.call(method, path, { token, body, headers: { 'X-HIP-ID': manualHipId, ...headers } });
      return { status: r.status, json: r.json };
    },
  };
  await manual.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { url: bridge.url });
  const patients = patientsOfFacility(ctx.world, t.hipId, { limit: 8, minCareContexts: 2 });
  const manualPatients = patientsOfFacility(ctx.world, manualHipId, { limit: 4 });
  let stranger: SyntheticPatient | undefined;
  for (let i = 0; !stranger; i++) if (!ctx.world.facilitiesVisitedBy(i).some((f) => f.id === t.hipId)) stranger = ctx.world.patient(i);
  return {
    t,
    ctx,
    hip,
    manual,
    patients,
    manualPatients,
    stranger,
    async admin(method, path, body) {
      const r = await fetch(t.running.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      return { status: r.status, json: text ? JSON.parse(text) : undefined };
    },
    event(type, match = () => true, timeoutMs = 10_000) {
      return ctx.events.waitFor((e) => e.type === type && match(e), timeoutMs);
    },
    async close() {
      await hip.close();
      await bridge.close();
      await t.close();
    },
  };
}

/** A HIP hospital of the world other than the demo HIP, with patients in the small test world. */
function secondHipHospital(ctx: SandboxContext, demoHip: string): string {
  for (let i = 0; i < ctx.world.options.facilityCount; i++) {
    const f = ctx.world.facility(i);
    if (f.isHip && f.type === 'HOSPITAL' && f.id !== demoHip && !ctx.partners.service(f.id) && patientsOfFacility(ctx.world, f.id, { limit: 2, maxScan: 10_000 }).length === 2) return f.id;
  }
  throw new Error('no second HIP hospital in the test world');
}

/** Links all of a demo-HIP patient's care contexts by discovery and OTP; returns them with their hiTypes. */
export async function linkByPatient(kit: M2Kit, patient: SyntheticPatient): Promise<Array<{ referenceNumber: string; hiType: string; patientReference: string }>> {
  const d = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/discover?wait=true`, { hipId: kit.t.hipId });
  if (d.json.outcome?.data.outcome !== 'matched') throw new Error(`discovery did not match: ${JSON.stringify(d.json)}`);
  const l = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link?wait=true`, { transactionId: d.json.transactionId });
  const c = await kit.admin('POST', `/sandbox/patients/${patient.abhaAddress}/link/confirm?wait=true`, { linkRefNumber: l.json.outcome.data.linkRefNumber });
  if (c.json.outcome?.data.outcome !== 'linked') throw new Error(`link not confirmed: ${JSON.stringify(c.json)}`);
  return c.json.outcome.data.careContexts;
}

/** Consent terms covering every linked care context over the world's whole history, valid for a day. */
export function consentTerms(kit: M2Kit, patient: SyntheticPatient, linked: Array<{ referenceNumber: string; hiType: string }>, overrides: Record<string, unknown> = {}) {
  return {
    abhaAddress: patient.abhaAddress,
    hipId: kit.t.hipId,
    careContexts: linked.map((c) => c.referenceNumber),
    hiTypes: [...new Set(linked.map((c) => c.hiType))],
    purpose: 'CAREMGT',
    dateRange: { from: '1990-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
    dataEraseAt: new Date(Date.now() + 86_400_000).toISOString(),
    ...overrides,
  };
}

