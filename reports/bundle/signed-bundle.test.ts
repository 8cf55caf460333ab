// Signed bundles: sealing a run's outputs, and verification catching any changed byte, naming the file.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../protocol/clock.js';
import { ReportSigningKey } from '../../sandbox-server/auth/report-signing-key.js';
import { SandboxStore } from '../../sandbox-server/store/sandbox-store.js';
import { sampleRunLog } from '../../tests/support/sample-run-log.js';
import { renderHtmlReport } from '../html/html-report.js';
import { renderResultsJson } from '../json/results-document.js';
import { buildManifest, manifestText } from './bundle-manifest.js';
import { verifyBundle } from './bundle-verification.js';
import { sealBundle } from './signed-bundle.js';

const DAY = 86_400_000;
const SIGNED_AT = Date.parse('2026-02-01T09:00:00.000Z');
const root = mkdtempSync(join(tmpdir(), 'abdm-bundle-'));
let store: SandboxStore;
let key: ReportSigningKey;
let bundle: string;

/** A sealed bundle of the sample run: its event log, results.json and report.html. */
async function sealedBundle(dir: string, signer = key): Promise<void> {
  const log = sampleRunLog();
  writeFileSync(join(dir, 'events.ndjson'), `${log.map((e) => JSON.stringify(e)).join('\n')}\n`);
  writeFileSync(join(dir, 'results.json'), renderResultsJson(log));
  writeFileSync(join(dir, 'report.html'), renderHtmlReport(log));
  await sealBundle(dir, log, ['events.ndjson', 'results.json', 'report.html'], signer);
}

function copyOf(dir: string): string {
  const copy = mkdtempSync(join(root, 'copy-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  store = SandboxStore.open({ inMemory: true });
  key = await ReportSigningKey.loadOrCreate(store.meta, { issuer: 'http://sandbox.example:8090', clock: new ManualClock(SIGNED_AT) });
  bundle = mkdtempSync(join(root, 'bundle-'));
  await sealedBundle(bundle);
});
afterAll(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a sealed bundle', () => {
  it('verifies as intact, and says who signed it, when, until when, and for which run', async () => {
    const v = await verifyBundle(bundle, { now: SIGNED_AT + DAY });
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.signature).toEqual({ keyId: key.info.keyId, issuer: 'http://sandbox.example:8090', runId: '20260131T100000Z-seed7', signedAt: '2026-02-01T09:00:00.000Z', expiresAt: '2026-05-02T09:00:00.000Z' });
    expect(v.manifest?.files.map((f) => f.path)).toEqual(['events.ndjson', 'results.json', 'report.html']);
  });

  it('holds the seed, tool version, partner declaration, suite definitions hash, verdict and a SHA-256 per file', () => {
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    expect(manifest.run).toMatchObject({ id: '20260131T100000Z-seed7', seed: 7 });
    expect(manifest.tool).toEqual({ name: 'abdm-sandbox', version: '0.1.0', node: 'v20.20.0' });
    expect(manifest.declaration.partners.hip).toEqual({ role: 'hip', serviceId: 'IN0000000001', clientId: 'SBX_1' });
    expect(manifest.declaration.expectedFailures).toHaveLength(2);
    expect(manifest.suites).toEqual([{ id: 'hip', title: 'HIP (M2)', tests: 6, definitionsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(manifest.verdict).toMatchObject({ exitCode: 1, outcome: 'fail', milestones: ['M2: not ready — 2 MUST failures (1 listed as expected)'] });
    expect(manifest.files[0]).toEqual({ path: 'events.ndjson', bytes: readFileSync(join(bundle, 'events.ndjson')).byteLength, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('has the same manifest bytes for the same log and files: only the signature carries a time', () => {
    const files = [{ path: 'events.ndjson', content: readFileSync(join(bundle, 'events.ndjson')) }];
    expect(manifestText(buildManifest(sampleRunLog(), files))).toBe(manifestText(buildManifest(structuredClone(sampleRunLog()), files)));
  });

  it('names the file when any one byte of any file changes (first, middle or last byte)', async () => {
    const files = readdirSync(bundle).sort();
    expect(files).toEqual(['events.ndjson', 'manifest.json', 'manifest.jws', 'report.html', 'results.json']);
    for (const file of files) {
      const size = readFileSync(join(bundle, file)).byteLength;
      for (const at of [0, Math.floor(size / 2), size - 2, size - 1]) {
        const copy = copyOf(bundle);
        const bytes = readFileSync(join(copy, file));
        bytes[at] ^= 0x01;
        writeFileSync(join(copy, file), bytes);
        const v = await verifyBundle(copy, { now: SIGNED_AT + DAY });
        expect(v.ok, `${file} byte ${at}`).toBe(false);
        expect(v.intact, `${file} byte ${at}`).toBe(false);
        expect([...new Set(v.problems.map((p) => p.file))], `${file} byte ${at}`).toEqual([file]);
      }
    }
  });

  it('catches a signature character changed in its spare bits, which decodes to the same bytes', async () => {
    const copy = copyOf(bundle);
    const jws = readFileSync(join(copy, 'manifest.jws'), 'utf8').trimEnd();
    // 64 signature bytes are 86 base64url characters: the last one carries 2 bits and 4 spare ones.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet[alphabet.indexOf(jws[jws.length - 1]) ^ 1];
    const changed = `${jws.slice(0, -1)}${last}`;
    expect(Buffer.from(changed.split('.')[2], 'base64url')).toEqual(Buffer.from(jws.split('.')[2], 'base64url'));
    writeFileSync(join(copy, 'manifest.jws'), `${changed}\n`);
    const v = await verifyBundle(copy, { now: SIGNED_AT + DAY });
    expect(v.problems.map((p) => p.file)).toEqual(['manifest.jws']);
  });

  it('names a missing file and a file added after signing', async () => {
    const copy = copyOf(bundle);
    rmSync(join(copy, 'results.json'));
    writeFileSync(join(copy, 'report-fixed.html'), '<p>all green</p>');
    const v = await verifyBundle(copy, { now: SIGNED_AT + DAY });
    expect(v.problems.map((p) => `${p.file}: ${p.problem}`)).toEqual(['results.json: missing', 'report-fixed.html: not part of the signed bundle (added after signing)']);
  });

  it('reports an expired signature as expired, with the bytes still intact', async () => {
    const v = await verifyBundle(bundle, { now: SIGNED_AT + 91 * DAY });
    expect(v.ok).toBe(false);
    expect(v.intact).toBe(true);
    expect(v.expired).toBe(true);
    expect(v.problems).toEqual([{ file: 'manifest.jws', problem: 'the signature expired on 2026-05-02T09:00:00.000Z', kind: 'expired' }]);
  });

  it('checks the signing key against a pinned key id', async () => {
    expect((await verifyBundle(bundle, { now: SIGNED_AT, pinnedKeyId: key.info.keyId })).signature?.pinned).toBe(true);
    const other = await verifyBundle(bundle, { now: SIGNED_AT, pinnedKeyId: 'x'.repeat(43) });
    expect(other.ok).toBe(false);
    expect(other.intact).toBe(true);
    expect(other.problems[0]).toMatchObject({ file: 'manifest.jws', kind: 'other-key' });
  });

  it('refuses a bundle re-signed by someone else with a forged key id in the header', async () => {
    // Another key signs a changed bundle: it verifies against its own embedded key, so only pinning tells.
    const otherStore = SandboxStore.open({ inMemory: true });
    try {
      const other = await ReportSigningKey.loadOrCreate(otherStore.meta, { issuer: 'http://sandbox.example:8090', clock: new ManualClock(SIGNED_AT) });
      const forged = mkdtempSync(join(root, 'forged-'));
      await sealedBundle(forged, other);
      expect((await verifyBundle(forged, { now: SIGNED_AT })).ok).toBe(true);
      expect((await verifyBundle(forged, { now: SIGNED_AT, pinnedKeyId: key.info.keyId })).problems.map((p) => p.kind)).toEqual(['other-key']);
    } finally {
      otherStore.close();
    }
  });
});
