import { describe, expect, it } from 'vitest';
import { partnerCall } from '../../tests/support/exchange-factory.js';
import { matchTraffic } from './traffic-matching.js';

describe('traffic matching', () => {
  it('matches by owned ABDM ids or cited evidence, to every test that claims the exchange', () => {
    const answer = partnerCall({ correlationIds: ['rid-1', 'tx-1'] });
    const cited = partnerCall({ operationId: 'gateway.sessions' });
    const m = matchTraffic([answer, cited], [
      { testId: 'A', owned: new Set(['rid-1']), evidence: new Set() },
      { testId: 'B', owned: new Set(['tx-1']), evidence: new Set([cited.id]) },
    ]);
    expect(m.byExchange.get(answer.id)).toEqual(['A', 'B']);
    expect(m.byExchange.get(cited.id)).toEqual(['B']);
    expect(m.unmatched).toEqual([]);
  });

  it('lists what matches no test with a reason a partner developer can act on', () => {
    const reasons = (e: ReturnType<typeof partnerCall>) => matchTraffic([e], []).unmatched[0].reason;
    expect(reasons(partnerCall({ operationId: undefined, url: '/api/hiecm/v3/on-discover', status: 404 }))).toBe('no ABDM operation at POST /api/hiecm/v3/on-discover (the gateway answered 404); check the path');
    expect(reasons(partnerCall({ status: 400, errorCode: 'ABDM-2500', errorMessage: 'No mapping found for: response.requestId x' }))).toContain('answers a REQUEST-ID the gateway never sent to this partner');
    expect(reasons(partnerCall({ answers: 17, correlationIds: ['rid-9'] }))).toBe('answers gateway call #17, which no test of this run made');
    expect(reasons(partnerCall({ operationId: 'gateway.bridge-url' }))).toContain('housekeeping');
    expect(reasons(partnerCall({ direction: 'outbound', operationId: 'hip.discover' }))).toContain('outside any test');
    expect(reasons(partnerCall({ correlationIds: ['tx-7'] }))).toBe('carries ABDM ids (tx-7) that no test of this run owns');
  });
});
