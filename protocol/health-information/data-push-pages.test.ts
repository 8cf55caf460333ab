import { describe, expect, it } from 'vitest';
import { checkDataPushSequence } from './data-push-pages.js';

const pages = (numbers: number[], count = 3, transactionId = 't-1') => numbers.map((pageNumber) => ({ transactionId, pageNumber, pageCount: count }));
const messages = (list: ReturnType<typeof pages>) => checkDataPushSequence(list).map((f) => f.message);

describe('checkDataPushSequence', () => {
  it('accepts complete 0-based and 1-based sequences in any order', () => {
    expect(checkDataPushSequence(pages([2, 0, 1]))).toEqual([]);
    expect(checkDataPushSequence(pages([1, 2, 3]))).toEqual([]);
    expect(checkDataPushSequence([])).toEqual([]);
  });

  it('names missing and repeated pages', () => {
    expect(messages(pages([0, 2]))).toEqual(['missing page 1 of 3 (0-based numbering)']);
    expect(messages(pages([3, 3, 1]))).toEqual(['page 3 arrived twice (pushes 0 and 1)', 'missing page 2 of 3 (1-based numbering)']);
  });

  it('spots mixed numbering, and pages that disagree on the transaction or the count', () => {
    expect(messages(pages([0, 1, 3]))).toEqual(['pages 0 and 3 both arrived: numbering mixes 0-based and 1-based for pageCount 3']);
    const mixed = [...pages([0], 2, 't-1'), ...pages([1], 3, 't-2')];
    expect(checkDataPushSequence(mixed).map((f) => [f.ruleId, f.path])).toEqual([
      ['PUSH.PAGE-SEQUENCE', '$[1].transactionId'],
      ['PUSH.PAGE-SEQUENCE', '$[1].pageCount'],
    ]);
  });
});
