import { describe, expect, it } from 'vitest';
import { buildConsentDetail } from '../consent/consent-artefact.js';
import { seededRandomBytes, generateKeyPair, generateNonce } from '../fidelius/index.js';
import { buildKeyMaterial } from '../health-information/key-material.js';
import { Rng } from '../random.js';
import { checkHealthInformationRequest, type HiRequestCheckInput } from './health-information-request-check.js';

const NOW = Date.parse('2026-03-01T00:00:00.000Z');
const random = seededRandomBytes(new Rng(7));
const keyMaterial = buildKeyMaterial({ keyPair: generateKeyPair(random), nonce: generateNonce(random), expiry: '2026-06-01T00:00:00.000Z', publicKeyEncoding: 'raw' });
const detail = buildConsentDetail({
  consentId: 'c-1',
  createdAt: NOW,
  patientId: 'asha.k@sbx',
  hip: { id: 'HIP1', name: 'City Hospital' },
  hiu: { id: 'HIU1', name: 'Clinic' },
  requester: { name: 'Dr. Manju', identifier: { type: 'REGNO', value: 'MH1001', system: 'https://www.mciindia.org' } },
  cmId: 'sbx',
  terms: { careContexts: [{ patientReference: 'MRN1', careContextReference: 'OP-1' }], hiTypes: ['OPConsultation'], purpose: 'CAREMGT', dateRange: { from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }, dataEraseAt: '2026-06-01T00:00:00Z' },
});
const input = (over: Partial<HiRequestCheckInput> = {}): HiRequestCheckInput => ({
  consentId: 'c-1',
  artefact: { status: 'GRANTED', hiuId: 'HIU1', detail },
  hiuId: 'HIU1',
  dateRange: detail.permission.dateRange,
  keyMaterial,
  nowMs: NOW,
  ...over,
});

describe("checking a HIU's health-information request", () => {
  it('accepts a request inside a granted artefact with usable key material', () => {
    expect(checkHealthInformationRequest(input())).toEqual({ findings: [] });
  });

  it("refuses an artefact that is not the caller's, not granted, or expired, with ABDM-1112", () => {
    expect(checkHealthInformationRequest(input({ artefact: undefined })).error).toMatchObject({ code: 'ABDM-1112', message: expect.stringContaining('no consent artefact c-1 was granted to HIU HIU1') });
    expect(checkHealthInformationRequest(input({ hiuId: 'HIU2' })).findings.map((f) => f.ruleId)).toEqual(['HIU-CONSENT-UNKNOWN']);
    expect(checkHealthInformationRequest(input({ artefact: { status: 'REVOKED', hiuId: 'HIU1', detail } })).error).toMatchObject({ code: 'ABDM-1112', message: expect.stringContaining('is REVOKED') });
    expect(checkHealthInformationRequest(input({ nowMs: Date.parse('2026-06-01T00:00:00Z') })).findings.map((f) => f.ruleId)).toEqual(['HIU-HI-CONSENT-STATE', 'KEYMAT.EXPIRED', 'HIU-HI-KEY-MATERIAL']);
  });

  it("refuses dates outside the artefact's (the patient may have narrowed them) with ABDM-1063", () => {
    const check = checkHealthInformationRequest(input({ dateRange: { from: '2023-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' } }));
    expect(check.error).toMatchObject({ code: 'ABDM-1063', message: expect.stringContaining("use the artefact's permission.dateRange") });
    expect(check.findings.map((f) => f.ruleId)).toEqual(['HIU-HI-RANGE']);
  });

  it('refuses unusable key material with ABDM-1031, naming each problem', () => {
    const bad = { ...keyMaterial, curve: 'P-256', nonce: 'AAAA', dhPublicKey: { ...keyMaterial.dhPublicKey, keyValue: keyMaterial.dhPublicKey.keyValue.slice(4) } };
    const check = checkHealthInformationRequest(input({ keyMaterial: bad }));
    expect(check.error?.code).toBe('ABDM-1031');
    expect(check.findings.map((f) => [f.ruleId, f.path])).toEqual([
      ['KEYMAT.CURVE', 'body.hiRequest.keyMaterial.curve'],
      ['KEYMAT.PUBLIC-KEY', 'body.hiRequest.keyMaterial.dhPublicKey.keyValue'],
      ['KEYMAT.NONCE', 'body.hiRequest.keyMaterial.nonce'],
      ['HIU-HI-KEY-MATERIAL', 'body.hiRequest.keyMaterial'],
    ]);
  });

  it('answers the first refusal and lists every finding when several things are wrong', () => {
    const check = checkHealthInformationRequest(input({ artefact: { status: 'EXPIRED', hiuId: 'HIU1', detail }, dateRange: { from: 'x', to: 'y' } }));
    expect(check.error?.code).toBe('ABDM-1112');
    expect(check.findings.map((f) => f.ruleId)).toEqual(['HIU-HI-CONSENT-STATE', 'HIU-HI-RANGE']);
  });
});
