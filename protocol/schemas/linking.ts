// Bodies HIPs send to answer user-initiated discovery and linking (spec §5.1–§5.3, v3).
// `count` and `hiType` are not required here: their absence or a wrong count is judged by the discovery and
// linking flows (a wrong count is refused with ABDM-1037), with a message naming the entry.
import { arrayOf, callbackError, dateTime, hiType, nonEmptyString, object, responseRef, type JsonSchema } from './common.js';

/** V3-UIL field rules for reference numbers and display texts (spec §5.1). */
export const REFERENCE_NUMBER_PATTERN = '^[a-zA-Z0-9_\\-@,. ()/:\\\\]{0,255}$';
export const DISPLAY_PATTERN = '^[a-zA-Z0-9_\\-@,. "\':|()/]{0,255}$';

const referenceNumber: JsonSchema = { type: 'string', minLength: 1, pattern: REFERENCE_NUMBER_PATTERN };
const display: JsonSchema = { type: 'string', pattern: DISPLAY_PATTERN };
const careContext: JsonSchema = object({ referenceNumber, display }, ['referenceNumber']);

const discoveredPatient: JsonSchema = object(
  {
    referenceNumber,
    display,
    careContexts: arrayOf(careContext),
    hiType,
    count: { type: 'integer', minimum: 0 },
  },
  ['referenceNumber', 'careContexts'],
);

export const onDiscoverRequest: JsonSchema = object(
  {
    transactionId: nonEmptyString,
    patient: arrayOf(discoveredPatient),
    matchedBy: arrayOf({ type: 'string', enum: ['MR', 'MOBILE', 'ABHA_NUMBER', 'ABHA_ADDRESS', 'EMAIL', 'NDHM_HEALTH_NUMBER', 'HEALTH_ID'] }),
    error: callbackError,
    response: responseRef,
  },
  ['transactionId', 'response'],
);

export const onInitRequest: JsonSchema = object(
  {
    transactionId: nonEmptyString,
    link: object(
      {
        referenceNumber: { type: 'string', minLength: 1 },
        authenticationType: { type: 'string', enum: ['DIRECT', 'MEDIATED'] },
        meta: object({
          communicationMedium: { type: 'string', enum: ['MOBILE', 'EMAIL'] },
          communicationHint: { type: 'string' },
          communicationExpiry: dateTime,
        }),
      },
      ['referenceNumber', 'authenticationType'],
    ),
    error: callbackError,
    response: responseRef,
  },
  ['response'],
);

export const onConfirmRequest: JsonSchema = object(
  {
    patient: arrayOf(discoveredPatient),
    error: callbackError,
    response: responseRef,
  },
  ['response'],
);
