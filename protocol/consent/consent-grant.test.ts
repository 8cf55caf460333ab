import { describe, expect, it } from 'vitest';
import { narrowGrant } from './consent-grant.js';

const asked = {
  hiTypes: ['OPConsultation', 'Prescription', 'DiagnosticReport'] as const,
  dateRange: { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
  dataEraseAt: '2026-06-01T00:00:00Z',
};

describe('what a patient grants', () => {
  it('is what was asked when the patient narrows nothing, dates written as ISO UTC', () => {
    expect(narrowGrant({ ...asked, hiTypes: [...asked.hiTypes] })).toEqual({
      hiTypes: ['OPConsultation', 'Prescription', 'DiagnosticReport'],
      dateRange: { from: '2020-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
      dataEraseAt: '2026-06-01T00:00:00.000Z',
    });
  });

  it('narrows hiTypes, dates and expiry, never widening any of them', () => {
    const granted = narrowGrant({ ...asked, hiTypes: [...asked.hiTypes] }, {
      hiTypes: ['Prescription', 'Invoice'],
      dateRange: { from: '2019-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' },
      dataEraseAt: '2027-01-01T00:00:00Z',
    });
    expect(granted).toEqual({ hiTypes: ['Prescription'], dateRange: { from: '2020-01-01T00:00:00.000Z', to: '2023-01-01T00:00:00.000Z' }, dataEraseAt: '2026-06-01T00:00:00.000Z' });
    expect(narrowGrant({ ...asked, hiTypes: [...asked.hiTypes] }, { dataEraseAt: '2026-03-01T00:00:00Z' })).toMatchObject({ dataEraseAt: '2026-03-01T00:00:00.000Z' });
  });

  it('says why nothing can be granted when the choices leave nothing of the request', () => {
    expect(narrowGrant({ ...asked, hiTypes: [...asked.hiTypes] }, { hiTypes: ['Invoice'] })).toEqual({ refused: expect.stringContaining('none of the hiTypes the patient would share (Invoice)') });
    expect(narrowGrant({ ...asked, hiTypes: [...asked.hiTypes] }, { dateRange: { from: '2010-01-01T00:00:00Z', to: '2011-01-01T00:00:00Z' } })).toEqual({ refused: expect.stringContaining('do not overlap') });
  });
});
