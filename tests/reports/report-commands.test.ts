// `abdm-sandbox report verify` and `report diff` as a reviewer and CI run them: exit codes and what they print.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { publishRun } from '../../bin/run-outputs.js';
import { runCli } from '../support/cli-process.js';
import { sampleRunLog } from '../support/sample-run-log.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const root = mkdtempSync(join(tmpdir(), 'abdm-report-cli-'));
let t: TestSandbox;
let bundle: string;

/** A signed bundle of `log` in a new directory, signed by the test sandbox. */
async function bundleOf(log: RunLogEntry[]): Promise<string> {
  const dir = mkdtempSync(join(root, 'run-'));
  writeFileSync(join(dir, 'events.ndjson'), `${log.map((e) => JSON.stringify(e)).join('\n')}\n`);
  await publishRun({ dir, formats: ['json', 'junit', 'html'], signer: t.running.sandbox.ctx.reportKey, print: () => undefined });
  return dir;
}

beforeAll(async () => {
  t = await startTestSandbox();
  bundle = await bundleOf(sampleRunLog());
});
afterAll(async () => {
  await t.close();
  rmSync(root, { recursive: true, force: true });
});

describe('abdm-sandbox report verify', () => {
  it('exits 0 on an intact bundle and says who signed what, when; with --key it checks the sandbox\'s key', async () => {
    const { code, output } = await runCli(['report', 'verify', bundle, '--key', t.running.url]);
    expect(code, output).toBe(0);
    expect(output).toContain(`${bundle}: intact, every byte as signed`);
    expect(output).toContain(`signed by   the sandbox at ${t.running.sandbox.ctx.config.publicUrl}, Ed25519 key ${t.running.sandbox.ctx.reportKey.info.keyId} (the pinned key)`);
    expect(output).toMatch(/signed at {3}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, valid until \d{4}-/);
    expect(output).toContain('files       events.ndjson, results.json, junit.xml, report.html');
    expect(output).toContain('partner     HIP IN0000000001 (client SBX_1)');
    expect(output).toContain('M2: not ready — 2 MUST failures (1 listed as expected)');
  }, 60_000);

  it('exits 1 and names the file after one byte of any file is flipped', async () => {
    const files = readdirSync(bundle).sort();
    const results = await Promise.all(
      files.map((file) => {
        const copy = mkdtempSync(join(root, 'flip-'));
        cpSync(bundle, copy, { recursive: true });
        const bytes = readFileSync(join(copy, file));
        bytes[Math.floor(bytes.length / 2)] ^= 0x01;
        writeFileSync(join(copy, file), bytes);
        return runCli(['report', 'verify', copy]);
      }),
    );
    results.forEach(({ code, output }, i) => {
      expect(code, output).toBe(1);
      expect(output).toContain('NOT INTACT');
      expect(output).toMatch(new RegExp(`✗ ${files[i].replace('.', '\\.')}: `));
    });
  }, 120_000);

  it('exits 1 when the bundle was signed by another key than the pinned one; exits 2 on bad usage', async () => {
    const other = await runCli(['report', 'verify', bundle, '--key', 'A'.repeat(43)]);
    expect(other.code, other.output).toBe(1);
    expect(other.output).toContain('intact, but NOT signed by the pinned key');
    for (const args of [['report', 'verify', join(root, 'nowhere')], ['report', 'verify', bundle, '--key', 'not-a-key']]) {
      const { code, output } = await runCli(args);
      expect(code, output).toBe(2);
    }
  }, 60_000);
});

describe('abdm-sandbox report diff', () => {
  it('lists regressions, fixes and new tests, and exits 1 on a regression', async () => {
    // The new run: HIP.S.01 now fails (a regression), HIP.S.02 passes (a fix), and HIP.S.07 is new.
    const changed = sampleRunLog().map((e) => {
      if (e.kind === 'test.finished' && e.testId === 'HIP.S.01') return { ...e, outcome: 'fail' as const };
      if (e.kind === 'test.finished' && e.testId === 'HIP.S.02') return { ...e, outcome: 'pass' as const };
      return e;
    });
    const declared = changed.find((e) => e.kind === 'test.declared')!;
    const added = [
      { ...declared, seq: 0, test: { ...(declared as Extract<RunLogEntry, { kind: 'test.declared' }>).test, id: 'HIP.S.07', title: 'New' } },
      { ...changed.find((e) => e.kind === 'test.finished')!, testId: 'HIP.S.07', outcome: 'pass' as const },
    ] as RunLogEntry[];
    const newer = await bundleOf([...changed.slice(0, -1), ...added, changed[changed.length - 1]].map((e, i) => ({ ...e, seq: i + 1 }) as RunLogEntry));
    const { code, output } = await runCli(['report', 'diff', bundle, newer]);
    expect(code, output).toBe(1);
    expect(output).toContain('1 regression(s):\n  ✗ HIP.S.01 (MUST) pass → fail:');
    expect(output).toContain('1 fix(es):\n  ✓ HIP.S.02 (MUST) fail → pass');
    expect(output).toContain('1 new test(s):\n  + HIP.S.07 (MUST) pass');
    expect(output).toContain("note: the hip suite's test definitions differ between the runs");
    expect(output).toContain('diff: exit 1 (1 regression)');

    const same = await runCli(['report', 'diff', bundle, bundle]);
    expect(same.code, same.output).toBe(0);
    expect(same.output).toContain('6 test(s) unchanged');
  }, 60_000);

  it('says when a bundle it compares is not as signed, and exits 2 without an event log', async () => {
    const copy = mkdtempSync(join(root, 'tampered-'));
    cpSync(bundle, copy, { recursive: true });
    writeFileSync(join(copy, 'results.json'), '{}');
    const tampered = await runCli(['report', 'diff', bundle, copy]);
    expect(tampered.output).toContain(`note: the new bundle ${copy} is not as signed (results.json: changed since it was signed (SHA-256 differs))`);
    const missing = await runCli(['report', 'diff', bundle, root]);
    expect(missing.code, missing.output).toBe(2);
    expect(missing.output).toContain('holds no events.ndjson');
  }, 60_000);
});
