// Bodies HIPs send to answer user-initiated discovery and linking (spec §5.1–§5.3, v3).
import { arrayOf, callbackError, careContextRef, dateTime, hiType, nonEmptyString, object, responseRef, type JsonSchema } from './common.js';

const discoveredPatient: JsonSchema = object(
  {
    referenceNumber: nonEmptyString,
    display: { type: 'string' },
    careContexts: arrayOf(careContextRef),
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
        referenceNumber: nonEmptyString,
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
    patient: arrayOf(
      object(
        { referenceNumber: nonEmptyString, display: { type: 'string' }, careContexts: arrayOf(careContextRef), hiType, count: { type: 'integer', minimum: 0 } },
        ['referenceNumber', 'careContexts'],
      ),
    ),
    error: callbackError,
    response: responseRef,
  },
  ['response'],
);
