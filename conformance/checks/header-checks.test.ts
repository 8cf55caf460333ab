import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMESTAMP_WINDOW } from '../../protocol/headers.js';
import { partnerCall } from '../../tests/support/exchange-factory.js';
import { gradeAuthorization, gradeCmId, gradeRequestIdFormat, gradeRequestIdReuse, gradeRoutingHeader, gradeTimestamp } from './header-checks.js';

const ids = (g: { violations: Array<{ exchangeId: number }> }) => g.violations.map((v) => v.exchangeId);

describe('REQUEST-ID', () => {
  it('flags a missing or non-UUID REQUEST-ID; calls to unknown paths and outbound calls are not graded', () => {
    const good = partnerCall();
    const missing = partnerCall({ headers: { 'request-id': undefined } });
    const notUuid = partnerCall({ headers: { 'request-id': 'req-42' } });
    const unknownPath = partnerCall({ operationId: undefined, headers: { 'request-id': 'x' } });
    const outbound = partnerCall({ direction: 'outbound', operationId: 'hip.discover' });
    const grade = gradeRequestIdFormat([good, missing, notUuid, unknownPath, outbound]);
    expect(grade.graded).toBe(3);
    expect(ids(grade)).toEqual([missing.id, notUuid.id]);
    expect(grade.violations[1].message).toContain('REQUEST-ID "req-42" is not a UUID');
  });

  it('flags every reuse after the first use, and a repeat the gateway refused against an older call', () => {
    const first = partnerCall();
    const again = partnerCall({ headers: { 'request-id': first.requestHeaders['request-id'] } });
    const refused = partnerCall({ status: 400, errorCode: 'ABDM-1064', errorMessage: 'request with this request id already exists: ...' });
    const noBody = partnerCall({ status: 400, errorCode: 'ABDM-1064', errorMessage: 'Request body was missing' });
    const grade = gradeRequestIdReuse([again, first, refused, noBody]);
    expect(ids(grade)).toEqual([again.id, refused.id]);
    expect(grade.violations[0].message).toContain(`reuses REQUEST-ID ${first.requestHeaders['request-id']} of #${first.id}`);
  });
});

describe('TIMESTAMP', () => {
  it('flags missing, malformed, zone-less and out-of-window timestamps; accepts an offset form (a finding warns of it)', () => {
    const at = '2026-01-31T10:00:00.000Z';
    const calls = [
      partnerCall({ startedAt: at }),
      partnerCall({ startedAt: at, headers: { timestamp: undefined } }),
      partnerCall({ startedAt: at, headers: { timestamp: '31/01/2026 10:00' } }),
      partnerCall({ startedAt: at, headers: { timestamp: '2026-01-31T10:00:00.000' } }),
      partnerCall({ startedAt: at, headers: { timestamp: '2026-01-31T09:58:00.000Z' } }),
      partnerCall({ startedAt: at, headers: { timestamp: '2026-01-31T15:30:00+05:30' } }),
    ];
    const grade = gradeTimestamp(calls, DEFAULT_TIMESTAMP_WINDOW);
    expect(grade.graded).toBe(6);
    expect(ids(grade)).toEqual([calls[1].id, calls[2].id, calls[3].id, calls[4].id]);
    expect(grade.violations[2].message).toContain('has no time zone');
    expect(grade.violations[3].message).toContain('TIMESTAMP is 2 min behind the gateway clock');
  });
});

describe('X-CM-ID, routing headers and Authorization', () => {
  it('X-CM-ID must be the sandbox consent manager', () => {
    const calls = [partnerCall(), partnerCall({ headers: { 'x-cm-id': undefined } }), partnerCall({ headers: { 'x-cm-id': 'abdm' } })];
    const grade = gradeCmId(calls, 'sbx');
    expect(ids(grade)).toEqual([calls[1].id, calls[2].id]);
    expect(grade.violations[1].message).toContain('X-CM-ID is "abdm", not "sbx"');
  });

  it('X-HIP-ID is graded where sent or required, and a gateway refusal of it is a violation', () => {
    const without = partnerCall();
    const own = partnerCall({ headers: { 'x-hip-id': 'IN1' } });
    const foreign = partnerCall({ headers: { 'x-hip-id': 'IN2' }, status: 400, errorCode: 'ABDM-1035', errorMessage: 'Invalid HIP ID: not yours' });
    const grade = gradeRoutingHeader([without, own, foreign], 'x-hip-id');
    expect(grade.graded).toBe(2);
    expect(ids(grade)).toEqual([foreign.id]);
    expect(gradeRoutingHeader([without], 'x-hip-id').graded).toBe(0);
  });

  it('Authorization must be Bearer; a refused token is a violation unless it merely expired', () => {
    const calls = [
      partnerCall(),
      partnerCall({ headers: { authorization: undefined } }),
      partnerCall({ headers: { authorization: '[redacted sha256:bbbbbbbb]' } }),
      partnerCall({ status: 401, errorCode: '900901', errorMessage: "the access token's signature does not verify" }),
      partnerCall({ status: 401, errorCode: '900901', errorMessage: 'the access token expired at ...' }),
      partnerCall({ operationId: 'gateway.sessions', headers: { authorization: undefined } }),
    ];
    const grade = gradeAuthorization(calls);
    expect(grade.graded).toBe(5);
    expect(ids(grade)).toEqual([calls[1].id, calls[2].id, calls[3].id]);
  });
});
