// The HIP's answer to a profile share (spec §5.11, v3).
import { callbackError, object, responseRef, type JsonSchema } from './common.js';

export const onShareRequest: JsonSchema = object(
  {
    acknowledgement: object(
      {
        abhaAddress: { type: 'string' },
        status: { type: 'string', enum: ['SUCCESS', 'FAILURE'] },
        profile: object({ context: { type: 'string' }, tokenNumber: { type: 'string' }, expiry: { type: ['string', 'integer'] } }),
      },
      ['status'],
    ),
    error: callbackError,
    response: responseRef,
  },
  ['response'],
);
