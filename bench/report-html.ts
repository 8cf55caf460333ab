// Benchmark of report.html (issue #7): a run with 10,000 journal exchanges renders to HTML in ≤ 2 s and ≤ 25 MB, and
// the page is interactive in Chromium in ≤ 2 s (from navigation to the report's script having run). Also records the
// peak memory the render adds and how long opening an exchange takes. Run alone: `npx tsx bench/report-html.ts`;
// prints a table and writes bench/results/report-html.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderHtmlReport } from '../reports/html/html-report.js';
import { printTable, verdict, writeResult } from './bench-support.js';
import { launchChromium } from './headless-chromium.js';
import { syntheticRunLog } from './synthetic-run-log.js';

const EXCHANGES = 10_000;
const TARGETS = { renderMs: 2_000, htmlMb: 25, interactiveMs: 2_000 };
const ROUNDS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number) => bytes / (1024 * 1024);

/** Renders the synthetic log: the first (cold) render, then warm ones; size and the peak memory the render added. */
function measureRender(): { coldMs: number; warmMs: number[]; htmlBytes: number; peakRssGrowthMb: number; html: string } {
  const log = syntheticRunLog(EXCHANGES);
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  let t0 = performance.now();
  const html = renderHtmlReport(log);
  const coldMs = performance.now() - t0;
  const peakRssGrowthMb = mb(process.resourceUsage().maxRSS * 1024 - rssBefore);
  const warmMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    t0 = performance.now();
    renderHtmlReport(log);
    warmMs.push(performance.now() - t0);
  }
  return { coldMs, warmMs, htmlBytes: Buffer.byteLength(html), peakRssGrowthMb, html };
}

/** Opens the report from disk: navigation to the report's script having run, the browser's own timings, one click. */
async function measureBrowser(html: string): Promise<{ interactiveMs: number[]; domInteractiveMs: number; domContentLoadedMs: number; openExchangeMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'abdm-report-bench-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  const chromium = await launchChromium();
  try {
    const interactiveMs: number[] = [];
    let timing = { domInteractive: 0, domContentLoadedEventEnd: 0 };
    let openExchangeMs = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const page = await chromium.context.newPage();
      const t0 = performance.now();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'commit' });
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 60_000 });
      interactiveMs.push(performance.now() - t0);
      // Browser code as a string: this project type-checks against Node's globals, not the DOM's.
      timing = await page.evaluate<typeof timing>(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return { domInteractive: nav.domInteractive, domContentLoadedEventEnd: nav.domContentLoadedEventEnd };
      })()`);
      const summary = page.locator('details.test[data-outcome="fail"] details.exchange > summary').first();
      const t1 = performance.now();
      await summary.click();
      await page.waitForFunction(`document.querySelector('details.test[data-outcome="fail"] details.exchange[open]') !== null`);
      openExchangeMs = performance.now() - t1;
      await page.close();
    }
    return { interactiveMs, domInteractiveMs: timing.domInteractive, domContentLoadedMs: timing.domContentLoadedEventEnd, openExchangeMs };
  } finally {
    await chromium.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runReportHtmlBenchmark(): Promise<object> {
  const load = loadavg()[0];
  const render = measureRender();
  const browser = await measureBrowser(render.html);
  const interactive = median(browser.interactiveMs);
  const pass = {
    render: render.coldMs <= TARGETS.renderMs,
    size: mb(render.htmlBytes) <= TARGETS.htmlMb,
    interactive: interactive <= TARGETS.interactiveMs,
  };
  printTable(`report.html of a run with ${EXCHANGES.toLocaleString('en-US')} exchanges (load ${load.toFixed(1)})`, [
    ['render, first (cold)', `${render.coldMs.toFixed(0)} ms`, `≤ ${TARGETS.renderMs} ms ${verdict(pass.render)}`],
    ['render, warm (median)', `${median(render.warmMs).toFixed(0)} ms`],
    ['report.html size', `${mb(render.htmlBytes).toFixed(1)} MB`, `≤ ${TARGETS.htmlMb} MB ${verdict(pass.size)}`],
    ['peak memory the render adds (RSS)', `${render.peakRssGrowthMb.toFixed(0)} MB`],
    ['Chromium: navigation to interactive (median)', `${interactive.toFixed(0)} ms`, `≤ ${TARGETS.interactiveMs} ms ${verdict(pass.interactive)}`],
    ['  domInteractive / DOMContentLoaded', `${browser.domInteractiveMs.toFixed(0)} / ${browser.domContentLoadedMs.toFixed(0)} ms`],
    ['  opening an exchange (click to open)', `${browser.openExchangeMs.toFixed(0)} ms`],
  ]);
  const result = {
    exchanges: EXCHANGES,
    loadAverage: load,
    targets: TARGETS,
    render: { coldMs: render.coldMs, warmMs: render.warmMs, htmlBytes: render.htmlBytes, htmlMb: mb(render.htmlBytes), peakRssGrowthMb: render.peakRssGrowthMb },
    browser,
    pass: pass.render && pass.size && pass.interactive,
    passes: pass,
  };
  console.log(`written ${writeResult('report-html', result)}`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runReportHtmlBenchmark();
}
