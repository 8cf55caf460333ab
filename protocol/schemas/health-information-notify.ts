// The transfer notification HIPs (and HIUs) send when a health-information transfer ends (spec §5.9, v3).
import { arrayOf, dateTime, nonEmptyString, object, type JsonSchema } from './common.js';

const statusResponse: JsonSchema = object(
  {
    careContextReference: nonEmptyString,
    hiStatus: { type: 'string', enum: ['DELIVERED', 'OK', 'ERRORED'] },
    description: { type: 'string' },
  },
  ['careContextReference', 'hiStatus'],
);

export const healthInformationNotifyRequest: JsonSchema = object(
  {
    notification: object(
      {
        consentId: nonEmptyString,
        transactionId: nonEmptyString,
        doneAt: dateTime,
        notifier: object({ type: { type: 'string', enum: ['HIP', 'HIU'] }, id: nonEmptyString }, ['type', 'id']),
        statusNotification: object(
          {
            sessionStatus: { type: 'string', enum: ['TRANSFERRED', 'FAILED'] },
            hipId: nonEmptyString,
            statusResponses: arrayOf(statusResponse),
          },
          ['sessionStatus'],
        ),
      },
      ['consentId', 'transactionId', 'notifier', 'statusNotification'],
    ),
  },
  ['notification'],
);
