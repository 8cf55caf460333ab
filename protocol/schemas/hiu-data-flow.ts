// The HIU's health-information request (spec §6.6, v3). The structure is enforced here; whether the artefact,
// the dates and the key material are acceptable is the consent manager's check, answered in on-request.
import { nonEmptyString, object, type JsonSchema } from './common.js';

const text: JsonSchema = { type: 'string' };

export const hiuHealthInformationRequest: JsonSchema = object(
  {
    hiRequest: object(
      {
        consent: object({ id: nonEmptyString }, ['id']),
        dateRange: object({ from: text, to: text }, ['from', 'to']),
        dataPushUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
        keyMaterial: object(
          {
            cryptoAlg: text,
            curve: text,
            dhPublicKey: object({ expiry: text, parameters: text, keyValue: text }, ['expiry', 'keyValue']),
            nonce: text,
          },
          ['cryptoAlg', 'curve', 'dhPublicKey', 'nonce'],
        ),
      },
      ['consent', 'dateRange', 'dataPushUrl', 'keyMaterial'],
    ),
  },
  ['hiRequest'],
);
