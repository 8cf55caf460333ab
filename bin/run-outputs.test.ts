// publishRun: what `run` (and later `demo`) does with a finished run directory.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../protocol/clock.js';
import { verifyBundle } from '../reports/bundle/bundle-verification.js';
import { ReportSigningKey, type ReportSigner } from '../sandbox-server/auth/report-signing-key.js';
import { SandboxStore } from '../sandbox-server/store/sandbox-store.js';
import { sampleRunLog } from '../tests/support/sample-run-log.js';
import { publishRun } from './run-outputs.js';

const root = mkdtempSync(join(tmpdir(), 'abdm-publish-'));
let store: SandboxStore;
let signer: ReportSigningKey;

function runDir(): string {
  const dir = mkdtempSync(join(root, 'run-'));
  writeFileSync(join(dir, 'events.ndjson'), `${sampleRunLog().map((e) => JSON.stringify(e)).join('\n')}\n`);
  return dir;
}

beforeAll(async () => {
  store = SandboxStore.open({ inMemory: true });
  signer = await ReportSigningKey.loadOrCreate(store.meta, { issuer: 'http://localhost:8090', clock: new ManualClock(Date.now()) });
});
afterAll(() => {
  store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('publishRun', () => {
  it('renders the chosen outputs from events.ndjson, signs them, and prints the verdicts, the report and who signed it', async () => {
    const dir = runDir();
    const lines: string[] = [];
    const published = await publishRun({ dir, formats: ['json', 'junit', 'html'], signer, print: (l) => lines.push(l) });
    expect(readdirSync(dir).sort()).toEqual(['events.ndjson', 'junit.xml', 'manifest.json', 'manifest.jws', 'report.html', 'results.json']);
    expect(published.summary.verdict.exitCode).toBe(1);
    expect(published.reportPath).toBe(join(dir, 'report.html'));
    expect(lines).toContain('M2: not ready — 2 MUST failures (1 listed as expected)');
    expect(lines).toContain('verdict: exit 1 (conformance failure)');
    expect(lines).toContain(`report: ${join(dir, 'report.html')}`);
    expect(lines.find((l) => l.startsWith('signed: '))).toContain(`Ed25519 key ${signer.info.keyId} (public key x=${signer.info.publicKeyJwk.x})`);
    expect(lines).toContain(`verify: abdm-sandbox report verify ${dir}`);
    expect((await verifyBundle(dir, { now: Date.now() })).ok).toBe(true);
  });

  it('writes only the chosen formats, and removes outputs an earlier run left in the directory', async () => {
    const dir = runDir();
    writeFileSync(join(dir, 'report.html'), '<p>an older run</p>');
    await publishRun({ dir, formats: ['junit'], signer, print: () => undefined });
    expect(readdirSync(dir).sort()).toEqual(['events.ndjson', 'junit.xml', 'manifest.json', 'manifest.jws']);
    expect((await verifyBundle(dir, { now: Date.now() })).ok).toBe(true);
  });

  it('still writes every output, unsigned and saying why, when the sandbox cannot sign', async () => {
    const dir = runDir();
    const broken: ReportSigner = { key: () => signer.key(), signManifest: () => Promise.reject(new Error('POST /sandbox/report-signatures answered 404')) };
    const lines: string[] = [];
    const published = await publishRun({ dir, formats: ['html'], signer: broken, print: (l) => lines.push(l) });
    expect(published.signed).toBe(false);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(existsSync(join(dir, 'manifest.jws'))).toBe(false);
    expect(lines).toContain('not signed: the sandbox could not sign the bundle (POST /sandbox/report-signatures answered 404)');
  });
});
