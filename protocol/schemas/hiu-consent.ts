// Request bodies of the calls a HIU makes about consents (spec §6.2, §6.3, §6.5, v3).
import { nonEmptyString, object, type JsonSchema } from './common.js';

const described = (description: string): JsonSchema => ({ description });

/**
 * `consent/v3/request/init`. Only `consent` being an object is enforced here: what is inside is the consent
 * manager's business, and it refuses every problem at once as the array of §6.2 (protocol/hiu-flows).
 */
export const consentRequestInitRequest: JsonSchema = object(
  {
    consent: {
      ...object({
        purpose: described('{text, code, refUri}: the code and its exact label, e.g. {"text":"Care Management","code":"CAREMGT","refUri":"http://terminology.hl7.org/ValueSet/v3-PurposeOfUse"}'),
        patient: described('{id}: the ABHA address, e.g. {"id":"ravi.kumar@sbx"}'),
        hip: described('{id, name?, type?}: ask one HIP only (optional)'),
        careContexts: described('[{patientReference, careContextReference}]: ask for these care contexts only (optional)'),
        hiu: described('{id, name?, type?}: your HIU service id'),
        requester: described('{name, identifier: {type, value, system}}: the doctor asking'),
        hiTypes: described('a non-empty subset of the eight hiTypes'),
        permission: described('{accessMode, dateRange: {from, to}, dataEraseAt, frequency: {unit, value, repeats}}'),
      }),
    },
  },
  ['consent'],
);

/** `consent/v3/request/status`. */
export const consentRequestStatusRequest: JsonSchema = object({ consentRequestId: nonEmptyString }, ['consentRequestId']);

/** `consent/v3/fetch`: one artefact by id. */
export const consentFetchRequest: JsonSchema = object({ consentId: nonEmptyString }, ['consentId']);
