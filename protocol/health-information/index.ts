// Health-information exchange payloads (spec §5.9, §5.10, §6.6, §8.5): keyMaterial, data-push pages, and their checks.
export { hasErrors, type Finding, type Severity } from './finding.js';
export { HEALTH_INFORMATION_RULES, type HealthInformationRule, type HealthInformationRuleId } from './health-information-rules.js';
export { parseAbdmTimestamp } from './abdm-timestamp.js';
export {
  CRYPTO_ALG,
  CURVE,
  DH_PARAMETERS,
  buildKeyMaterial,
  readKeyMaterial,
  type BuildKeyMaterialOptions,
  type DhPublicKey,
  type KeyMaterial,
  type UsableKeyMaterial,
} from './key-material.js';
export { checkKeyMaterial, type CheckKeyMaterialOptions, type KeyMaterialCheck } from './key-material-check.js';
export { FHIR_JSON_MEDIA, type CareContextRecord, type DataPushEntry, type DataPushPage } from './data-push.js';
export { md5Hex, checksumMatches } from './content-checksum.js';
export { buildDataPushPages, type BuildDataPushOptions } from './data-push-build.js';
export { openDataPushPage, type OpenDataPushOptions, type OpenedDataPushPage, type OpenedEntry, type OpenedEntryStatus } from './data-push-open.js';
export { checkPageNumbers, checkDataPushSequence } from './data-push-pages.js';
