import { describe, expect, it } from 'vitest';
import { checkConsentRequest, CONSENT_VALIDATION_CODE, INVALID_DATE, INVALID_PURPOSE_TEXT, INVALID_REF_URI, PURPOSE_CODE_NULL } from './consent-request-check.js';

const NOW = Date.parse('2026-03-01T00:00:00.000Z');
const context = { nowMs: NOW, callerHiuIds: ['HIU_ONE', 'HIU_TWO'] };
const good = () => ({
  purpose: { text: 'Care Management', code: 'CAREMGT', refUri: 'http://terminology.hl7.org/ValueSet/v3-PurposeOfUse' },
  patient: { id: 'asha.k@sbx' },
  hiu: { id: 'HIU_ONE' },
  requester: { name: 'Dr. Manju', identifier: { type: 'REGNO', value: 'MH1001', system: 'https://www.mciindia.org' } },
  hiTypes: ['OPConsultation', 'Prescription'],
  permission: {
    accessMode: 'VIEW',
    dateRange: { from: '2023-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
    dataEraseAt: '2026-06-01T00:00:00.000Z',
    frequency: { unit: 'HOUR', value: 1, repeats: 0 },
  },
});

describe('checking a consent request init (spec §6.2)', () => {
  it('accepts a well-formed request without a word', () => {
    expect(checkConsentRequest(good(), context)).toEqual({ problems: [], warnings: [] });
  });

  it('reports every problem at once, with V3-CM\'s published texts first and the specifics after', () => {
    const c = good() as any;
    c.purpose = { text: 'care management', code: 'CAREMGT' };
    c.permission.dateRange = { from: '2026-02-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
    c.hiTypes = ['OPConsultation', 'XRay'];
    delete c.requester;
    const { problems } = checkConsentRequest(c, context);
    expect(problems.map((p) => [p.ruleId, p.path])).toEqual([
      ['HIU-CONSENT-PURPOSE', 'body.consent.purpose.text'],
      ['HIU-CONSENT-PURPOSE', 'body.consent.purpose.refUri'],
      ['HIU-CONSENT-REQUESTER', 'body.consent.requester'],
      ['HIU-CONSENT-HITYPES', 'body.consent.hiTypes'],
      ['HIU-CONSENT-DATE-RANGE', 'body.consent.permission.dateRange.to'],
    ]);
    expect(problems.every((p) => p.code === CONSENT_VALIDATION_CODE)).toBe(true);
    expect(problems[0].message).toBe(`${INVALID_PURPOSE_TEXT}: the text of CAREMGT is exactly "Care Management", not "care management"`);
    expect(problems[1].message.startsWith(INVALID_REF_URI)).toBe(true);
    expect(problems[3].message).toContain('"XRay" is not among');
    expect(problems[4].message.startsWith(INVALID_DATE)).toBe(true);
  });

  it('refuses a null purpose code and a dataEraseAt in the past', () => {
    const c = good() as any;
    c.purpose.code = null;
    c.permission.dataEraseAt = '2026-02-28T23:59:59.000Z';
    const { problems } = checkConsentRequest(c, context);
    expect(problems.map((p) => p.ruleId)).toEqual(['HIU-CONSENT-PURPOSE', 'HIU-CONSENT-ERASE-AT']);
    expect(problems[0].message.startsWith(PURPOSE_CODE_NULL)).toBe(true);
    expect(problems[1].message).toContain('is not in the future');
  });

  it("refuses a hiu.id that is not the caller's, or not the X-HIU-ID it sent, with ABDM-1040", () => {
    const other = { ...good(), hiu: { id: 'SOMEONE_ELSE' } };
    expect(checkConsentRequest(other, context).problems).toEqual([
      expect.objectContaining({ ruleId: 'HIU-CONSENT-HIU-ID', code: 'ABDM-1040', message: expect.stringContaining('its HIUs: HIU_ONE, HIU_TWO') }),
    ]);
    expect(checkConsentRequest(good(), { ...context, routingHiuId: 'HIU_TWO' }).problems[0]).toMatchObject({ code: 'ABDM-1040', message: expect.stringContaining('not the X-HIU-ID header HIU_TWO') });
    expect(checkConsentRequest({ ...good(), hiu: { id: '-bad id' } }, context).problems[0].message).toContain('Invalid Service ID, it must be Alpha numeric and _ or - in middle');
  });

  it('checks the patient id, the permission and an optional HIP and care-context list', () => {
    const c = good() as any;
    c.patient.id = 'asha.k@ndhm';
    c.hip = { id: 'HIP 1' };
    c.careContexts = [{ patientReference: 'MRN1' }];
    c.permission.accessMode = 'DOWNLOAD';
    c.permission.frequency = { unit: 'FORTNIGHT', value: 0, repeats: -1 };
    const { problems } = checkConsentRequest(c, context);
    expect(problems.map((p) => p.ruleId)).toEqual(['HIU-CONSENT-PATIENT', 'HIU-CONSENT-HIP', 'HIU-CONSENT-HIP', 'HIU-CONSENT-PERMISSION', 'HIU-CONSENT-PERMISSION']);
    expect(problems[0].message).toContain('@ndhm');
    expect(problems[4].message).toContain('unit "FORTNIGHT" is not one of HOUR, DAY, WEEK, MONTH, YEAR; value 0 is not an integer ≥ 1; repeats -1 is not an integer ≥ 0');
  });

  it('only warns about a refUri that is not the HL7 value set (WRAP sends "wrapper" and works)', () => {
    const c = { ...good(), purpose: { ...good().purpose, refUri: 'wrapper' } };
    const check = checkConsentRequest(c, context);
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([expect.objectContaining({ ruleId: 'HIU-CONSENT-REFURI', severity: 'warning', path: 'body.consent.purpose.refUri' })]);
  });

  it('says what the body should be when consent is not an object', () => {
    expect(checkConsentRequest('nope', context).problems[0].message).toContain('{"consent": {purpose, patient, hiu, requester, hiTypes, permission}}');
  });
});
