// What a HIP pushed, readable in the report: the sandbox keeps what it decrypted of each entry, the runner logs it
// with the push exchange, the HTML report shows it under that exchange, and the admin API serves it to a remote run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance, type RunResult } from '../../conformance/runner/runner.js';
import { SUITES } from '../../conformance/suites/index.js';
import { startReferenceRig, type ReferenceRig } from '../../bin/demo/reference-rig.js';
import { renderHtmlReport } from '../../reports/html/html-report.js';

let rig: ReferenceRig;
let run: RunResult;

beforeAll(async () => {
  rig = await startReferenceRig({ seed: 1, population: 100_000 });
  run = await runConformance({
    link: rig.link,
    suites: SUITES,
    selection: { suites: ['hip'], only: ['HIP.DATA.02'], tags: [] },
    partners: { hip: rig.partners.hip },
    seed: 1,
    timeoutMs: 10_000,
    startupTimeoutMs: 30_000,
    concurrency: 1,
  });
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const pushEntries = () => run.log.flatMap((e) => (e.kind === 'exchange' && e.exchange.operationId === 'hiu.data-push' ? [e] : []));

describe('decrypted entries of a push', () => {
  it('are in the event log with the push exchange: the FHIR document bundle of each care context', () => {
    expect(run.summary.verdict.exitCode, JSON.stringify(run.summary.tests.map((t) => [t.id, t.outcome, t.summary]))).toBe(0);
    const pushes = pushEntries();
    expect(pushes.length).toBeGreaterThan(0);
    for (const push of pushes) {
      expect(push.decrypted?.length).toBeGreaterThan(0);
      for (const d of push.decrypted!) {
        expect(d.verdict).toBe('accepted');
        expect(d.careContextReference).toBeTruthy();
        expect(JSON.parse(d.content)).toMatchObject({ resourceType: 'Bundle', type: 'document' });
      }
      // The journal itself keeps only a shortened ciphertext.
      expect(push.exchange.requestBody).not.toContain('"resourceType"');
    }
  });

  it('are shown in report.html under the push, escaped, one expandable block per entry', () => {
    const html = renderHtmlReport(run.log);
    const [push] = pushEntries();
    const section = html.slice(html.indexOf(`id="x-${push.exchange.id}"`));
    expect(section).toContain('<h5>Decrypted by the sandbox</h5>');
    for (const d of push.decrypted!) expect(section).toContain(`<summary>entry ${d.entryIndex} — care context ${d.careContextReference}`);
    expect(section).toMatch(/&quot;resourceType&quot;: &quot;Bundle&quot;/);
  });

  it('are served by GET /sandbox/journal/{id}/decrypted; other exchanges have none; an unknown id is a 404 in ABDM shape', async () => {
    const [push] = pushEntries();
    const base = rig.running.url;
    const served = (await (await fetch(`${base}/sandbox/journal/${push.exchange.id}/decrypted`)).json()) as { exchangeId: number; entries: unknown[] };
    expect(served).toEqual({ exchangeId: push.exchange.id, entries: push.decrypted });
    const other = run.log.find((e) => e.kind === 'exchange' && e.exchange.operationId !== 'hiu.data-push');
    const none = await (await fetch(`${base}/sandbox/journal/${other!.kind === 'exchange' ? other!.exchange.id : 0}/decrypted`)).json();
    expect(none).toMatchObject({ entries: [] });
    const missing = await fetch(`${base}/sandbox/journal/99999999/decrypted`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: expect.stringMatching(/^ABDM-/), message: expect.stringContaining('99999999') } });
  });
});
