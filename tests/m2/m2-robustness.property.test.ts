// Property: the M2 operations, admin routes and the virtual HIU's dataPushUrl answer whatever they are sent with a
// 4xx in ABDM's error shape or accept it; never a 5xx. Bodies are shaped like the real ones with random values,
// so they get past the schemas and reach the flows.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startM2Kit, type M2Kit } from './m2-kit.js';

let kit: M2Kit;
beforeAll(async () => {
  kit = await startM2Kit();
});
afterAll(async () => {
  await kit?.close();
});

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', 'OPConsultation', '91-1234-5678-9012', '12345678901234', 'a.b@sbx', 'x.y.z'));
const anything = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean(), fc.array(text, { maxLength: 2 }));
/** Mostly a well-formed value (so bodies pass the schema and reach the flows), sometimes anything. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: anything as fc.Arbitrary<unknown>, weight: 1 });
const reference = fc.oneof(fc.constantFrom('OP-1', 'RX-2', 'MRN1'), fc.stringMatching(/^[A-Z0-9-]{1,12}$/));
const hiType = fc.constantFrom('OPConsultation', 'Prescription', 'DischargeSummary');
const careContexts = fc.array(fc.record({ referenceNumber: reference, display: fc.option(fc.constantFrom('OPD visit', 'Bill'), { nil: undefined }) }), { minLength: 1, maxLength: 3 });
const entry = careContexts.chain((ccs) =>
  fc.record({ referenceNumber: reference, display: fc.constant('Someone'), careContexts: fc.constant(ccs), hiType: mostly(hiType), count: fc.oneof({ arbitrary: fc.constant(ccs.length), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 4 }), weight: 1 }) }),
);

const generateToken = fc.record({
  abhaNumber: fc.oneof(fc.constant('PATIENT_NUMBER'), anything),
  abhaAddress: fc.oneof(fc.constant('PATIENT_ADDRESS'), mostly(fc.constant('nobody.x@sbx'))),
  name: fc.oneof(fc.constant('PATIENT_NAME'), fc.constant('Ravi Kumar'), text),
  gender: fc.constantFrom('M', 'F', 'O', 'X'),
  yearOfBirth: fc.oneof(fc.integer({ min: 1900, max: 2100 }), anything),
}, { requiredKeys: ['name', 'gender', 'yearOfBirth'] });
const linkCareContext = fc.record({ abhaNumber: fc.oneof(fc.constant('PATIENT_NUMBER'), anything), abhaAddress: fc.oneof(fc.constant('PATIENT_ADDRESS'), text), patient: mostly(fc.array(entry, { minLength: 1, maxLength: 3 })) }, { requiredKeys: ['patient'] });
const contextNotify = fc.record({ notification: fc.record({ patient: fc.record({ id: fc.oneof(fc.constant('PATIENT_ADDRESS'), text) }), careContext: fc.record({ patientReference: reference, careContextReference: reference }), hiTypes: fc.array(hiType, { minLength: 1, maxLength: 2 }), date: fc.constant(new Date().toISOString()), hip: fc.record({ id: fc.oneof(fc.constant('own'), text) }) }) });
const smsNotify = fc.record({ notification: fc.record({ phoneNo: fc.oneof(fc.constantFrom('9876543210', '+91-9876543210', '986543****'), text), hip: fc.record({ id: fc.oneof(fc.constant('own'), text), name: fc.option(text, { nil: undefined }) }) }) });
const hiNotify = fc.record({ notification: fc.record({ consentId: text, transactionId: text, notifier: fc.record({ type: fc.constantFrom('HIP', 'HIU'), id: text }), statusNotification: fc.record({ sessionStatus: fc.constantFrom('TRANSFERRED', 'FAILED'), statusResponses: fc.array(fc.record({ careContextReference: text, hiStatus: fc.constantFrom('DELIVERED', 'ERRORED') }), { maxLength: 2 }) }) }) });

const operations = fc.oneof(
  generateToken.map((body) => ({ path: '/api/hiecm/v3/token/generate-token', body })),
  linkCareContext.map((body) => ({ path: '/api/hiecm/hip/v3/link/carecontext', body })),
  contextNotify.map((body) => ({ path: '/api/hiecm/hip/v3/link/context/notify', body })),
  smsNotify.map((body) => ({ path: '/api/hiecm/hip/v3/link/patient/links/sms/notify2', body })),
  hiNotify.map((body) => ({ path: '/api/hiecm/data-flow/v3/health-information/notify', body })),
);

const admin = fc.oneof(
  fc.record({ hipId: fc.oneof(fc.constant('demo'), text), unverifiedIdentifiers: anything }, { requiredKeys: [] }).map((body) => ({ path: '/sandbox/patients/{patient}/discover', body })),
  fc.record({ transactionId: text, careContexts: anything }, { requiredKeys: [] }).map((body) => ({ path: '/sandbox/patients/{patient}/link', body })),
  fc.record({ linkRefNumber: text, otp: anything, wrongOtp: anything }, { requiredKeys: [] }).map((body) => ({ path: '/sandbox/patients/{patient}/link/confirm', body })),
  fc.record({ hipId: fc.oneof(fc.constant('demo'), text), counterId: anything }, { requiredKeys: [] }).map((body) => ({ path: '/sandbox/patients/{patient}/share-profile', body })),
  fc.record({ abhaAddress: fc.oneof(fc.constant('{patient}'), text), hipId: fc.oneof(fc.constant('demo'), text), careContexts: anything, hiTypes: anything, purpose: anything, dateRange: anything, dataEraseAt: anything, hiuId: anything }, { requiredKeys: [] }).map((body) => ({ path: '/sandbox/consents', body })),
  fc.record({ consentId: text, dateRange: anything, publicKeyEncoding: anything }, { requiredKeys: [] }).map((body) => ({ path: '/sandbox/health-information/request', body })),
  text.map((id) => ({ path: `/sandbox/consents/${encodeURIComponent(id || 'x')}/revoke`, body: {} })),
);

function isAbdmError(json: any): boolean {
  return typeof json?.error?.code === 'string' && typeof json.error.message === 'string';
}

describe('M2 robustness (fast-check)', () => {
  it('HIP operations with realistic but random bodies: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(operations, async ({ path, body }) => {
        const p = kit.manualPatients[0];
        const json = JSON.parse(
          JSON.stringify(body)
            .replaceAll('"own"', JSON.stringify(kit.manual.hipId))
            .replaceAll('"PATIENT_NUMBER"', p.abhaNumber)
            .replaceAll('PATIENT_ADDRESS', p.abhaAddress)
            .replaceAll('PATIENT_NAME', p.name.full),
        );
        const r = await kit.manual.call('POST', path, json, { 'X-LINK-TOKEN': 'a.b.c' });
        expect(r.status, `${path} ${JSON.stringify(json)} → ${r.status} ${JSON.stringify(r.json)}`).toBeLessThan(500);
        if (r.status >= 400) expect(isAbdmError(r.json)).toBe(true);
      }),
      { numRuns: 250, seed: 4 },
    );
  });

  it('admin routes of the flows with random bodies: never a 5xx', async () => {
    const patient = kit.patients[0].abhaAddress;
    await fc.assert(
      fc.asyncProperty(admin, async ({ path, body }) => {
        const json = JSON.parse(JSON.stringify(body).replaceAll('"demo"', JSON.stringify(kit.t.hipId)).replaceAll('{patient}', patient));
        const r = await kit.admin('POST', path.replace('{patient}', patient), json);
        expect(r.status, `${path} ${JSON.stringify(json)} → ${r.status} ${JSON.stringify(r.json)}`).toBeLessThan(500);
        if (r.status >= 400) expect(isAbdmError(r.json)).toBe(true);
      }),
      { numRuns: 250, seed: 5 },
    );
  });

  it('the dataPushUrl with random pages: never a 5xx', async () => {
    const linked = await kit.hip.linkCareContexts(kit.patients[1].abhaAddress);
    const granted = await kit.admin('POST', '/sandbox/consents?wait=true', {
      abhaAddress: kit.patients[1].abhaAddress, hipId: kit.t.hipId, careContexts: linked.careContexts,
      hiTypes: ['OPConsultation', 'Prescription', 'DischargeSummary', 'DiagnosticReport', 'ImmunizationRecord', 'HealthDocumentRecord', 'WellnessRecord', 'Invoice'],
      purpose: 'CAREMGT', dateRange: { from: '1990-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, dataEraseAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const requested = await kit.admin('POST', '/sandbox/health-information/request?wait=true', { consentId: granted.json.consentId });
    const url = requested.json.dataPushUrl.replace('localhost', '127.0.0.1');
    const page = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ pageNumber: anything, pageCount: anything, transactionId: fc.oneof(fc.constant(requested.json.transactionId), text), entries: fc.oneof(fc.array(fc.record({ content: anything, media: anything, checksum: anything, careContextReference: anything }, { requiredKeys: [] }), { maxLength: 2 }), anything), keyMaterial: anything }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(page, async (body) => {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = await r.text();
        expect(r.status, `${body} → ${r.status} ${answer}`).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 6 },
    );
  });
});
