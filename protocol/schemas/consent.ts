// Acknowledgements partners send for consent notifications (spec §5.8, §6.4, v3).
import { arrayOf, callbackError, nonEmptyString, object, responseRef, type JsonSchema } from './common.js';

const acknowledgement: JsonSchema = object({ status: { type: 'string', enum: ['OK', 'UNKNOWN'] }, consentId: nonEmptyString }, ['status', 'consentId']);

/** HIP side: `acknowledgement` is a single object. */
export const hipConsentOnNotifyRequest: JsonSchema = object({ acknowledgement, error: callbackError, response: responseRef }, ['response']);

/** HIU side: `acknowledgement` is an array, one per artefact. */
export const hiuConsentOnNotifyRequest: JsonSchema = object({ acknowledgement: arrayOf(acknowledgement), error: callbackError, response: responseRef }, ['response']);
