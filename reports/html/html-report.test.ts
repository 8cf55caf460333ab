// Structural tests of report.html, without snapshots: what a reader must find (every failing test, its evidence,
// the right counts, the verdicts), what must never be there (script from the partner's data, network requests),
// and that the same log gives the same bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunLogBody, RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { partnerCall } from '../../tests/support/exchange-factory.js';
import { sampleRunLog, sampleRunLogWithError } from '../../tests/support/sample-run-log.js';
import { syntheticRunLog } from '../../bench/synthetic-run-log.js';
import { BODY_DISPLAY_LIMIT } from './exchange-view.js';
import { renderHtmlReport } from './html-report.js';
import { FULL_EXCHANGE_BUDGET } from './report-view.js';

/** The log with `extra` entries inserted before run.finished. */
function withEntries(log: RunLogEntry[], extra: RunLogBody[]): RunLogEntry[] {
  const end = log.length - 1;
  const bodies = [...log.slice(0, end), ...extra.map((b) => ({ ...b, at: log[end].at }) as RunLogEntry), log[end]];
  return bodies.map((e, i) => ({ ...e, seq: i + 1 }) as RunLogEntry);
}

/** The HTML of one test's <details>, up to the next test or section. */
function testBlock(html: string, id: string): string {
  const start = html.indexOf(`<details class="test" id="t-${id}"`);
  expect(start, `no test ${id} in the report`).toBeGreaterThan(-1);
  const next = html.slice(start + 1).search(/<details class="test" |<\/section>/);
  return html.slice(start, next === -1 ? undefined : start + 1 + next);
}

const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

describe('report.html', () => {
  const html = renderHtmlReport(sampleRunLog());

  it('lists every test once, failures first: MUST failures, then SHOULD, then expected failures, skipped and passed', () => {
    const order = [...html.matchAll(/<details class="test" id="t-([^"]+)" data-outcome="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(order).toEqual(['HIP.S.02 fail', 'HIP.S.06 xpass', 'HIP.S.03 fail', 'HIP.S.05 xfail', 'HIP.S.04 skip', 'HIP.S.01 pass']);
    // Failures and errors are open; the rest are a click away.
    expect(testBlock(html, 'HIP.S.02')).toMatch(/data-outcome="fail" open>/);
    expect(testBlock(html, 'HIP.S.01')).not.toMatch(/ open>/);
  });

  it('shows the counts, the run verdict with its reasons, and a verdict per milestone', () => {
    expect(html).toContain('<li class="c-total"><b>6</b> tests</li>');
    expect(html).toContain('<li class="c-pass"><b>2</b> passed</li>');
    expect(html).toContain('<li class="c-fail"><b>3</b> failed</li>');
    expect(html).toContain('<li class="c-skip"><b>1</b> not graded</li>');
    expect(html).toContain('<li class="c-xfail"><b>1</b> failed as expected</li>');
    expect(html).toContain('<p class="headline">Exit 1: Conformance failure</p>');
    expect(html).toContain('HIP.S.02 (MUST) failed: Accepted a forged &lt;token&gt; &amp; answered it');
    expect(html).toContain('M2: not ready — 2 MUST failures (1 listed as expected)');
  });

  it('says who was tested with what: partner, suites with the digest of their definitions, seed, versions, the command', () => {
    const run = html.slice(html.indexOf('<section id="run"'), html.indexOf('<section id="coverage"'));
    expect(run).toContain('HIP <code>IN0000000001</code> (client <code>SBX_1</code>)');
    expect(run).toMatch(/<dt>Suites<\/dt><dd>HIP \(M2\) \(6 tests, definitions sha256 [0-9a-f]{12}…\)<\/dd>/);
    expect(run).toContain('<dt>Seed</dt><dd>7</dd>');
    expect(run).toContain('abdm-sandbox 0.1.0, Node.js v20.20.0');
    expect(run).toContain('abdm-sandbox run --suite hip --hip-id IN0000000001 --seed 7 --out out');
  });

  it('gives each test its id, title, level, NHA ids, spec references, result and messages', () => {
    const block = testBlock(html, 'HIP.S.01');
    expect(block).toContain('<code class="tid">HIP.S.01</code>');
    expect(block).toContain('Passes cleanly');
    expect(block).toContain('<dd>MUST, M2</dd>');
    expect(block).toContain('<dd>prerequisite of all</dd>');
    expect(block).toContain('abdm-api.md §12.2 #2');
    expect(block).toContain('<span class="badge b-sev-warning">WARNING</span> <code>bridge-url-https</code> plain http');
  });

  it("shows a failing test's evidence in order, each exchange expandable to method, path, headers and body", () => {
    const block = testBlock(html, 'HIP.S.02');
    expect(block).toContain('evidence <a href="#x-901">#901</a> <a href="#x-902">#902</a>');
    const rows = [...block.matchAll(/<details class="exchange cited" id="x-(\d+)"><summary><span class="xid">#\d+<\/span> <span class="off">([^<]+)<\/span>/g)];
    expect(rows.map((r) => r[1])).toEqual(['901', '902']);
    expect(block).toContain('<span class="verb">POST</span> <span class="path">/api/v3/hip/patient/care-context/discover</span>');
    expect(block).toContain('<div class="hl"><b>x-cm-id:</b> sbx</div>');
    expect(block).toContain('<dt>Answers</dt><dd><a href="#x-901">#901</a></dd>');
  });

  it('orders a timeline by start time, whatever order the journal recorded the exchanges in', () => {
    const early = partnerCall({ id: 990, correlationIds: ['rid-1'], startedAt: '2026-01-31T09:59:59.000Z' });
    const block = testBlock(renderHtmlReport(withEntries(sampleRunLog(), [{ kind: 'exchange', exchange: early }])), 'HIP.S.02');
    expect([...block.matchAll(/<span class="xid">#(\d+)<\/span>/g)].map((m) => m[1])).toEqual(['990', '901', '902']);
  });

  it('shows an exchange in full once, where it first appears, and links to it from later tests', () => {
    const log = withEntries(sampleRunLog(), [{ kind: 'test.message', testId: 'HIP.S.01', level: 'info', message: 'saw the discover call too', evidence: [901] }]);
    const out = renderHtmlReport(log);
    expect(count(out, /<details class="exchange[^"]*" id="x-901"/g)).toBe(1);
    expect(testBlock(out, 'HIP.S.02')).toContain('id="x-901"');
    expect(testBlock(out, 'HIP.S.01')).toContain('<a class="shown" href="#x-901">in full under HIP.S.02</a>');
  });

  it('lists traffic that matched no test, with the reason and the exchange in full', () => {
    const section = html.slice(html.indexOf('<section id="unmatched"'));
    expect(section).toContain('Traffic that matched no test (1)');
    expect(section).toContain('no ABDM operation at POST /api/hiecm/v3/wrong-path (the gateway answered 404); check the path');
    expect(section).toContain('id="x-903"');
  });

  it('marks the lines and headers that findings point at, with the rule id', () => {
    const flagged = partnerCall({
      id: 950,
      correlationIds: ['rid-1'],
      requestBody: JSON.stringify({ transactionId: 't-1', patient: { id: 'x@sbx', count: -1 } }),
      headers: { timestamp: '2026-01-31T15:30:00+05:30' },
      findings: [
        { ruleId: 'schema-minimum', severity: 'error', message: 'body.patient.count must be >= 0', path: 'body.patient.count' },
        { ruleId: 'hdr-timestamp-format', severity: 'warning', message: 'TIMESTAMP is not UTC', path: 'TIMESTAMP' },
      ],
    });
    const out = renderHtmlReport(withEntries(sampleRunLog(), [{ kind: 'exchange', exchange: flagged }]));
    const block = testBlock(out, 'HIP.S.02');
    expect(block).toContain('<mark class="ln" title="error schema-minimum: body.patient.count must be &gt;&#x3D; 0">    &quot;count&quot;: -1</mark>');
    expect(block).toContain('<mark class="hl" title="warning hdr-timestamp-format: TIMESTAMP is not UTC"><b>timestamp:</b> 2026-01-31T15:30:00+05:30</mark>');
    expect(block).toContain('<span class="badge b-sev-error">error</span> <code>schema-minimum</code>');
    expect(block).toContain('2 finding(s)');
  });

  it('escapes everything the partner sent: no markup of theirs survives, only text', () => {
    const payload = `</style></script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"><a href="javascript:window.pwned=3">x</a>`;
    const hostile = partnerCall({
      id: 960,
      correlationIds: ['rid-1'],
      url: `/api/hiecm/v3/${payload}`,
      requestBody: JSON.stringify({ message: payload, [payload]: payload }),
      responseBody: payload,
      headers: { 'x-note': payload },
      findings: [{ ruleId: payload, severity: 'error', message: payload, path: `body.message` }],
      errorMessage: payload,
      errorCode: 'ABDM-1006',
      status: 400,
    });
    const out = renderHtmlReport(withEntries(sampleRunLog(), [{ kind: 'exchange', exchange: hostile }]));
    expect(count(out, /<script/g)).toBe(1);
    expect(count(out, /<\/style/g)).toBe(1);
    expect(out).not.toMatch(/<img|<a href="javascript|onerror="/);
    expect(out).toContain('&lt;img src&#x3D;x onerror&#x3D;&quot;window.pwned&#x3D;2&quot;&gt;');
  });

  it('is self-contained: a strict Content-Security-Policy naming its own style and script by hash, and nothing to fetch', () => {
    // The attribute as the browser reads it (handlebars writes ' and = as character references).
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=');
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(style)};`);
    expect(csp).toContain(`script-src ${hash(script)};`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html).not.toMatch(/\ssrc=|href="https?:|@import|url\(/);
  });

  it('renders the same log to the same bytes', () => {
    const log = sampleRunLog();
    expect(renderHtmlReport(structuredClone(log))).toBe(renderHtmlReport(log));
  });

  it('names a harness error in the verdict', () => {
    const out = renderHtmlReport(sampleRunLogWithError());
    expect(out).toContain('Exit 3: Harness error');
    expect(out).toContain('HIP.S.01 could not be graded (harness error): the test threw: boom');
    expect(testBlock(out, 'HIP.S.01')).toMatch(/data-outcome="error" open>/);
  });

  it('in a run of thousands of exchanges, shows the evidence of failures in full and lists the rest a line each', () => {
    const out = renderHtmlReport(syntheticRunLog(FULL_EXCHANGE_BUDGET * 2));
    expect(count(out, /<details class="exchange/g)).toBe(FULL_EXCHANGE_BUDGET);
    expect(out).toContain(`This run has ${(FULL_EXCHANGE_BUDGET * 2).toLocaleString('en-US')} exchanges: the ${FULL_EXCHANGE_BUDGET.toLocaleString('en-US')} that matter most are shown in full`);
    // HIP.G0.04 fails citing twenty exchanges: each is in full under it.
    const failing = testBlock(out, 'HIP.G0.04');
    expect(count(failing, /<details class="exchange cited"/g)).toBe(20);
    expect(out).toMatch(/<pre class="rows" title="not shown in full: see events.ndjson">\+\d+\.\d{3} s {2}#\d+ (gateway|partner)→/);
  });

  it('cuts a very large body, saying how much more the event log holds', () => {
    const big = partnerCall({ id: 970, correlationIds: ['rid-1'], requestBody: JSON.stringify({ data: 'x'.repeat(BODY_DISPLAY_LIMIT * 2) }) });
    const out = renderHtmlReport(withEntries(sampleRunLog(), [{ kind: 'exchange', exchange: big }]));
    expect(out).toMatch(/cut here: \d+ more characters in events\.ndjson/);
    expect(out.length).toBeLessThan(html.length + BODY_DISPLAY_LIMIT * 1.2);
  });
});
