// One line per exchange for check messages and evidence summaries: `#12 POST /api/hiecm/... → 400 ABDM-1064`.
import type { SandboxEvent } from '../../sandbox-server/events/event-bus.js';
import type { Exchange } from '../../sandbox-server/journal/exchange.js';

/** The path of an exchange's URL (outbound calls carry the whole bridge URL). */
export function pathOf(url: string): string {
  const m = /^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(url);
  return m ? (m[1] ?? '/') : url;
}

function outcomeText(status: number | undefined, errorCode: string | undefined): string {
  if (status === undefined) return errorCode ? `no answer (${errorCode})` : 'no answer';
  return errorCode && !errorCode.startsWith('http-') ? `${status} ${errorCode}` : String(status);
}

/** `#12 POST /path → 202` for a journal exchange. */
export function exchangeLine(e: Pick<Exchange, 'id' | 'method' | 'url' | 'status' | 'errorCode' | 'direction'>): string {
  const arrow = e.direction === 'outbound' ? 'gateway→partner' : 'partner→gateway';
  return `#${e.id} ${arrow} ${e.method} ${pathOf(e.url)} → ${outcomeText(e.status, e.errorCode)}`;
}

/** The same line for an `exchange` event; other events print as their type and ids. */
export function eventLine(event: SandboxEvent): string {
  if (event.type === 'exchange') {
    const d = event.data as { method?: string; url?: string; status?: number; errorCode?: string; direction?: 'inbound' | 'outbound' };
    return exchangeLine({ id: event.exchangeId ?? 0, method: d.method ?? '?', url: d.url ?? '?', status: d.status, errorCode: d.errorCode, direction: d.direction ?? 'inbound' });
  }
  return `${event.type}${event.exchangeId ? ` (#${event.exchangeId})` : ''}`;
}

/** At most `max` lines, with a count of the rest. */
export function someLines(lines: ReadonlyArray<string>, max = 5): string {
  if (lines.length <= max) return lines.join('; ');
  return `${lines.slice(0, max).join('; ')}; and ${lines.length - max} more`;
}
