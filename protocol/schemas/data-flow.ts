// The HIP's answer to a health-information request (spec §5.9, v3).
import { callbackError, nonEmptyString, object, responseRef, type JsonSchema } from './common.js';

export const hipOnRequestRequest: JsonSchema = object(
  {
    hiRequest: object({ transactionId: nonEmptyString, sessionStatus: { type: 'string', enum: ['ACKNOWLEDGED', 'ERRORED'] } }, ['transactionId', 'sessionStatus']),
    error: callbackError,
    response: responseRef,
  },
  ['response'],
);
