// Canonical URLs the ABDM records use: NRCeS profiles and code systems (IG v6.5.0), the external
// terminologies, and the identifier systems of ABHA, HPR and HFR (spec fhir-data-crypto.md §1.1, §1.4).

/** The NRCeS IG canonical base (`sushi-config.yaml`: canonical https://nrces.in/ndhm/fhir/r4). */
export const NRCES_BASE = 'https://nrces.in/ndhm/fhir/r4';

/** `https://nrces.in/ndhm/fhir/r4/StructureDefinition/<id>` */
export function nrcesProfile(id: string): string {
  return `${NRCES_BASE}/StructureDefinition/${id}`;
}

/** `https://nrces.in/ndhm/fhir/r4/CodeSystem/<id>` */
export function nrcesCodeSystem(id: string): string {
  return `${NRCES_BASE}/CodeSystem/${id}`;
}

export const DOCUMENT_BUNDLE_PROFILE = nrcesProfile('DocumentBundle');

export const SYSTEM = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  ucum: 'http://unitsofmeasure.org',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3Confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  v3ObservationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  dischargeDisposition: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  immunizationRecommendationStatus: 'http://terminology.hl7.org/CodeSystem/immunization-recommendation-status',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  nrcesIdentifierType: nrcesCodeSystem('ndhm-identifier-type-code'),
  nrcesBillingCodes: nrcesCodeSystem('ndhm-billing-codes'),
  nrcesPriceComponents: nrcesCodeSystem('ndhm-price-components'),
} as const;

/** Identifier systems of the ABDM registries, as the IG examples write them. */
export const IDENTIFIER_SYSTEM = {
  /** ABHA number (and, in some HIPs, ABHA address) on Patient. KCDO examples use healthid.abdm.gov.in. */
  abha: 'https://healthid.ndhm.gov.in',
  abhaAlternate: 'https://healthid.abdm.gov.in',
  /** HPR id on Practitioner. */
  hpr: 'https://doctor.ndhm.gov.in',
  /** HFR id on Organization. */
  hfr: 'https://facility.ndhm.gov.in',
  aadhaar: 'https://uidai.gov.in/',
  /** The IG examples' Bundle.identifier.system and Composition.identifier.system. */
  bundle: 'http://hip.in',
  composition: 'https://ndhm.in/phr',
  /** The IG examples' Encounter.identifier.system. */
  encounter: 'https://ndhm.in',
} as const;

/** SNOMED system URIs seen in old ABDM samples (`main-envelope.md`); the validator flags them (§1.3). */
export const NON_CANONICAL_SNOMED_SYSTEMS: ReadonlyArray<string> = [
  'https://ndhm.gov.in/sct',
  'https://affinitydomain.in/sct',
  'http://snomed.info/sct/',
  'https://snomed.info/sct',
  'http://snomed.org/sct',
  'SNOMED',
  'SNOMED-CT',
  'SNOMED CT',
  'snomed',
];
