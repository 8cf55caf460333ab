import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildConsentDetail,
  canonicalJson,
  consentTermsProblems,
  coversCareContext,
  hipConsentNotification,
  intersectRanges,
  purposeProblem,
  rangeWithin,
  signConsentDetail,
  verifyConsentSignature,
  withinDateRange,
  type ConsentTerms,
} from './index.js';

const NOW = Date.parse('2026-03-01T00:00:00.000Z');
const terms: ConsentTerms = {
  careContexts: [{ patientReference: 'MRN1', careContextReference: 'OP-2025-1' }],
  hiTypes: ['OPConsultation', 'Prescription'],
  purpose: 'CAREMGT',
  dateRange: { from: '2020-01-01T00:00:00Z', to: '2026-02-01T00:00:00.000Z' },
  dataEraseAt: '2026-04-01T00:00:00.000Z',
};
const detail = () =>
  buildConsentDetail({
    consentId: 'c-1',
    createdAt: NOW,
    patientId: 'asha.k@sbx',
    hip: { id: 'IN2710000001', name: 'City Hospital' },
    hiu: { id: 'SBX_VIRTUAL_HIU', name: 'Virtual HIU' },
    requester: { name: 'Dr. Manju', identifier: { type: 'REGNO', value: 'MH1001', system: 'https://www.mciindia.org' } },
    cmId: 'sbx',
    terms,
  });

describe('the consent artefact', () => {
  it('carries the v3 fields of spec §7 with the exact purpose text and ISO dates', () => {
    const d = detail();
    expect(d).toMatchObject({
      schemaVersion: 'v3',
      consentId: 'c-1',
      createdAt: '2026-03-01T00:00:00.000Z',
      patient: { id: 'asha.k@sbx' },
      purpose: { code: 'CAREMGT', text: 'Care Management', refUri: 'http://terminology.hl7.org/ValueSet/v3-PurposeOfUse' },
      hip: { id: 'IN2710000001', name: 'City Hospital', type: 'HIP' },
      hiu: { type: 'HIU' },
      consentManager: { id: 'sbx' },
      hiTypes: ['OPConsultation', 'Prescription'],
      permission: { accessMode: 'VIEW', dateRange: { from: '2020-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }, frequency: { unit: 'HOUR', value: 1, repeats: 0 } },
    });
    const body = hipConsentNotification('REVOKED', d, 'sig');
    expect(body.notification).toMatchObject({ status: 'REVOKED', consentId: 'c-1', signature: 'sig', grantAcknowledgement: false });
  });

  it('refuses terms the consent manager would refuse, naming the field', () => {
    expect(consentTermsProblems(terms, NOW)).toEqual([]);
    const bad = { ...terms, purpose: 'FUN', hiTypes: ['XRay'], dateRange: { from: '2026-02-02T00:00:00Z', to: '2027-01-01T00:00:00Z' }, dataEraseAt: '2025-01-01T00:00:00Z' };
    const problems = consentTermsProblems(bad, NOW);
    expect(problems).toEqual([
      expect.stringContaining('purpose must be one of CAREMGT'),
      expect.stringContaining('hiTypes: "XRay"'),
      expect.stringContaining('dateRange.to 2027-01-01T00:00:00Z is in the future'),
      expect.stringContaining('dataEraseAt 2025-01-01T00:00:00Z is not in the future'),
    ]);
    expect(consentTermsProblems({ ...terms, dateRange: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, NOW)[0]).toContain('is after dateRange.to');
  });

  it('pairs purpose codes with their exact texts', () => {
    expect(purposeProblem({ code: 'PATRQT', text: 'Self Requested' })).toBeUndefined();
    expect(purposeProblem({ code: 'PATRQT', text: 'self requested' })).toContain('must be exactly "Self Requested"');
  });
});

describe('the signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('verifies over the canonical JSON, whatever the key order, and fails when the artefact changes', () => {
    const d = detail();
    const signature = signConsentDetail(d, privateKey);
    const { permission, ...rest } = d;
    const reordered = JSON.parse(JSON.stringify({ permission, ...rest }));
    expect(verifyConsentSignature(reordered, signature, publicKey)).toBe(true);
    expect(verifyConsentSignature({ ...d, hiTypes: ['OPConsultation'] }, signature, publicKey)).toBe(false);
    expect(verifyConsentSignature(d, 'not base64 at all!', publicKey)).toBe(false);
  });

  it('canonical JSON sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null })).toBe('{"a":null,"b":[2,{"c":"x","d":1}]}');
  });
});

describe('scope', () => {
  it('answers what the artefact covers', () => {
    const d = detail();
    expect(coversCareContext(d, 'OP-2025-1')).toBe(true);
    expect(coversCareContext(d, 'OP-2025-2')).toBe(false);
    const range = d.permission.dateRange;
    expect(withinDateRange(range, '2024-06-01T10:00:00+05:30')).toBe(true);
    expect(withinDateRange(range, '2026-02-01T00:00:00.001Z')).toBe(false);
    expect(rangeWithin({ from: '2021-01-01T00:00:00Z', to: '2022-01-01T00:00:00Z' }, range)).toBe(true);
    expect(rangeWithin({ from: '2019-01-01T00:00:00Z', to: '2022-01-01T00:00:00Z' }, range)).toBe(false);
    expect(intersectRanges(range, { from: '2025-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).toEqual({ from: '2025-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' });
    expect(intersectRanges(range, { from: '2027-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z' })).toBeUndefined();
  });
});
