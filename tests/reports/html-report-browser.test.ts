// report.html in a real browser: a real `abdm-sandbox run --format html` against a hostile partner (markup that runs
// script in every string it sends, and a JWT bug so tests fail with evidence), opened from disk in headless Chromium.
// No script of the partner's may run; the report's own script must (its CSP hash is right); evidence expands; the page
// asks for nothing over the network and does not scroll sideways. A screenshot and a PDF go to test-output/reports/.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type HeadlessChromium } from '../../bench/headless-chromium.js';
import { startCli } from '../support/cli-process.js';
import { HOSTILE_PAYLOAD, TestPartner } from '../support/test-partner.js';

const OUTPUT = join(import.meta.dirname, '../../test-output/reports');
const SECRET = 'hostile-partner-secret-1';

let out: string;
let runOutput: string;
let browser: HeadlessChromium;
let page: Page;
const dialogs: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'abdm-hostile-'));
  const cli = startCli(['run', '--suite', 'hip', '--hip-id', 'HOSTILE_HIP', '--hip-client-id', 'HOSTILE_CLIENT', '--gateway-port', '0', '--timeout-ms', '3000', '--startup-timeout-ms', '30000', '--population', '10000', '--format', 'html', '--out', out], { ABDM_HIP_CLIENT_SECRET: SECRET });
  const [, url] = await cli.waitFor(/start your partner against (http:\/\/\S+) now/, 60_000);
  const partner = await TestPartner.start({ role: 'hip', gatewayUrl: url, clientId: 'HOSTILE_CLIENT', clientSecret: SECRET, serviceId: 'HOSTILE_HIP', bugs: { skipsJwtVerification: true }, hostile: true });
  await cli.exit;
  await partner.stop();
  runOutput = cli.output();

  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => requests.push(request.url()));
  // Counts what the Content-Security-Policy had to block: escaping right means nothing even tries. (Browser code is
  // given as strings: this project type-checks against Node's globals, not the DOM's.)
  await page.addInitScript(`window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`);
  await page.goto(pathToFileURL(join(out, 'report.html')).href);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

const pwned = () => page.evaluate<string | null>('window.__pwned ?? null');
const focusedTest = () => page.evaluate<string | undefined>('document.activeElement?.parentElement?.id');

describe('report.html of a run against a hostile partner, in Chromium', () => {
  it('comes from a real run: the partner failed the JWT tests and its markup reached the report as text', () => {
    expect(runOutput).toContain('verdict: exit 1 (conformance failure)');
    expect(runOutput).toContain(`report: ${join(out, 'report.html')}`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('&lt;script&gt;window.__pwned&#x3D;&#x27;script&#x27;;alert(1)&lt;/script&gt;');
  });

  it('runs no script of the partner: nothing set window.__pwned, no dialog, nothing blocked, only the report\'s own script', async () => {
    expect(await pwned()).toBeNull();
    expect(dialogs).toEqual([]);
    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
    expect(await page.evaluate<number>('document.scripts.length')).toBe(1);
    expect(await page.locator('img, svg, iframe, object, embed, a[href^="javascript"]').count()).toBe(0);
    // The payload is there, as text a reviewer can read.
    expect(await page.locator('.headers', { hasText: HOSTILE_PAYLOAD }).count()).toBeGreaterThan(0);
  });

  it('asks for nothing over the network: the file itself is the only request', () => {
    expect(requests).toEqual([pathToFileURL(join(out, 'report.html')).href]);
  });

  it('opens failing tests, and expands an exchange of their evidence to its headers and body', async () => {
    const test = page.locator('details.test[id="t-HIP.SECURITY.01"]');
    expect(await test.getAttribute('open')).not.toBeNull();
    const evidence = test.locator('details.exchange.cited').first();
    await evidence.locator('summary').click();
    expect(await evidence.getAttribute('open')).not.toBeNull();
    await expect.poll(() => evidence.locator('.headers').first().isVisible()).toBe(true);
    expect(await evidence.locator('pre.body').first().innerText()).toContain('"transactionId"');
    expect(await pwned()).toBeNull();
  });

  it('follows an evidence link into a closed exchange, and opens it', async () => {
    const link = page.locator('details.test[id="t-HIP.SECURITY.02"] .ev a').first();
    const target = (await link.getAttribute('href'))!.slice(1);
    await link.click();
    await expect.poll(() => page.locator(`[id="${target}"]`).getAttribute('open')).not.toBeNull();
  });

  it('moves between tests with j and k, and filters to failures', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    expect(await focusedTest()).toBe('t-HIP.SECURITY.01');
    await page.keyboard.press('j');
    expect(await focusedTest()).toBe('t-HIP.SECURITY.02');
    await page.locator('#only-problems').check();
    expect(await page.locator('details.test[data-outcome="pass"]').first().isVisible()).toBe(false);
    expect(await page.locator('details.test[data-outcome="fail"]').first().isVisible()).toBe(true);
    await page.locator('#only-problems').uncheck();
  });

  it('never scrolls sideways on a laptop screen or a narrow window, even with every test expanded', async () => {
    await page.locator('#expand-tests').click();
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('saves a screenshot and prints to PDF', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'hostile-report.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    writeFileSync(join(OUTPUT, 'hostile-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pwned()).toBeNull();
  });
});
