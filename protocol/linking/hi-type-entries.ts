// v3 describes a HIP patient's care contexts as one entry per hiType, each with a `count` that must equal its
// number of care contexts (spec §5.1–§5.5; a wrong count is ABDM-1037). Built and checked here, for the
// gateway's virtual patient and for the reference HIP alike.
import { HI_TYPES } from '../fhir/hi-types.js';

export interface EntryCareContext {
  referenceNumber: string;
  display?: string;
}

export interface HiTypeEntry {
  referenceNumber: string;
  display?: string;
  careContexts: EntryCareContext[];
  hiType: string;
  count: number;
}

export interface TypedCareContext extends EntryCareContext {
  hiType: string;
}

/** One entry per hiType (in ABDM's hiType order; care contexts keep theirs). Displays are kept only when asked. */
export function entriesPerHiType(patient: { referenceNumber: string; display?: string }, careContexts: ReadonlyArray<TypedCareContext>, withDisplay = true): HiTypeEntry[] {
  const groups = new Map<string, EntryCareContext[]>();
  for (const c of careContexts) {
    const list = groups.get(c.hiType) ?? [];
    list.push(withDisplay && c.display !== undefined ? { referenceNumber: c.referenceNumber, display: c.display } : { referenceNumber: c.referenceNumber });
    groups.set(c.hiType, list);
  }
  const order = (t: string) => {
    const i = (HI_TYPES as ReadonlyArray<string>).indexOf(t);
    return i === -1 ? HI_TYPES.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([hiType, list]) => ({
      referenceNumber: patient.referenceNumber,
      ...(withDisplay && patient.display !== undefined ? { display: patient.display } : {}),
      careContexts: list,
      hiType,
      count: list.length,
    }));
}

export interface CountProblem {
  /** Index of the entry in the patient array. */
  index: number;
  /** JSON path of the count, e.g. `body.patient[1].count`. */
  path: string;
  message: string;
}

/** Entries whose `count` is missing or differs from their number of care contexts. */
export function countProblems(entries: ReadonlyArray<{ careContexts?: ReadonlyArray<unknown>; count?: unknown }>, at = 'body.patient'): CountProblem[] {
  const problems: CountProblem[] = [];
  entries.forEach((entry, index) => {
    const actual = Array.isArray(entry.careContexts) ? entry.careContexts.length : 0;
    const path = `${at}[${index}].count`;
    if (entry.count === undefined) problems.push({ index, path, message: `${path} is missing; it must be the number of care contexts (${actual})` });
    else if (entry.count !== actual) problems.push({ index, path, message: `${path} is ${JSON.stringify(entry.count)} but the entry lists ${actual} care context${actual === 1 ? '' : 's'}` });
  });
  return problems;
}
