// Durations and times as a reader wants them, shared by the HTML report and the report commands. Pure.

/** `850 ms`, `12.3 s`, `4 min 05 s`. */
export function durationText(ms: number | undefined | null): string {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1_000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** `2026-01-31 10:11:12 UTC` for an ISO-8601 UTC time. */
export function timeText(iso: string | undefined | null): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
}
