// `abdm-sandbox demo`, the README's first command, as a first-time user runs it: progress on the way, every suite
// graded against the reference partners with every MUST passing, and a signed bundle that `report verify` accepts.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { runCli } from '../support/cli-process.js';

const root = mkdtempSync(join(tmpdir(), 'abdm-demo-'));
const out = join(root, 'abdm-report');
let demo: { code: number | null; output: string };

beforeAll(async () => {
  demo = await runCli(['demo', '--out', out]);
}, 240_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('abdm-sandbox demo', () => {
  it('starts the sandbox and the reference HIP and HIU, says so as each is ready, and exits 0', () => {
    expect(demo.code, demo.output).toBe(0);
    expect(demo.output).toMatch(/✓ sandbox: http:\/\/127\.0\.0\.1:\d+, seed 1, 1,00,000 ABHA accounts/);
    expect(demo.output).toMatch(/✓ reference HIP: IN\d{10} \(.+\) at http:\/\/127\.0\.0\.1:\d+, its patients indexed/);
    expect(demo.output).toMatch(/✓ reference HIU: IN\d{10} \(.+\) at http:/);
    expect(demo.output).toContain(`open ${join(out, 'report.html')} in a browser`);
  });

  it('runs every suite: every MUST test passes but those a reviewer must attest, and each milestone gets its verdict', () => {
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(new Set(results.tests.map((t: { suite: string }) => t.suite))).toEqual(new Set(SUITES.map((s) => s.id)));
    const ungraded = results.tests.filter((t: { level: string; outcome: string }) => t.level === 'MUST' && t.outcome !== 'pass');
    expect(ungraded.filter((t: { tags: string[] }) => !t.tags.includes('attestation'))).toEqual([]);
    expect(demo.output).toMatch(/M1: incomplete — \d+ of \d+ MUST tests pass, \d+ to be attested by a reviewer/);
    for (const milestone of ['M2', 'M3']) expect(demo.output).toMatch(new RegExp(`${milestone}: ready for functional testing — all \\d+ MUST tests pass`));
  });

  it('writes the whole bundle, and report verify finds it intact', async () => {
    expect(readdirSync(out).sort()).toEqual(['events.ndjson', 'junit.xml', 'manifest.json', 'manifest.jws', 'report.html', 'results.json']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('ready for functional testing');
    const verify = await runCli(['report', 'verify', out]);
    expect(verify.code, verify.output).toBe(0);
    expect(verify.output).toContain('intact, every byte as signed');
  }, 60_000);

  it('leaves no sandbox store behind', () => {
    const store = demo.output.match(/store (\S+abdm-sandbox-demo-\S+?)\s/)?.[1];
    expect(store).toBeDefined();
    expect(existsSync(store!)).toBe(false);
  });
});
