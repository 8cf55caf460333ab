// The standard ABDM v3 headers (spec §2.4) and the rules the gateway applies to them.
// Header names are matched case-insensitively, as HTTP requires; callers pass lower-cased maps.

export const HEADER = {
  authorization: 'authorization',
  requestId: 'request-id',
  timestamp: 'timestamp',
  cmId: 'x-cm-id',
  hipId: 'x-hip-id',
  hiuId: 'x-hiu-id',
  linkToken: 'x-link-token',
  authToken: 'x-auth-token',
} as const;

/** How the header is spelled on the wire (for messages and outbound calls). */
export const WIRE_NAME: Record<string, string> = {
  authorization: 'Authorization',
  'request-id': 'REQUEST-ID',
  timestamp: 'TIMESTAMP',
  'x-cm-id': 'X-CM-ID',
  'x-hip-id': 'X-HIP-ID',
  'x-hiu-id': 'X-HIU-ID',
  'x-link-token': 'X-LINK-TOKEN',
  'x-auth-token': 'X-AUTH-TOKEN',
};

/** The sandbox consent manager's id; production is `abdm`. */
export const SANDBOX_CM_ID = 'sbx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an RFC 4122 textual UUID (any version), the format ABDM demands for REQUEST-ID. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm). ABDM sends UTC with milliseconds and Z; offsets parse but are flagged.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

export interface ParsedTimestamp {
  ms: number;
  /** True when the value is exactly the ABDM format: UTC, milliseconds, `Z`. */
  canonical: boolean;
}

/** Parses an ISO-8601 date-time; returns a reason string when it is not one. */
export function parseTimestamp(value: string): ParsedTimestamp | string {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return `"${value}" is not an ISO-8601 date-time such as 2026-01-31T10:11:12.345Z`;
  if (!m[8]) return `"${value}" has no time zone; send UTC with a trailing Z, e.g. 2026-01-31T10:11:12.345Z`;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return `"${value}" is not a real calendar date-time`;
  // Date.parse rolls 2026-02-30 over to March; reject impossible dates instead.
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (m[8] === 'Z') {
    const back = new Date(ms);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() + 1 !== mo || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) {
      return `"${value}" is not a real calendar date-time`;
    }
  }
  return { ms, canonical: m[8] === 'Z' && m[7]?.length === 4 };
}

export interface TimestampWindow {
  /** How far in the past a TIMESTAMP may be. */
  pastMs: number;
  /** How far in the future a TIMESTAMP may be. */
  futureMs: number;
}

/** The reference gateway's window: from one minute before to nine minutes after its clock (spec §3.2, §10.3 #11). */
export const DEFAULT_TIMESTAMP_WINDOW: TimestampWindow = { pastMs: 60_000, futureMs: 9 * 60_000 };

/** Undefined when `ms` is inside the window around `nowMs`, else a sentence saying how far outside it is. */
export function timestampOutsideWindow(ms: number, nowMs: number, window: TimestampWindow): string | undefined {
  const skew = ms - nowMs;
  if (skew < -window.pastMs) {
    return `TIMESTAMP is ${describeMs(-skew)} behind the gateway clock (${new Date(nowMs).toISOString()}); at most ${describeMs(window.pastMs)} is accepted. Check your server's clock (NTP) and send the time of the request, not a cached one`;
  }
  if (skew > window.futureMs) {
    return `TIMESTAMP is ${describeMs(skew)} ahead of the gateway clock (${new Date(nowMs).toISOString()}); at most ${describeMs(window.futureMs)} is accepted. Check your server's clock and that you send UTC, not local time marked Z`;
  }
  return undefined;
}

function describeMs(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
