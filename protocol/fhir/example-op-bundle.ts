// A small OPConsultRecord document bundle written by hand after the IG's Bundle-OPConsultNote-example-05,
// valid against every rule of the validator. Tests copy and break it; docs can show it.

/** A fresh copy of the example (callers may mutate it). */
export function exampleOpConsultBundle(): Record<string, any> {
  const snomed = 'http://snomed.info/sct';
  const patient = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e01';
  const doctor = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e02';
  const hospital = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e03';
  const encounter = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e04';
  const complaint = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e05';
  const medicine = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e06';
  const composition = 'urn:uuid:1b4bd2c5-6a1d-4c47-9a0c-2f0a3c6d9e00';
  const id = (fullUrl: string) => fullUrl.slice(9);
  return {
    resourceType: 'Bundle',
    id: 'op-consult-example',
    meta: { versionId: '1', lastUpdated: '2025-03-12T10:30:00+05:30', profile: ['https://nrces.in/ndhm/fhir/r4/StructureDefinition/DocumentBundle'] },
    identifier: { system: 'http://hip.in', value: '305fecc2-4ba2-46cc-9ccd-efa755aff51d' },
    type: 'document',
    timestamp: '2025-03-12T10:30:00+05:30',
    entry: [
      {
        fullUrl: composition,
        resource: {
          resourceType: 'Composition',
          id: id(composition),
          meta: { versionId: '1', profile: ['https://nrces.in/ndhm/fhir/r4/StructureDefinition/OPConsultRecord'] },
          language: 'en-IN',
          status: 'final',
          type: { coding: [{ system: snomed, code: '371530004', display: 'Clinical consultation report' }], text: 'Clinical Consultation report' },
          subject: { reference: patient, display: 'Priya Sharma' },
          encounter: { reference: encounter },
          date: '2025-03-12T10:25:00+05:30',
          author: [{ reference: doctor, display: 'Dr. Arjun Reddy' }],
          title: 'Consultation Report',
          custodian: { reference: hospital },
          section: [
            {
              title: 'Chief complaints',
              code: { coding: [{ system: snomed, code: '422843007', display: 'Chief complaint section' }] },
              entry: [{ reference: complaint }],
            },
            {
              title: 'Medications',
              code: { coding: [{ system: snomed, code: '721912009', display: 'Medication summary document' }] },
              entry: [{ reference: medicine }],
            },
          ],
        },
      },
      {
        fullUrl: patient,
        resource: {
          resourceType: 'Patient',
          id: id(patient),
          identifier: [
            {
              type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }] },
              system: 'https://healthid.ndhm.gov.in',
              value: '91-6865-3273-1326',
            },
          ],
          name: [{ text: 'Priya Sharma' }],
          gender: 'female',
          birthDate: '1988-04-21',
        },
      },
      {
        fullUrl: doctor,
        resource: {
          resourceType: 'Practitioner',
          id: id(doctor),
          identifier: [
            {
              type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MD', display: 'Medical License number' }] },
              system: 'https://doctor.ndhm.gov.in',
              value: '21-1521-3828-3227',
            },
          ],
          name: [{ text: 'Dr. Arjun Reddy' }],
        },
      },
      {
        fullUrl: hospital,
        resource: {
          resourceType: 'Organization',
          id: id(hospital),
          identifier: [
            {
              type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PRN', display: 'Provider number' }] },
              system: 'https://facility.ndhm.gov.in',
              value: 'IN2710000109',
            },
          ],
          name: 'Sassoon General Hospital',
        },
      },
      {
        fullUrl: encounter,
        resource: {
          resourceType: 'Encounter',
          id: id(encounter),
          status: 'finished',
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
          subject: { reference: patient },
          period: { start: '2025-03-12T10:05:00+05:30', end: '2025-03-12T10:25:00+05:30' },
        },
      },
      {
        fullUrl: complaint,
        resource: {
          resourceType: 'Condition',
          id: id(complaint),
          clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active', display: 'Active' }] },
          code: { coding: [{ system: snomed, code: '386661006', display: 'Fever' }], text: 'Fever' },
          subject: { reference: patient },
          onsetDateTime: '2025-03-10',
        },
      },
      {
        fullUrl: medicine,
        resource: {
          resourceType: 'MedicationRequest',
          id: id(medicine),
          status: 'active',
          intent: 'order',
          medicationCodeableConcept: { coding: [{ system: snomed, code: '322236009', display: 'Paracetamol 500 mg oral tablet' }] },
          subject: { reference: patient },
          authoredOn: '2025-03-12',
          requester: { reference: doctor },
          reasonReference: [{ reference: complaint }],
          dosageInstruction: [{ text: 'One tablet three times a day after food for 3 days' }],
        },
      },
    ],
  };
}
