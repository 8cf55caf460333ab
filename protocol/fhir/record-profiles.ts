// The NRCeS Composition profiles of the eight record types as data (IG v6.5.0, spec fhir-data-crypto.md §1.3):
// type code or text, what the profile makes required, and the sections with the resource types their entries
// may point to. The generator builds from this table and the validator checks against it.
import type { FhirHiType } from './hi-types.js';
import { nrcesProfile, SYSTEM } from './systems.js';

export interface FixedCode {
  code: string;
  display: string;
}

/** One allowed kind of section entry (a slice on `entry.type`, or simply an allowed target type). */
export interface EntrySlice {
  /** The fixed `section.entry.type` value when the profile slices on it. */
  type?: string;
  /** Resource types the reference may resolve to. */
  resourceTypes: ReadonlyArray<string>;
  max?: number;
}

export interface SectionRule {
  /** The slice name in the profile (ChiefComplaints, VitalSigns, ...), or the record name for single sections. */
  slice: string;
  /** Section code: fixed by the profile when `codeFixed`, otherwise the code the generator uses. */
  code?: FixedCode;
  codeFixed: boolean;
  /** Wellness slices on the exact title. */
  title?: string;
  /** A human title the generator writes for code-sliced sections. */
  suggestedTitle: string;
  entryMin: number;
  entryMax?: number;
  /** Whether every entry must carry `entry.type` (closed slicing on type). */
  entryTypeRequired: boolean;
  entries: ReadonlyArray<EntrySlice>;
}

export interface RecordProfile {
  hiType: FhirHiType;
  /** StructureDefinition id of the Composition profile. */
  profileId: string;
  profileUrl: string;
  /** Fixed SNOMED type coding; absent for Wellness and Invoice, which fix `type.text`. */
  typeCoding?: FixedCode;
  /** Codes from a preferred-binding value set (DiagnosticReportRecord): others warn. */
  typeValueSet?: ReadonlyArray<FixedCode>;
  typeText?: string;
  encounterRequired: boolean;
  authorReferenceRequired: boolean;
  sectionMin: number;
  sectionMax?: number;
  /** How sections are told apart: by `code.coding.code`, by exact `title`, or there is exactly one. */
  sectionSlicing: 'code' | 'title' | 'single';
  sections: ReadonlyArray<SectionRule>;
}

const sct = (code: string, display: string): FixedCode => ({ code, display });

const slice = (
  name: string,
  code: FixedCode,
  title: string,
  resourceTypes: ReadonlyArray<string>,
): SectionRule => ({
  slice: name,
  code,
  codeFixed: true,
  suggestedTitle: title,
  entryMin: 0,
  entryTypeRequired: false,
  entries: [{ resourceTypes }],
});

const wellnessSlice = (name: string, title: string, resourceTypes: ReadonlyArray<string>): SectionRule => ({
  slice: name,
  title,
  codeFixed: false,
  suggestedTitle: title,
  entryMin: 0,
  entryTypeRequired: false,
  entries: [{ resourceTypes }],
});

/** `ndhm-diagnostic-report-type` (preferred binding): the enumerated codes plus the is-a roots and the codes the examples use. */
export const DIAGNOSTIC_REPORT_TYPES: ReadonlyArray<FixedCode> = [
  sct('721981007', 'Diagnostic studies report'),
  sct('770573007', 'Airway endoscopy report'),
  sct('782659005', 'Cystoscopy report'),
  sct('725870000', 'Diagnostic coronary angiography report'),
  sct('722143004', 'Infectious disease diagnostic study note'),
  sct('720449003', 'Pulmonary function report'),
  sct('371528001', 'Pathology report'),
  sct('721631001', 'Bone marrow pathology biopsy report'),
  sct('4311000179106', 'Chemical pathology report'),
  sct('4201000179104', 'Imaging report'),
  sct('4241000179101', 'Laboratory report'),
  sct('4261000179100', 'Computed tomography imaging report'),
  sct('4321000179101', 'Hematology report'),
];

export const RECORD_PROFILES: Readonly<Record<FhirHiType, RecordProfile>> = {
  OPConsultation: {
    hiType: 'OPConsultation',
    profileId: 'OPConsultRecord',
    profileUrl: nrcesProfile('OPConsultRecord'),
    typeCoding: sct('371530004', 'Clinical consultation report'),
    encounterRequired: true,
    authorReferenceRequired: true,
    sectionMin: 1,
    sectionSlicing: 'code',
    sections: [
      slice('ChiefComplaints', sct('422843007', 'Chief complaint section'), 'Chief complaints', ['Condition']),
      slice('PhysicalExamination', sct('425044008', 'Physical exam section'), 'Physical examination', ['Observation']),
      slice('Allergies', sct('722446000', 'Allergy record'), 'Allergies', ['AllergyIntolerance']),
      slice('MedicalHistory', sct('371529009', 'History and physical report'), 'Medical history', ['Condition', 'Procedure']),
      slice('FamilyHistory', sct('422432008', 'Family history section'), 'Family history', ['FamilyMemberHistory']),
      slice('InvestigationAdvice', sct('721963009', 'Order document'), 'Investigation advice', ['ServiceRequest']),
      slice('Medications', sct('721912009', 'Medication summary document'), 'Medications', ['MedicationStatement', 'MedicationRequest']),
      slice('FollowUp', sct('390906007', 'Follow-up encounter'), 'Follow up', ['Appointment']),
      slice('Procedure', sct('371525003', 'Clinical procedure report'), 'Procedure', ['Procedure']),
      slice('Referral', sct('306206005', 'Referral to service'), 'Referral', ['ServiceRequest']),
      slice('OtherObservations', sct('404684003', 'Clinical finding'), 'Other observations', ['Observation']),
      slice('DocumentReference', sct('371530004', 'Clinical consultation report'), 'Document reference', ['DocumentReference']),
    ],
  },
  Prescription: {
    hiType: 'Prescription',
    profileId: 'PrescriptionRecord',
    profileUrl: nrcesProfile('PrescriptionRecord'),
    typeCoding: sct('440545006', 'Prescription record'),
    encounterRequired: false,
    authorReferenceRequired: true,
    sectionMin: 1,
    sectionMax: 1,
    sectionSlicing: 'single',
    sections: [
      {
        slice: 'Prescription',
        code: sct('440545006', 'Prescription record'),
        codeFixed: true,
        suggestedTitle: 'Prescription record',
        entryMin: 1,
        entryTypeRequired: true,
        entries: [
          { type: 'MedicationRequest', resourceTypes: ['MedicationRequest'] },
          { type: 'Binary', resourceTypes: ['Binary'], max: 1 },
        ],
      },
    ],
  },
  DischargeSummary: {
    hiType: 'DischargeSummary',
    profileId: 'DischargeSummaryRecord',
    profileUrl: nrcesProfile('DischargeSummaryRecord'),
    typeCoding: sct('373942005', 'Discharge summary'),
    encounterRequired: true,
    // DischargeSummaryRecord restricts author's types but, unlike OPConsultRecord, does not make author.reference 1..
    authorReferenceRequired: false,
    sectionMin: 1,
    sectionSlicing: 'code',
    sections: [
      slice('ChiefComplaints', sct('422843007', 'Chief complaint section'), 'Chief complaints', ['Condition']),
      slice('PhysicalExamination', sct('425044008', 'Physical exam section'), 'Physical examination', ['Observation']),
      slice('Allergies', sct('722446000', 'Allergy record'), 'Allergies', ['AllergyIntolerance']),
      slice('MedicalHistory', sct('1003642006', 'Past medical history section'), 'Medical history', ['Procedure', 'Condition']),
      slice('FamilyHistory', sct('422432008', 'Family history section'), 'Family history', ['FamilyMemberHistory']),
      slice('Investigations', sct('721981007', 'Diagnostic studies report'), 'Investigations', ['DiagnosticReport']),
      slice('Medications', sct('1003606003', 'Medication history section'), 'Medications', ['MedicationRequest']),
      slice('Procedures', sct('1003640003', 'History of past procedure section'), 'Procedures', ['Procedure']),
      slice('CarePlan', sct('734163000', 'Care plan'), 'Care plan', ['CarePlan']),
      slice('DocumentReference', sct('373942005', 'Discharge summary'), 'Document reference', ['DocumentReference']),
    ],
  },
  DiagnosticReport: {
    hiType: 'DiagnosticReport',
    profileId: 'DiagnosticReportRecord',
    profileUrl: nrcesProfile('DiagnosticReportRecord'),
    typeValueSet: DIAGNOSTIC_REPORT_TYPES,
    encounterRequired: false,
    authorReferenceRequired: true,
    sectionMin: 1,
    sectionMax: 1,
    sectionSlicing: 'single',
    sections: [
      {
        slice: 'DiagnosticReport',
        codeFixed: false,
        suggestedTitle: 'Diagnostic report',
        entryMin: 1,
        entryMax: 2,
        entryTypeRequired: true,
        entries: [
          { type: 'DiagnosticReport', resourceTypes: ['DiagnosticReport'], max: 1 },
          { type: 'DocumentReference', resourceTypes: ['DocumentReference'], max: 1 },
        ],
      },
    ],
  },
  ImmunizationRecord: {
    hiType: 'ImmunizationRecord',
    profileId: 'ImmunizationRecord',
    profileUrl: nrcesProfile('ImmunizationRecord'),
    typeCoding: sct('41000179103', 'Immunization record'),
    encounterRequired: false,
    authorReferenceRequired: false,
    sectionMin: 1,
    sectionMax: 1,
    sectionSlicing: 'single',
    sections: [
      {
        slice: 'ImmunizationRecord',
        code: sct('41000179103', 'Immunization record'),
        codeFixed: true,
        suggestedTitle: 'Immunization record',
        entryMin: 1,
        entryTypeRequired: true,
        entries: [
          { type: 'Immunization', resourceTypes: ['Immunization'] },
          { type: 'ImmunizationRecommendation', resourceTypes: ['ImmunizationRecommendation'], max: 1 },
          { type: 'DocumentReference', resourceTypes: ['DocumentReference'] },
        ],
      },
    ],
  },
  HealthDocumentRecord: {
    hiType: 'HealthDocumentRecord',
    profileId: 'HealthDocumentRecord',
    profileUrl: nrcesProfile('HealthDocumentRecord'),
    typeCoding: sct('419891008', 'Record artifact'),
    encounterRequired: false,
    authorReferenceRequired: true,
    sectionMin: 1,
    sectionMax: 1,
    sectionSlicing: 'single',
    sections: [
      {
        slice: 'HealthDocument',
        code: sct('419891008', 'Record artifact'),
        codeFixed: true,
        suggestedTitle: 'Health document',
        entryMin: 1,
        entryTypeRequired: false,
        entries: [{ resourceTypes: ['DocumentReference'] }],
      },
    ],
  },
  WellnessRecord: {
    hiType: 'WellnessRecord',
    profileId: 'WellnessRecord',
    profileUrl: nrcesProfile('WellnessRecord'),
    typeText: 'Wellness Record',
    encounterRequired: false,
    authorReferenceRequired: false,
    sectionMin: 1,
    sectionSlicing: 'title',
    sections: [
      wellnessSlice('VitalSigns', 'Vital Signs', ['Observation']),
      wellnessSlice('BodyMeasurement', 'Body Measurement', ['Observation']),
      wellnessSlice('PhysicalActivity', 'Physical Activity', ['Observation']),
      wellnessSlice('GeneralAssessment', 'General Assessment', ['Observation']),
      wellnessSlice('WomenHealth', 'Women Health', ['Observation']),
      wellnessSlice('Lifestyle', 'Lifestyle', ['Observation']),
      wellnessSlice('OtherObservations', 'Other Observations', ['Observation', 'Condition']),
      wellnessSlice('DocumentReference', 'Document Reference', ['DocumentReference']),
    ],
  },
  Invoice: {
    hiType: 'Invoice',
    profileId: 'InvoiceRecord',
    profileUrl: nrcesProfile('InvoiceRecord'),
    typeText: 'Invoice Record',
    encounterRequired: false,
    authorReferenceRequired: true,
    sectionMin: 1,
    sectionMax: 1,
    sectionSlicing: 'single',
    sections: [
      {
        slice: 'Invoice',
        codeFixed: false,
        suggestedTitle: 'Invoice details',
        entryMin: 1,
        entryTypeRequired: true,
        entries: [{ type: 'Invoice', resourceTypes: ['Invoice'], max: 1 }],
      },
    ],
  },
};

/** Resource types a Composition's author may reference in every record profile. */
export const AUTHOR_TYPES: ReadonlyArray<string> = [
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Patient',
  'RelatedPerson',
  'Device',
];

/** The SNOMED system every fixed code above belongs to. */
export const RECORD_CODE_SYSTEM = SYSTEM.snomed;
