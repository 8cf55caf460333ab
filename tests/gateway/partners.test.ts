import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../support/gateway-client.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox-server/http/server.js';
import { SMALL_WORLD, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const run = promisify(execFile);
let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

async function admin(method: string, path: string, body?: unknown) {
  const r = await fetch(t.running.url + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, json: (await r.json()) as any };
}

describe('POST /sandbox/partners', () => {
  it('registers a HIU with a generated secret that then gets a session', async () => {
    const r = await admin('POST', '/sandbox/partners', { role: 'hiu', serviceId: 'ACME_HIU_01' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ serviceId: 'ACME_HIU_01', role: 'hiu', createdClient: true, createdService: true });
    expect(r.json.clientId).toMatch(/^SBX_\d{6}$/);
    expect(r.json.clientSecret).toMatch(/^[0-9a-f-]{36}$/);
    const token = await t.client.token(r.json.clientId, r.json.clientSecret);
    const services = await t.client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token });
    expect(services.json.services[0].id).toBe('ACME_HIU_01');
  });

  it('uses the given client id and secret, and binds an HFR id of the world to its facility', async () => {
    const facility = t.running.sandbox.ctx.world.facility(11);
    const r = await admin('POST', '/sandbox/partners', { role: 'hip', serviceId: facility.id, clientId: 'MY_HMS', clientSecret: 'correct-horse' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ clientId: 'MY_HMS', name: facility.name, facilityId: facility.id });
    expect(r.json.clientSecret).toBeUndefined();
    await t.client.token('MY_HMS', 'correct-horse');
  });

  it('is idempotent, and refuses a service already bound to another client (409)', async () => {
    await admin('POST', '/sandbox/partners', { role: 'hip', serviceId: 'DUP_HIP', clientId: 'OWNER_A', clientSecret: 'secret-aaaa' });
    const same = await admin('POST', '/sandbox/partners', { role: 'hip', serviceId: 'DUP_HIP', clientId: 'OWNER_A' });
    expect(same.status).toBe(200);
    expect(same.json.createdService).toBe(false);
    const other = await admin('POST', '/sandbox/partners', { role: 'hip', serviceId: 'DUP_HIP', clientId: 'OWNER_B', clientSecret: 'secret-bbbb' });
    expect(other.status).toBe(409);
    expect(other.json.error.message).toBe('Service DUP_HIP is already associated with client OWNER_A');
    const wrongSecret = await admin('POST', '/sandbox/partners', { role: 'hiu', serviceId: 'OTHER_HIU', clientId: 'OWNER_A', clientSecret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(409);
  });

  it('explains every invalid field at once', async () => {
    const r = await admin('POST', '/sandbox/partners', { role: 'payer', serviceId: '-bad id-', clientSecret: 'short' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-1006');
    expect(r.json.error.message).toContain('role must be "hip" or "hiu"');
    expect(r.json.error.message).toContain('serviceId "-bad id-" must be');
    expect(r.json.error.message).toContain('clientSecret must be a string of 8 to 256 characters');
  });

  it('answers malformed JSON in the ABDM error shape', async () => {
    const r = await admin('POST', '/sandbox/partners', '{"role": ');
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('ABDM-1006');
  });

  it('lists partners without any secret', async () => {
    const r = await admin('GET', '/sandbox/partners');
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.json)).not.toMatch(/secret|scrypt/i);
    expect(r.json.partners.find((p: { clientId: string }) => p.clientId === 'SBX_DEMO_HIP')).toMatchObject({ demo: true, roles: ['hip'] });
  });
});

describe('abdm-sandbox partners add (CLI)', () => {
  let dir: string;
  let running: RunningSandbox;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'abdm-partners-'));
    running = await serveSandbox({ port: 0, host: '127.0.0.1', dataDir: dir, ...SMALL_WORLD });
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a client to the store of a running sandbox, which accepts it at once; the secret is stored hashed', async () => {
    const { stdout } = await run('npx', ['tsx', 'bin/abdm-sandbox.ts', 'partners', 'add', '--role', 'hiu', '--service-id', 'CLI_HIU', '--data-dir', dir, '--population', '10000'], { cwd: join(import.meta.dirname, '../..') });
    const clientId = /on client (\S+)/.exec(stdout)![1];
    const secret = /clientSecret: (\S+)/.exec(stdout)![1];
    const client = new GatewayClient(running.url);
    const token = await client.token(clientId, secret);
    expect((await client.call('GET', '/api/hiecm/gateway/v3/bridge-services', { token })).json.services[0].id).toBe('CLI_HIU');
    const db = new Database(join(dir, 'sandbox.db'), { readonly: true });
    const row = db.prepare('SELECT secret_hash FROM clients WHERE client_id = ?').get(clientId) as { secret_hash: string };
    db.close();
    expect(row.secret_hash).toMatch(/^scrypt\$/);
    expect(row.secret_hash).not.toContain(secret);
  });

  it('exits 2 with one line for a bad role', async () => {
    const result = await run('npx', ['tsx', 'bin/abdm-sandbox.ts', 'partners', 'add', '--role', 'payer', '--service-id', 'X1', '--data-dir', dir], { cwd: join(import.meta.dirname, '../..') }).catch((e: { code: number; stderr: string }) => e);
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toContain('--role must be one of hip, hiu');
  });
});
