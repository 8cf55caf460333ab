// The sandbox's report-signing key over the admin API: the public key a reviewer pins (GET /sandbox/signing-key),
// signed manifest digests for runners that reach the sandbox by URL (POST /sandbox/report-signatures), and the key surviving a
// restart with the same data dir.
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
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
  const post = (body: unknown) => fetch(`${t.running.url}/sandbox/report-signatures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const digest = 'ab'.repeat(32);

  it("signs a manifest digest as a JWT with the sandbox's time and the asked validity, verifiable with the published key", async () => {
    const r = await post({ manifestSha256: digest, runId: '20260131T101112Z-seed1', validityDays: 90 });
    expect(r.status).toBe(200);
    const { keyId, jws } = (await r.json()) as { keyId: string; jws: string };
    const { json: key } = await signingKey(t.running.url);
    expect(keyId).toBe(key.keyId);
    const { payload, protectedHeader } = await jwtVerify(jws, createPublicKey(key.publicKeyPem), { typ: 'abdm-report+jwt', algorithms: ['EdDSA'] });
    expect(protectedHeader.kid).toBe(key.keyId);
    expect(protectedHeader.jwk).toEqual(key.publicKeyJwk);
    expect(payload).toMatchObject({ iss: t.running.sandbox.ctx.config.publicUrl, sub: '20260131T101112Z-seed1', manifest_sha256: digest });
    expect(payload.exp! - payload.iat!).toBe(90 * 86_400);
    expect(Math.abs(payload.iat! * 1000 - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a request that is not a manifest digest, a run id and a validity, with an ABDM-shaped 400', async () => {
    for (const body of [{}, { manifestSha256: 'abc', runId: 'r', validityDays: 90 }, { manifestSha256: digest, validityDays: 90 }, { manifestSha256: digest, runId: 'r', validityDays: 0 }, { manifestSha256: digest, runId: 'r', validityDays: 1.5 }]) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
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
