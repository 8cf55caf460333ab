// The sandbox's report-signing key over the admin API: the public key a reviewer pins (GET /sandbox/signing-key),
// signatures for runners that reach the sandbox by URL (POST /sandbox/report-signatures), and the key surviving a
// restart with the same data dir.
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSandbox } from '../../sandbox-server/http/server.js';
import { SMALL_WORLD, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

async function signingKey(url: string) {
  const r = await fetch(`${url}/sandbox/signing-key`);
  return { status: r.status, json: (await r.json()) as any };
}

describe('GET /sandbox/signing-key', () => {
  it('publishes an Ed25519 public key as JWK and PEM, with its RFC 7638 thumbprint as key id and how to use it', async () => {
    const { status, json } = await signingKey(t.running.url);
    expect(status).toBe(200);
    expect(json.algorithm).toBe('Ed25519');
    expect(json.publicKeyJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[\w-]{43}$/) });
    expect(json.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(json.keyId).toMatch(/^[\w-]{43}$/);
    expect(json.sandbox.publicUrl).toBe(t.running.sandbox.ctx.config.publicUrl);
    expect(json.use).toContain('abdm-sandbox report verify');
    expect(JSON.stringify(json)).not.toMatch(/PRIVATE/);
  });
});

describe('POST /sandbox/report-signatures', () => {
  it('signs the given bytes with that key: the signature verifies against the published key', async () => {
    const payload = Buffer.from('{"manifestVersion":1}\n');
    const r = await fetch(`${t.running.url}/sandbox/report-signatures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: payload.toString('base64') }) });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { keyId: string; signature: string };
    const { json: key } = await signingKey(t.running.url);
    expect(body.keyId).toBe(key.keyId);
    const signature = Buffer.from(body.signature, 'base64');
    expect(signature).toHaveLength(64);
    expect(verify(null, payload, createPublicKey(key.publicKeyPem), signature)).toBe(true);
    expect(verify(null, Buffer.from('{"manifestVersion":2}\n'), createPublicKey(key.publicKeyPem), signature)).toBe(false);
  });

  it('refuses a body without a base64 payload with an ABDM-shaped 400', async () => {
    for (const body of [{}, { payload: 12 }, { payload: 'not base64!' }, { payload: '' }]) {
      const r = await fetch(`${t.running.url}/sandbox/report-signatures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(400);
      expect(((await r.json()) as any).error.code).toBe('ABDM-1006');
    }
  });
});

describe('the report-signing key', () => {
  it('stays the same across a restart with the same --data-dir, so a pinned key keeps verifying', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'abdm-report-key-'));
    try {
      const options = { port: 0, host: '127.0.0.1', dataDir: dir, ...SMALL_WORLD };
      const first = await serveSandbox(options);
      const before = (await signingKey(first.url)).json.keyId;
      await first.close();
      const second = await serveSandbox(options);
      try {
        expect((await signingKey(second.url)).json.keyId).toBe(before);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
