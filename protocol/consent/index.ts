// Consent artefacts (spec §7): purposes, the artefact and its terms, signing, and what it covers.
export { PURPOSES, PURPOSE_REF_URI, isPurposeCode, purposeOf, purposeProblem, type ConsentPurpose, type PurposeCode } from './purposes.js';
export { canonicalJson } from './canonical-json.js';
export {
  ACCESS_MODES,
  FREQUENCY_UNITS,
  buildConsentDetail,
  consentTermsProblems,
  hipConsentNotification,
  type AccessMode,
  type BuildConsentDetailInput,
  type ConsentCareContext,
  type ConsentDetail,
  type ConsentParty,
  type ConsentPermission,
  type ConsentRequester,
  type ConsentStatus,
  type ConsentTerms,
  type DateRange,
  type FrequencyUnit,
} from './consent-artefact.js';
export { signConsentDetail, verifyConsentSignature } from './consent-signature.js';
export { coversCareContext, coversHiType, intersectRanges, rangeWithin, withinDateRange } from './consent-scope.js';
