// Finishes a run directory: renders results.json, junit.xml and report.html from its events.ndjson, seals them into a
// bundle signed by the sandbox, and prints the closing lines (counts, verdicts per milestone, exit code, the report's
// path and who signed it). `abdm-sandbox run` calls it after the tests; so will `demo`.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunLog, type RunLogEntry } from '../conformance/results/run-log-entry.js';
import { summarizeRun, type RunSummary } from '../conformance/results/run-summary.js';
import { MANIFEST_FILE, SIGNATURE_FILE } from '../reports/bundle/bundle-manifest.js';
import { DEFAULT_VALIDITY_DAYS, sealBundle } from '../reports/bundle/signed-bundle.js';
import { closingLines } from '../reports/console/progress-lines.js';
import { renderHtmlReport } from '../reports/html/html-report.js';
import { renderResultsJson } from '../reports/json/results-document.js';
import { renderJunitXml } from '../reports/junit/junit-xml.js';
import { timeText } from '../reports/text/time-text.js';
import type { ReportSigner } from '../sandbox-server/auth/report-signing-key.js';

export const EVENT_LOG_FILE = 'events.ndjson';

/** The outputs a run can write besides its event log, each rendered from the log. */
export const OUTPUT_FORMATS = {
  json: { file: 'results.json', render: renderResultsJson },
  junit: { file: 'junit.xml', render: renderJunitXml },
  html: { file: 'report.html', render: renderHtmlReport },
} as const satisfies Record<string, { file: string; render: (log: ReadonlyArray<RunLogEntry>) => string }>;

export type OutputFormat = keyof typeof OUTPUT_FORMATS;
export const FORMAT_NAMES = Object.keys(OUTPUT_FORMATS) as OutputFormat[];

export interface PublishOptions {
  /** A finished run's directory: it holds events.ndjson. */
  dir: string;
  formats: ReadonlyArray<OutputFormat>;
  /** The sandbox's report signer (`link.reportSigner()`). */
  signer: ReportSigner;
  validityDays?: number;
  print: (line: string) => void;
}

export interface PublishedRun {
  summary: RunSummary;
  /** Paths of every file of the bundle. */
  files: string[];
  /** report.html, when it was written. */
  reportPath?: string;
  signed: boolean;
}

/** Renders, signs and announces a finished run's outputs; the run's exit code is `summary.verdict.exitCode`. */
export async function publishRun(options: PublishOptions): Promise<PublishedRun> {
  const { dir, formats, print } = options;
  const log = parseRunLog(readFileSync(join(dir, EVENT_LOG_FILE), 'utf8'));
  // Outputs of an earlier run in the same directory would sit unsigned next to this one's: they go.
  for (const name of [...FORMAT_NAMES.map((f) => OUTPUT_FORMATS[f].file), MANIFEST_FILE, SIGNATURE_FILE]) rmSync(join(dir, name), { force: true });
  const names = [EVENT_LOG_FILE];
  for (const format of FORMAT_NAMES.filter((f) => formats.includes(f))) {
    const { file, render } = OUTPUT_FORMATS[format];
    writeFileSync(join(dir, file), render(log));
    names.push(file);
  }
  const summary = summarizeRun(log);
  const after: string[] = [];
  let signed = false;
  try {
    const sealed = await sealBundle(dir, log, names, options.signer, options.validityDays ?? DEFAULT_VALIDITY_DAYS);
    names.push(MANIFEST_FILE, SIGNATURE_FILE);
    signed = true;
    after.push(
      `signed: ${SIGNATURE_FILE} by the sandbox at ${sealed.claims.iss}, Ed25519 key ${sealed.key.keyId} (public key x=${sealed.key.publicKeyJwk.x}), valid until ${timeText(new Date(sealed.claims.exp * 1000).toISOString())}`,
      `verify: abdm-sandbox report verify ${dir}`,
    );
  } catch (err) {
    after.push(`not signed: the sandbox could not sign the bundle (${(err as Error).message})`);
  }
  const files = names.map((name) => join(dir, name));
  const reportPath = formats.includes('html') ? join(dir, OUTPUT_FORMATS.html.file) : undefined;
  for (const line of closingLines(summary, files)) print(line);
  if (reportPath) print(`report: ${reportPath}`);
  for (const line of after) print(line);
  return { summary, files, ...(reportPath ? { reportPath } : {}), signed };
}
