// Page numbering of data pushes (spec §8.5 item 9). WRAP numbers pages from 0; the spec does not say, so both
// 0-based and 1-based sequences are accepted as long as one transaction is consistent.
import type { Finding } from './finding.js';
import { finding } from './health-information-rules.js';

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** Checks one page's pageNumber and pageCount on their own; `path` is the page's JSONPath. */
export function checkPageNumbers(page: { pageNumber?: unknown; pageCount?: unknown }, path = '$'): Finding[] {
  const findings: Finding[] = [];
  if (!isCount(page.pageCount)) {
    findings.push(finding('PUSH.PAGE-NUMBERS', `pageCount is ${JSON.stringify(page.pageCount)}; expected an integer ≥ 1`, `${path}.pageCount`));
  }
  const n = page.pageNumber;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    findings.push(finding('PUSH.PAGE-NUMBERS', `pageNumber is ${JSON.stringify(n)}; expected an integer ≥ 0`, `${path}.pageNumber`));
  } else if (isCount(page.pageCount) && n > page.pageCount) {
    findings.push(
      finding('PUSH.PAGE-NUMBERS', `pageNumber ${n} is beyond pageCount ${page.pageCount} (pages are numbered 0…${page.pageCount - 1} or 1…${page.pageCount})`, `${path}.pageNumber`),
    );
  }
  return findings;
}

/**
 * Checks the pages received for one transfer, in arrival order: one transactionId, one pageCount, no page twice,
 * one numbering base, and (call this when the transfer is over) no page missing.
 */
export function checkDataPushSequence(pages: ReadonlyArray<{ transactionId?: unknown; pageNumber?: unknown; pageCount?: unknown }>): Finding[] {
  const findings: Finding[] = [];
  if (pages.length === 0) return findings;
  const first = pages[0];
  pages.forEach((page, i) => {
    if (page.transactionId !== first.transactionId) {
      findings.push(
        finding('PUSH.PAGE-SEQUENCE', `push ${i} has transactionId ${JSON.stringify(page.transactionId)}, push 0 has ${JSON.stringify(first.transactionId)}`, `$[${i}].transactionId`),
      );
    }
    if (page.pageCount !== first.pageCount) {
      findings.push(finding('PUSH.PAGE-SEQUENCE', `push ${i} says pageCount ${JSON.stringify(page.pageCount)}, push 0 said ${JSON.stringify(first.pageCount)}`, `$[${i}].pageCount`));
    }
  });
  if (!isCount(first.pageCount)) return findings;
  const count = first.pageCount;

  const seen = new Map<number, number>();
  pages.forEach((page, i) => {
    if (typeof page.pageNumber !== 'number' || !Number.isInteger(page.pageNumber)) return;
    const earlier = seen.get(page.pageNumber);
    if (earlier !== undefined) {
      findings.push(finding('PUSH.PAGE-SEQUENCE', `page ${page.pageNumber} arrived twice (pushes ${earlier} and ${i})`, `$[${i}].pageNumber`));
    } else {
      seen.set(page.pageNumber, i);
    }
  });
  const numbers = [...seen.keys()];
  if (numbers.includes(0) && numbers.includes(count)) {
    findings.push(finding('PUSH.PAGE-SEQUENCE', `pages 0 and ${count} both arrived: numbering mixes 0-based and 1-based for pageCount ${count}`));
    return findings;
  }
  // Without page 0 or page `count` the base is ambiguous; assume WRAP's 0-based numbering.
  const base = numbers.includes(count) ? 1 : 0;
  const missing = Array.from({ length: count }, (_, i) => base + i).filter((n) => !seen.has(n));
  if (missing.length > 0) {
    const basis = base === 1 ? '1-based' : '0-based';
    findings.push(finding('PUSH.PAGE-SEQUENCE', `missing page${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} (${basis} numbering)`));
  }
  return findings;
}
