// Consent artefacts (spec §7): purposes, the artefact and its terms, signing, what it covers, what a patient grants,
// and the consent manager's messages to a HIU.
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
export { narrowGrant, type GrantChoices, type GrantedPermission, type RequestedPermission } from './consent-grant.js';
export { consentOnFetchBody, consentOnInitBody, consentOnStatusBody, hiuConsentNotification, type CallbackErrorBody } from './hiu-consent-messages.js';
