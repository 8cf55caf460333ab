// JSON Schemas of the legacy Health-ID v1/v2 bodies the compatibility layer accepts (spec §4.6, HIDSBX).
import { object, type JsonSchema } from './common.js';

const text: JsonSchema = { type: 'string' };

export const legacyGenerateOtp: JsonSchema = object({ aadhaar: text }, ['aadhaar']);
export const legacyOtpConfirm: JsonSchema = object({ otp: text, txnId: text }, ['otp', 'txnId']);
export const legacyMobileOtp: JsonSchema = object({ mobile: text, txnId: text }, ['mobile', 'txnId']);
export const legacyCreateHealthId: JsonSchema = object(
  { txnId: text, consent: { type: ['boolean', 'string'] }, consentVersion: text, healthId: text, email: text, password: text, profilePhoto: text },
  ['txnId'],
);
export const legacyAuthInit: JsonSchema = object({ authMethod: text, healthid: text }, ['authMethod', 'healthid']);
export const legacySearchHealthId: JsonSchema = object({ healthId: text }, ['healthId']);
