// report.html: one self-contained page (inline style and script, no network requests, works from disk and in print)
// rendered from a run's event log with handlebars. Pure: the same log always gives the same bytes. Everything the
// run recorded is escaped by {{ }}; a strict Content-Security-Policy allows only this page's own style and script.
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { summarizeRun } from '../../conformance/results/run-summary.js';
import { suiteDefinitions } from '../bundle/bundle-manifest.js';
import { reportView } from './report-view.js';
import {
  BODY_PARTIAL,
  CHECKS_PARTIAL,
  EXCHANGE_PARTIAL,
  EXCHANGE_ROW_PARTIAL,
  HEADERS_PARTIAL,
  REPORT_PAGE_TEMPLATE,
  TEST_PARTIAL,
  TIMELINE_ITEM_PARTIAL,
} from './templates/report-page.js';
import { REPORT_SCRIPT } from './templates/report-script.js';
import { REPORT_STYLE } from './templates/report-style.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Nothing loads from anywhere (no network, no file), nothing runs but the report's own script, nothing is styled but by
 * its own stylesheet, and no form or <base> can redirect. Inline event handlers and javascript: URLs are blocked too.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  `style-src ${sha256(REPORT_STYLE)}`,
  `script-src ${sha256(REPORT_SCRIPT)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const handlebars = Handlebars.create();
handlebars.registerPartial({
  row: EXCHANGE_ROW_PARTIAL,
  body: BODY_PARTIAL,
  headers: HEADERS_PARTIAL,
  exchange: EXCHANGE_PARTIAL,
  item: TIMELINE_ITEM_PARTIAL,
  checks: CHECKS_PARTIAL,
  test: TEST_PARTIAL,
});
// Compiled once per process; `preventIndent` keeps partials from re-indenting <pre> bodies.
const page = handlebars.compile(REPORT_PAGE_TEMPLATE, { preventIndent: true });

/** report.html for a run's event log. */
export function renderHtmlReport(log: ReadonlyArray<RunLogEntry>): string {
  return page({ ...reportView(summarizeRun(log), suiteDefinitions(log)), csp: REPORT_CSP, style: REPORT_STYLE, script: REPORT_SCRIPT });
}
