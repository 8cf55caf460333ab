import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sampleRunLog, sampleRunLogWithError } from '../../tests/support/sample-run-log.js';
import { renderResultsDocument, renderResultsJson, RESULTS_SCHEMA_ID } from './results-document.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/results-schema.json'), 'utf8')) as Record<string, unknown>;
const validate = addFormats(new Ajv({ allErrors: true, strict: true })).compile(schema);

describe('results.json', () => {
  it('follows docs/results-schema.json, for a passing run and for one with a harness error', () => {
    for (const log of [sampleRunLog(), sampleRunLogWithError()]) {
      const doc = renderResultsDocument(log);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(schema.$id).toBe(RESULTS_SCHEMA_ID);
  });

  it('carries the seed, versions, partners and the command that reproduces the run', () => {
    const doc = renderResultsDocument(sampleRunLog());
    expect(doc.run).toMatchObject({ seed: 7, command: 'abdm-sandbox run --suite hip --hip-id IN0000000001 --seed 7 --out out', partners: { hip: { serviceId: 'IN0000000001', clientId: 'SBX_1' } } });
    expect(doc.tool).toEqual({ name: 'abdm-sandbox', version: '0.1.0', node: 'v20.20.0' });
    expect(doc.run.sandbox.version).toBe('0.1.0');
  });

  it('grades as the verdict rules say: a MUST failure fails; SHOULD and expected failures are notes; a stale expectation fails', () => {
    const doc = renderResultsDocument(sampleRunLog());
    expect(doc.verdict.exitCode).toBe(1);
    expect(doc.verdict.reasons).toEqual([
      'HIP.S.02 (MUST) failed: Accepted a forged <token> & answered it',
      'HIP.S.06 passed but is listed as an expected failure ("fixed last week"); remove it from the list',
    ]);
    expect(doc.verdict.notes).toEqual(['HIP.S.03 (SHOULD) failed: did not', 'HIP.S.05 failed as expected: known bug #12']);
    expect(doc.summary).toMatchObject({ total: 6, pass: 2, fail: 3, skip: 1, error: 0, mustFailures: 1, expectedFailures: 1, unexpectedPasses: 1 });
    expect(renderResultsDocument(sampleRunLogWithError()).verdict.exitCode).toBe(3);
  });

  it('matches traffic to tests and lists the rest with a reason', () => {
    const doc = renderResultsDocument(sampleRunLog());
    expect(doc.exchanges.map((e) => [e.id, e.tests])).toEqual([[901, ['HIP.S.02']], [902, ['HIP.S.02']], [903, []]]);
    expect(doc.unmatched).toEqual([{ exchangeId: 903, reason: 'no ABDM operation at POST /api/hiecm/v3/wrong-path (the gateway answered 404); check the path' }]);
    expect(doc.tests.find((t) => t.id === 'HIP.S.02')).toMatchObject({ evidence: [901, 902], exchanges: [901, 902], ownedIds: ['rid-1'] });
  });

  it('is a pure function of the log: the same log renders the same text', () => {
    expect(renderResultsJson(sampleRunLog())).toBe(renderResultsJson(sampleRunLog()));
  });
});
