// What a consent artefact covers (spec §7, §8.5 items 7–8): its care contexts, hiTypes and clinical date range.
// The HIP side of the sandbox judges pushed records with these; a HIU-side flow can judge requests with them.
import { parseAbdmTimestamp } from '../health-information/abdm-timestamp.js';
import type { ConsentDetail, DateRange } from './consent-artefact.js';

/** Whether the artefact names this care context (by its reference at the HIP). */
export function coversCareContext(detail: Pick<ConsentDetail, 'careContexts'>, careContextReference: string): boolean {
  return detail.careContexts.some((c) => c.careContextReference === careContextReference);
}

/** Whether the artefact allows this hiType. */
export function coversHiType(detail: Pick<ConsentDetail, 'hiTypes'>, hiType: string): boolean {
  return (detail.hiTypes as ReadonlyArray<string>).includes(hiType);
}

/** Whether an instant (ISO) lies inside a range, both ends included; false when either cannot be read. */
export function withinDateRange(range: DateRange, instant: string): boolean {
  const at = parseAbdmTimestamp(instant);
  const from = parseAbdmTimestamp(range.from);
  const to = parseAbdmTimestamp(range.to);
  return at !== undefined && from !== undefined && to !== undefined && at >= from && at <= to;
}

/** Whether `inner` lies entirely inside `outer`; false when a date cannot be read. */
export function rangeWithin(inner: DateRange, outer: DateRange): boolean {
  return withinDateRange(outer, inner.from) && withinDateRange(outer, inner.to) && (parseAbdmTimestamp(inner.from) ?? 0) <= (parseAbdmTimestamp(inner.to) ?? -1);
}

/** The overlap of two ranges, or undefined when they do not overlap or cannot be read. */
export function intersectRanges(a: DateRange, b: DateRange): DateRange | undefined {
  const [af, at, bf, bt] = [a.from, a.to, b.from, b.to].map(parseAbdmTimestamp);
  if (af === undefined || at === undefined || bf === undefined || bt === undefined) return undefined;
  const from = Math.max(af, bf);
  const to = Math.min(at, bt);
  return from <= to ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : undefined;
}
