// Request bodies of HIP-initiated linking (spec §5.5–§5.7, v3): link-token generation, adding care contexts
// with a link token, care-context notify and the SMS deep-link notify.
import { ABDM_NAME_PATTERN } from '../linking/demographic-name.js';
import { arrayOf, dateTime, hiType, nonEmptyString, object, type JsonSchema } from './common.js';

/** V3-LT gender enum (wider than the world's M/F/O). */
export const V3_GENDERS = ['M', 'F', 'O', 'D', 'T', 'U'] as const;

/** `abhaNumber` is a nullable JSON number in V3-LT and a string elsewhere (spec §10.3 #5); the handler reads both. */
const abhaNumberAnyForm: JsonSchema = { type: ['string', 'integer', 'null'] };

export const generateTokenRequest: JsonSchema = object(
  {
    abhaNumber: abhaNumberAnyForm,
    abhaAddress: { type: 'string', minLength: 1, maxLength: 255 },
    name: { type: 'string', minLength: 1, maxLength: 255, pattern: ABDM_NAME_PATTERN },
    gender: { type: 'string', enum: [...V3_GENDERS] },
    yearOfBirth: { type: 'integer', minimum: 1900, maximum: 2200 },
  },
  ['name', 'gender', 'yearOfBirth'],
);

const linkedCareContext: JsonSchema = object({ referenceNumber: nonEmptyString, display: { type: 'string' } }, ['referenceNumber']);

/**
 * One HIP patient entry per hiType. V3-HIL names the field `hiTypes` (a string); the wrapper and the live
 * gateway use `hiType`, and an array gave 400 (spec §5.5 [OBS]): both names are read, arrays refused here.
 */
const linkPatient: JsonSchema = object(
  {
    referenceNumber: nonEmptyString,
    display: { type: 'string' },
    careContexts: arrayOf(linkedCareContext, 1),
    hiType,
    hiTypes: hiType,
    count: { type: 'integer', minimum: 0 },
  },
  ['referenceNumber', 'careContexts', 'count'],
);

export const linkCareContextRequest: JsonSchema = object(
  {
    abhaNumber: { type: ['string', 'integer'] },
    abhaAddress: { type: 'string', minLength: 1, maxLength: 255 },
    patient: arrayOf(linkPatient, 1),
  },
  ['patient'],
);

/** `notification.hip` needs only `id` (V3-HIL lists name and type as required but its example omits them). */
export const contextNotifyRequest: JsonSchema = object(
  {
    notification: object(
      {
        patient: object({ id: nonEmptyString }, ['id']),
        careContext: object({ patientReference: nonEmptyString, careContextReference: nonEmptyString }, ['patientReference', 'careContextReference']),
        hiTypes: arrayOf(hiType, 1),
        date: dateTime,
        hip: object({ id: nonEmptyString, name: { type: 'string' }, type: { type: 'string' } }, ['id']),
      },
      ['patient', 'careContext', 'hiTypes', 'date', 'hip'],
    ),
  },
  ['notification'],
);

export const smsNotifyRequest: JsonSchema = object(
  {
    notification: object(
      {
        phoneNo: nonEmptyString,
        hip: object({ id: nonEmptyString, name: { type: 'string' } }, ['id']),
      },
      ['phoneNo', 'hip'],
    ),
  },
  ['notification'],
);
