// One journal exchange as the HTML report shows it: a timeline row (offset, direction, method, path, status,
// latency) and, where the exchange is shown in full, its headers and pretty-printed bodies with the lines that
// findings point at marked. Pure; partner data stays plain text (the templates escape it).
import { pathOf } from '../../conformance/checks/exchange-line.js';
import type { Finding } from '../../protocol/findings.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';
import type { DecryptedEntry } from '../../sandbox-server/store/health-information-repository.js';
import { bodyPathOf, jsonLines } from './json-lines.js';
import { durationText } from '../text/time-text.js';

/** Bodies longer than this are cut in the report (the event log keeps them whole): 10,000 large bodies stay readable. */
export const BODY_DISPLAY_LIMIT = 32 * 1024;

export interface BodyView {
  empty: boolean;
  /** The body as one text (pretty-printed when it is JSON). */
  text?: string;
  /** Line by line instead, when findings point into it: `mark` is the findings' text. */
  lines?: Array<{ text: string; mark?: string }>;
  note?: string;
}

export interface HeaderView {
  name: string;
  value: string;
  mark?: string;
}

export interface FindingView {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  path?: string;
}

export interface ExchangeDetail {
  url: string;
  operation: string;
  client?: string;
  service?: string;
  requestId?: string;
  attempt?: number;
  startedAt: string;
  correlation: string;
  causedBy?: ExchangeLink;
  answers?: ExchangeLink;
  requestHeaders: HeaderView[];
  requestBody: BodyView;
  responseHeaders: HeaderView[];
  responseBody: BodyView;
  /** Why there is no response (timeout, connection refused), or the ABDM error answered. */
  outcomeNote?: string;
  findings: FindingView[];
  /** For a page a HIP pushed to the sandbox: each entry as the sandbox decrypted it (a FHIR Bundle, pretty-printed). */
  decrypted: DecryptedView[];
}

export interface DecryptedView {
  /** e.g. `entry 0 — care context CC-123, OPConsultation: accepted`. */
  title: string;
  rejected: boolean;
  body: BodyView;
}

export interface ExchangeLink {
  id: number;
  anchor: string;
}

export interface ExchangeRow {
  id: number;
  anchor: string;
  /** Seconds since the run started, e.g. `+3.210 s`. */
  offset: string;
  direction: Exchange['direction'];
  arrow: string;
  method: string;
  path: string;
  status: string;
  statusClass: 'ok' | 'bad' | 'none';
  latency: string;
  findings: number;
  findingClass: '' | 'error' | 'warning' | 'info';
  /** Cited by a check or message of the test it is shown under. */
  cited: boolean;
}

/** The HTML element id of an exchange's full view. */
export const exchangeAnchor = (id: number): string => `x-${id}`;

/** The timeline row of an exchange. */
export function exchangeRow(e: Exchange, runStartMs: number, cited: boolean): ExchangeRow {
  const worst = (['error', 'warning', 'info'] as const).find((s) => e.findings.some((f) => f.severity === s));
  return {
    id: e.id,
    anchor: exchangeAnchor(e.id),
    offset: `+${((Date.parse(e.startedAt) - runStartMs) / 1000).toFixed(3)} s`,
    direction: e.direction,
    arrow: e.direction === 'outbound' ? 'gateway → partner' : 'partner → gateway',
    method: e.method,
    path: pathOf(e.url),
    status: e.status === undefined ? `no answer${e.errorCode ? ` (${e.errorCode})` : ''}` : `${e.status}${e.errorCode && !e.errorCode.startsWith('http-') ? ` ${e.errorCode}` : ''}`,
    statusClass: e.status === undefined ? 'none' : e.status >= 400 ? 'bad' : 'ok',
    latency: durationText(e.durationMs),
    findings: e.findings.length,
    findingClass: worst ?? '',
    cited,
  };
}

/** Everything about an exchange: headers, bodies, findings marked where they point. */
export function exchangeDetail(e: Exchange, decrypted: ReadonlyArray<DecryptedEntry> = []): ExchangeDetail {
  const note = outcomeNote(e);
  const headerFindings = new Map<string, Finding[]>();
  const bodyFindings = new Map<string, Finding[]>();
  for (const f of e.findings) {
    if (!f.path) continue;
    const header = Object.keys(e.requestHeaders).find((name) => name === f.path!.toLowerCase());
    const bodyPath = header ? undefined : bodyPathOf(f.path) ?? `.${f.path}`;
    const into = header ? headerFindings : bodyFindings;
    const key = header ?? bodyPath!;
    into.set(key, [...(into.get(key) ?? []), f]);
  }
  return {
    url: e.url,
    operation: e.operationId ?? 'no ABDM operation at this path',
    ...(e.clientId ? { client: e.clientId } : {}),
    ...(e.serviceId ? { service: e.serviceId } : {}),
    ...(e.requestId ? { requestId: e.requestId } : {}),
    ...(e.attempt !== undefined ? { attempt: e.attempt } : {}),
    startedAt: e.startedAt,
    correlation: e.correlationIds.join(', '),
    ...(e.causedBy !== undefined ? { causedBy: { id: e.causedBy, anchor: exchangeAnchor(e.causedBy) } } : {}),
    ...(e.answers !== undefined ? { answers: { id: e.answers, anchor: exchangeAnchor(e.answers) } } : {}),
    requestHeaders: headerViews(e.requestHeaders, headerFindings),
    requestBody: bodyView(e.requestBody, bodyFindings),
    responseHeaders: headerViews(e.responseHeaders ?? {}, new Map()),
    responseBody: bodyView(e.responseBody, new Map()),
    ...(note ? { outcomeNote: note } : {}),
    findings: e.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, ...(f.path ? { path: f.path } : {}) })),
    decrypted: decrypted.map(decryptedView),
  };
}

function decryptedView(d: DecryptedEntry): DecryptedView {
  const about = [d.careContextReference ? `care context ${d.careContextReference}` : 'no care context reference', d.hiType].filter(Boolean).join(', ');
  return { title: `entry ${d.entryIndex} — ${about}: ${d.verdict}`, rejected: d.verdict === 'rejected', body: bodyView(d.content, new Map()) };
}

function outcomeNote(e: Exchange): string | undefined {
  if (e.status === undefined) return `no response: ${e.errorCode ?? 'unknown'}${e.errorMessage ? ` (${e.errorMessage})` : ''}`;
  if (e.errorCode && !e.errorCode.startsWith('http-')) return `${e.errorCode}${e.errorMessage ? `: ${e.errorMessage}` : ''}`;
  return undefined;
}

const findingText = (findings: ReadonlyArray<Finding>) => findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`).join('\n');

function headerViews(headers: Record<string, string>, marks: ReadonlyMap<string, Finding[]>): HeaderView[] {
  return Object.entries(headers).map(([name, value]) => {
    const found = marks.get(name);
    return found ? { name, value, mark: findingText(found) } : { name, value };
  });
}

function bodyView(body: string | undefined, marks: ReadonlyMap<string, Finding[]>): BodyView {
  if (body === undefined || body === '') return { empty: true };
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = JSON.parse(body);
  } catch {
    isJson = false;
  }
  if (!isJson) return limited(body, 'not JSON: shown as received');
  const pretty = JSON.stringify(parsed, null, 2);
  if (marks.size === 0 || pretty.length > BODY_DISPLAY_LIMIT) return limited(pretty);
  const lines = jsonLines(parsed).map((line) => {
    const found = line.path !== undefined ? marks.get(line.path) : undefined;
    return found ? { text: line.text, mark: findingText(found) } : { text: line.text };
  });
  return { empty: false, lines };
}

function limited(text: string, note?: string): BodyView {
  if (text.length <= BODY_DISPLAY_LIMIT) return { empty: false, text, ...(note ? { note } : {}) };
  const cut = `${text.length - BODY_DISPLAY_LIMIT} more characters in events.ndjson`;
  return { empty: false, text: text.slice(0, BODY_DISPLAY_LIMIT), note: note ? `${note}; ${cut}` : `cut here: ${cut}` };
}
