import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACKS, OPERATIONS } from '../../protocol/operations/table.js';
import { SANDBOX_VERSION } from '../../sandbox-server/version.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('GET /api/hiecm/openapi.json', () => {
  it('documents every operation of the table and every callback as a webhook', async () => {
    const r = await fetch(`${t.running.url}/api/hiecm/openapi.json`);
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; webhooks: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((m) => m.operationId));
    expect(ids.sort()).toEqual(OPERATIONS.map((o) => o.id).sort());
    expect(Object.keys(doc.webhooks).sort()).toEqual(CALLBACKS.map((c) => c.id).sort());
    expect(doc.paths['/api/hiecm/gateway/v3/bridge-service/serviceId/{serviceId}']).toBeDefined();
  });

  it('reports the package version', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(SANDBOX_VERSION).toBe(pkg.version);
  });
});
