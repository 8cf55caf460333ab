import { describe, expect, it } from 'vitest';
import { countProblems, entriesPerHiType } from './hi-type-entries.js';

describe('entriesPerHiType', () => {
  it('groups care contexts into one entry per hiType, in ABDM order, with the right count', () => {
    const entries = entriesPerHiType({ referenceNumber: 'MRN1', display: 'Asha K' }, [
      { referenceNumber: 'RX-1', display: 'Prescription 1', hiType: 'Prescription' },
      { referenceNumber: 'OP-1', display: 'OPD 1', hiType: 'OPConsultation' },
      { referenceNumber: 'RX-2', display: 'Prescription 2', hiType: 'Prescription' },
    ]);
    expect(entries).toEqual([
      { referenceNumber: 'MRN1', display: 'Asha K', careContexts: [{ referenceNumber: 'OP-1', display: 'OPD 1' }], hiType: 'OPConsultation', count: 1 },
      { referenceNumber: 'MRN1', display: 'Asha K', careContexts: [{ referenceNumber: 'RX-1', display: 'Prescription 1' }, { referenceNumber: 'RX-2', display: 'Prescription 2' }], hiType: 'Prescription', count: 2 },
    ]);
    expect(entriesPerHiType({ referenceNumber: 'MRN1', display: 'x' }, [{ referenceNumber: 'OP-1', display: 'd', hiType: 'OPConsultation' }], false)).toEqual([
      { referenceNumber: 'MRN1', careContexts: [{ referenceNumber: 'OP-1' }], hiType: 'OPConsultation', count: 1 },
    ]);
  });
});

describe('countProblems', () => {
  it('names each entry whose count is missing or wrong', () => {
    expect(countProblems([{ careContexts: [1, 2], count: 2 }])).toEqual([]);
    expect(countProblems([{ careContexts: [1], count: 1 }, { careContexts: [1, 2], count: 1 }, { careContexts: [] }]).map((p) => p.message)).toEqual([
      'body.patient[1].count is 1 but the entry lists 2 care contexts',
      'body.patient[2].count is missing; it must be the number of care contexts (0)',
    ]);
  });
});
