import { describe, expect, it } from 'vitest';
import { partnerCall, sessionCall } from '../../tests/support/exchange-factory.js';
import { gradeSessionRefresh, issuedSessions } from './session-checks.js';

const T0 = Date.parse('2026-01-31T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const withToken = (token: string, seconds: number, extra: Parameters<typeof partnerCall>[0] = {}) => partnerCall({ startedAt: at(seconds), headers: { authorization: `Bearer ${token}` }, ...extra });

describe('session refresh', () => {
  it('reads the sessions the gateway issued, by token fingerprint', () => {
    const s = issuedSessions([sessionCall('[redacted sha256:11111111]', at(0)), partnerCall()]);
    expect(s).toEqual([expect.objectContaining({ token: '[redacted sha256:11111111]', issuedAtMs: T0, expiresAtMs: T0 + 1_200_000 })]);
  });

  it('is not observable in a run shorter than a token lives, and says so', () => {
    const grade = gradeSessionRefresh([sessionCall('[redacted sha256:11111111]', at(0)), withToken('[redacted sha256:11111111]', 30)], T0, T0 + 60_000);
    expect(grade).toMatchObject({ observable: false, violations: [] });
    expect(grade.reason).toContain('valid until 1140 s after the run ended (a token lives 1200 s)');
  });

  it('passes a long run in which the partner refreshed before the first token expired', () => {
    const exchanges = [
      sessionCall('[redacted sha256:11111111]', at(0)),
      withToken('[redacted sha256:11111111]', 600),
      sessionCall('[redacted sha256:22222222]', at(1140)),
      withToken('[redacted sha256:22222222]', 1500),
    ];
    expect(gradeSessionRefresh(exchanges, T0, T0 + 1_800_000)).toMatchObject({ observable: true, violations: [] });
  });

  it('fails a call made with a token after it expired, and a 401 for an expired token', () => {
    const late = withToken('[redacted sha256:11111111]', 1300);
    const refused = withToken('[redacted sha256:99999999]', 1400, { status: 401, errorMessage: 'Invalid Credentials: the access token expired at ...' });
    const grade = gradeSessionRefresh([sessionCall('[redacted sha256:11111111]', at(0)), late, refused], T0, T0 + 1_500_000);
    expect(grade.observable).toBe(true);
    expect(grade.violations.map((v) => v.exchangeId)).toEqual([late.id, refused.id]);
    expect(grade.violations[0].message).toContain('100 s after it expired');
  });

  it('ignores calls from before the run, but uses sessions from before it to map tokens', () => {
    const old = withToken('[redacted sha256:11111111]', 5000);
    const inRun = withToken('[redacted sha256:11111111]', 7300);
    const grade = gradeSessionRefresh([sessionCall('[redacted sha256:11111111]', at(0)), old, inRun], T0 + 7_200_000, T0 + 7_400_000);
    expect(grade.violations.map((v) => v.exchangeId)).toEqual([inRun.id]);
  });
});
