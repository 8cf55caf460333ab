// What the M3 end-to-end tests share: a sandbox over real sockets, the reference HIU as the demo HIU, a "manual"
// HIU (a fake bridge the test answers by hand) to play a HIU that gets things wrong, patients chosen by where
// their records are, and helpers to call the admin API and wait for flow events.
import { startReferenceHiu, type ReferenceHiu, type ReferenceHiuOptions } from '../../fixtures/partners/hiu/reference-hiu.js';
import { cryptoRandomBytes, generateKeyPair, generateNonce } from '../../protocol/fidelius/index.js';
import { buildKeyMaterial } from '../../protocol/health-information/key-material.js';
import type { SyntheticPatient } from '../../fixtures/world/types.js';
import type { SandboxContext } from '../../sandbox-server/context.js';
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import { FakeBridge } from '../support/fake-bridge.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

export interface AdminResult {
  status: number;
  json: any;
}

export interface ManualHiu {
  hiuId: string;
  bridge: FakeBridge;
  token: string;
  /** Calls the gateway as this HIU (X-HIU-ID set unless overridden). */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string | null>): Promise<AdminResult & { requestId: string }>;
}

/** A sandbox event whose data the tests read freely. */
export type KitEvent = SandboxEvent & { data: any };

export interface M3Kit {
  t: TestSandbox;
  ctx: SandboxContext;
  hiu: ReferenceHiu;
  manual: ManualHiu;
  admin(method: string, path: string, body?: unknown): Promise<AdminResult>;
  /** Registers now, resolves with the first matching event (call before triggering the step). */
  event(type: string, match?: (e: KitEvent) => boolean, timeoutMs?: number): Promise<KitEvent>;
  /** Every event of `type` seen since the kit started. */
  seen(type: string, match?: (e: KitEvent) => boolean): KitEvent[];
  close(): Promise<void>;
}

export async function startM3Kit(hiuOptions: Partial<ReferenceHiuOptions> = {}): Promise<M3Kit> {
  const t = await startTestSandbox();
  const ctx = t.running.sandbox.ctx;
  const events: SandboxEvent[] = [];
  const unsubscribe = ctx.events.subscribe((e) => events.push(e));
  const hiu = await startReferenceHiu({ gatewayUrl: t.running.url, answerTimeoutMs: 15_000, transferTimeoutMs: 15_000, ...hiuOptions });
  const manualHiuId = 'MANUAL_HIU_01';
  await ctx.partners.register({ role: 'hiu', serviceId: manualHiuId, clientId: 'MANUAL_HIU_CLIENT', clientSecret: 'manual-hiu-secret' });
  const bridge = await FakeBridge.start();
  const token = await t.client.token('MANUAL_HIU_CLIENT', 'manual-hiu-secret');
  const manual: ManualHiu = {
    hiuId: manualHiuId,
    bridge,
    token,
    async call(method, path, body, headers = {}) {
      const requestId = crypto.randomUUID();
      const r = await t.client.call(method, path, { token, body, headers: { 'REQUEST-ID': requestId, 'X-HIU-ID': manualHiuId, ...headers } });
      return { status: r.status, json: r.json, requestId };
    },
  };
  await manual.call('PATCH', '/api/hiecm/gateway/v3/bridge/url', { url: bridge.url });
  return {
    t,
    ctx,
    hiu,
    manual,
    async admin(method, path, body) {
      const r = await fetch(t.running.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await r.text();
      return { status: r.status, json: text ? JSON.parse(text) : undefined };
    },
    event(type, match = () => true, timeoutMs = 15_000) {
      return ctx.events.waitFor((e) => e.type === type && match(e), timeoutMs);
    },
    seen(type, match = () => true) {
      return events.filter((e) => e.type === type && match(e));
    },
    async close() {
      unsubscribe();
      await hiu.close();
      await bridge.close();
      await t.close();
    },
  };
}

export interface PatientWanted {
  /** At least this many HIPs with care contexts (default 1). */
  hips?: number;
  /** At least this many care contexts at each of those HIPs (default 1). */
  perHip?: number;
  /** Never a patient of these facilities (e.g. the demo HIP, when a test needs every HIP virtual). */
  notAt?: string[];
  /** Only a patient of this facility. */
  at?: string;
  /** Patients already taken by other tests of the file. */
  skip?: Set<number>;
}

/** The first patient of the world, in population order, whose records are spread as wanted; marks it taken. */
export function findPatient(ctx: SandboxContext, wanted: PatientWanted = {}): SyntheticPatient {
  const { world } = ctx;
  for (let i = 0; i < world.options.population; i++) {
    if (wanted.skip?.has(i)) continue;
    const facilities = world.facilitiesVisitedBy(i);
    if (wanted.notAt?.some((id) => facilities.some((f) => f.id === id))) continue;
    if (wanted.at && !facilities.some((f) => f.id === wanted.at)) continue;
    const rich = facilities.filter((f) => world.careContexts(i, f.id).length >= (wanted.perHip ?? 1));
    if (rich.length < (wanted.hips ?? 1)) continue;
    wanted.skip?.add(i);
    return world.patient(i);
  }
  throw new Error(`no patient in the test world is spread as wanted: ${JSON.stringify({ ...wanted, skip: undefined })}`);
}

/** The care contexts the sandbox holds linked for a patient, by HIP. */
export async function careContextsOf(kit: M3Kit, abhaAddress: string): Promise<Array<{ hipId: string; mode: string; careContexts: Array<{ careContextReference: string; hiType: string; date: string }> }>> {
  return (await kit.admin('GET', `/sandbox/patients/${abhaAddress}/care-contexts`)).json.hips;
}

/** A well-formed `consent` of consent/v3/request/init, for a HIU the test plays by hand. */
export function consentBody(abhaAddress: string, hiuId: string, dateRange: { from: string; to: string }) {
  return {
    purpose: { text: 'Care Management', code: 'CAREMGT', refUri: 'http://terminology.hl7.org/ValueSet/v3-PurposeOfUse' },
    patient: { id: abhaAddress },
    hiu: { id: hiuId },
    requester: { name: 'Dr. Manju', identifier: { type: 'REGNO', value: 'MH1001', system: 'https://www.mciindia.org' } },
    hiTypes: ['OPConsultation', 'Prescription', 'DiagnosticReport', 'DischargeSummary', 'ImmunizationRecord', 'HealthDocumentRecord', 'WellnessRecord', 'Invoice'],
    permission: { accessMode: 'VIEW', dateRange, dataEraseAt: new Date(Date.now() + 86_400_000).toISOString(), frequency: { unit: 'HOUR', value: 1, repeats: 0 } },
  };
}

/** Fresh, valid HIU key material (raw key, a day's expiry). */
export function hiuKeyMaterial() {
  return buildKeyMaterial({ keyPair: generateKeyPair(cryptoRandomBytes), nonce: generateNonce(cryptoRandomBytes), expiry: Date.now() + 86_400_000, publicKeyEncoding: 'raw' });
}
