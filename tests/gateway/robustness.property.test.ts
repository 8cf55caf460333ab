// Property: whatever a partner sends to any operation — random and malformed bodies and headers — the
// gateway answers in ABDM's error shape with a 4xx (or accepts it), never a 5xx, and loses nothing stored.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAbdmErrorBody } from '../../protocol/errors.js';
import { OPERATIONS } from '../../protocol/operations/table.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_:.@/ {}[]"\',=+'.split('')), maxLength: 40 });

function headerArb() {
  return fc.record(
    {
      authorization: fc.oneof(fc.constant('valid'), fc.constant('hiu'), printable, fc.constant('Bearer '), fc.constant('Bearer abc.def.ghi')),
      'request-id': fc.oneof(fc.constant('fresh'), printable, fc.constant('')),
      timestamp: fc.oneof(fc.constant('now'), printable, fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString())),
      'x-cm-id': fc.oneof(fc.constant('sbx'), printable),
      'x-hip-id': fc.oneof(fc.constant('own'), printable),
      'x-hiu-id': printable,
      'content-type': fc.oneof(fc.constant('application/json'), printable),
    },
    { requiredKeys: [] },
  );
}

const responseKeys = fc.constantFrom('response', 'requestId', 'transactionId', 'patient', 'url', 'clientId', 'grantType', 'error', 'link', 'acknowledgement', 'hiRequest');
const bodyArb = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.dictionary(responseKeys, fc.jsonValue(), { maxKeys: 6 }).map((o) => JSON.stringify(o)),
  fc.constant(JSON.stringify({ response: { requestId: randomUUID() }, transactionId: 'x', patient: [] })),
  fc.constant('{"url": "http://x.test", "unterminated'),
  fc.constant(JSON.stringify({ url: 'x'.repeat(5000) })),
  fc.constant(undefined),
);

function resolveHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (name === 'authorization') out[name] = value === 'valid' ? `Bearer ${t.hipToken}` : value === 'hiu' ? `Bearer ${t.hiuToken}` : value;
    else if (name === 'request-id') out[name] = value === 'fresh' ? randomUUID() : value;
    else if (name === 'timestamp') out[name] = value === 'now' ? new Date().toISOString() : value;
    else if (name === 'x-hip-id') out[name] = value === 'own' ? t.hipId : value;
    else out[name] = value;
  }
  return out;
}

describe('gateway robustness (fast-check)', () => {
  it('never answers 5xx, always answers errors in an ABDM shape, and keeps stored data', async () => {
    const partnersBefore = JSON.stringify(t.running.sandbox.ctx.partners.clients().map((c) => [c.clientId, c.secretHash, c.services.length]));
    const ops = OPERATIONS.map((op) => ({ ...op, concretePath: op.path.replace(/:([A-Za-z]+)/g, 'X1') }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), headerArb(), bodyArb, async (op, headers, body) => {
        const response = await fetch(t.running.url + op.concretePath, {
          method: op.method,
          headers: resolveHeaders(headers as Record<string, string>),
          body: op.method === 'GET' ? undefined : body,
        });
        const text = await response.text();
        expect(response.status, `${op.id} answered ${response.status}: ${text}`).toBeLessThan(500);
        if (response.status >= 400) expect(isAbdmErrorBody(JSON.parse(text)), `${op.id}: ${text}`).toBe(true);
      }),
      { numRuns: 400, seed: 20261124 },
    );
    // Nothing stored was lost or changed, and the gateway still works.
    expect(JSON.stringify(t.running.sandbox.ctx.partners.clients().filter((c) => c.demo).map((c) => [c.clientId, c.secretHash, c.services.length]))).toBe(
      JSON.stringify(JSON.parse(partnersBefore).filter((p: [string]) => p[0].startsWith('SBX_DEMO'))),
    );
    const ok = await t.client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token: t.hipToken });
    expect(ok.status).toBe(200);
  }, 60_000);
});
