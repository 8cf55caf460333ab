// What a patient grants in answer to a consent request (spec §6.5 [OBS], §10.3 #9): at most what was asked, and
// possibly less: fewer hiTypes, a narrower clinical date range, an earlier expiry. The HIU must then use the
// artefact's values, not its own request's.
import type { FhirHiType } from '../fhir/hi-types.js';
import { parseAbdmTimestamp } from '../health-information/abdm-timestamp.js';
import { intersectRanges } from './consent-scope.js';
import type { DateRange } from './consent-artefact.js';

/** What was asked for (from the HIU's consent request). */
export interface RequestedPermission {
  hiTypes: ReadonlyArray<FhirHiType>;
  dateRange: DateRange;
  dataEraseAt: string;
}

/** How the patient narrows it; anything left out is granted as asked. */
export interface GrantChoices {
  hiTypes?: ReadonlyArray<string>;
  dateRange?: DateRange;
  dataEraseAt?: string;
}

export type GrantedPermission = { hiTypes: FhirHiType[]; dateRange: DateRange; dataEraseAt: string } | { refused: string };

/** The permission granted: the request narrowed by the choices, or why nothing of it can be granted. */
export function narrowGrant(requested: RequestedPermission, choices: GrantChoices = {}): GrantedPermission {
  const hiTypes = choices.hiTypes ? requested.hiTypes.filter((t) => choices.hiTypes!.includes(t)) : [...requested.hiTypes];
  if (hiTypes.length === 0) return { refused: `none of the hiTypes the patient would share (${(choices.hiTypes ?? []).join(', ')}) was requested (${requested.hiTypes.join(', ')})` };
  const dateRange = choices.dateRange ? intersectRanges(requested.dateRange, choices.dateRange) : intersectRanges(requested.dateRange, requested.dateRange);
  if (!dateRange) {
    const chosen = choices.dateRange ? `${choices.dateRange.from}…${choices.dateRange.to}` : 'none';
    return { refused: `the dates the patient would share (${chosen}) do not overlap the requested ${requested.dateRange.from}…${requested.dateRange.to}` };
  }
  const asked = parseAbdmTimestamp(requested.dataEraseAt);
  const chosen = choices.dataEraseAt !== undefined ? parseAbdmTimestamp(choices.dataEraseAt) : undefined;
  if (asked === undefined) return { refused: `the requested dataEraseAt ${requested.dataEraseAt} is not a date-time` };
  const erase = chosen !== undefined && chosen < asked ? chosen : asked;
  return { hiTypes, dateRange, dataEraseAt: new Date(erase).toISOString() };
}
