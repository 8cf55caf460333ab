// Session tests, the same for HIPs and HIUs (spec §2.1, §12.2 #1): the partner obtains a session token, and
// keeps every call on a valid token by refreshing before `expiresIn`.
import { issuedSessions, gradeSessionRefresh } from '../../checks/session-checks.js';
import { exchangeLine, someLines } from '../../checks/exchange-line.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup, defineTest, type GroupDefinition } from '../../dsl/test-definition.js';
import type { RoleProfile } from './role-profile.js';

const SESSIONS = '/api/hiecm/gateway/v3/sessions';

/** The SESSION group for a role. */
export function sessionGroup(p: RoleProfile): GroupDefinition {
  const group = `${p.prefix}.SESSION`;
  return defineGroup(group, 'Gateway session', [
    defineTest({
      id: `${group}.01`,
      title: 'Obtains a gateway session token with its client credentials',
      description: `The ${p.prefix} calls POST ${SESSIONS} with its clientId, clientSecret and grantType client_credentials, and gets a token. The test waits for it while the partner starts.`,
      milestone: p.milestone,
      level: 'MUST',
      spec: ['abdm-api.md §2.1', 'abdm-api.md §12.2 #1'],
      tags: ['session', 'gateway-core'],
      phase: 'startup',
      async run(ctx: TestContext) {
        const sessionCalls = async () => (await ctx.partnerExchanges({ operationId: 'gateway.sessions', sinceRunStart: false })).filter((e) => e.direction === 'inbound');
        let calls = await sessionCalls();
        if (issuedSessions(calls).length === 0) {
          ctx.info(`Waiting up to ${ctx.startupTimeoutMs / 1000} s for client ${ctx.partner.clientId} to get a session`);
          await ctx.expect('session.created', {
            correlation: ctx.partner.clientId,
            timeoutMs: ctx.startupTimeoutMs,
            ruleId: 'session-obtained',
            description: `session for client ${ctx.partner.clientId} (POST ${SESSIONS})`,
          });
          calls = await sessionCalls();
        }
        const issued = issuedSessions(calls);
        const refused = calls.filter((e) => e.status !== 200);
        if (refused.length > 0) ctx.warn(`${refused.length} session request(s) were refused: ${someLines(refused.map(exchangeLine), 3)}`, refused.slice(-5));
        const latest = issued[issued.length - 1];
        ctx.check('session-obtained', latest !== undefined, latest ? `Client ${ctx.partner.clientId} obtained a session token: ${exchangeLine(latest.exchange)}` : `Client ${ctx.partner.clientId} obtained no session token`, latest?.exchange);
      },
    }),
    defineTest({
      id: `${group}.02`,
      title: 'Refreshes the session before the token expires',
      description:
        'Every call of the run carries a token that was still valid: the partner gets a new session (or refreshes) before `expiresIn` runs out, rather than waiting for a 401. Only observable in a run that outlives a token (1200 s); shorter runs skip it.',
      milestone: p.milestone,
      level: 'SHOULD',
      spec: ['abdm-api.md §2.1', 'abdm-api.md §12.2 #1'],
      tags: ['session', 'gateway-core'],
      phase: 'review',
      async run(ctx: TestContext) {
        // Sessions from before the run too (to map tokens to them); calls of this run only.
        const sessions = await ctx.partnerExchanges({ operationId: 'gateway.sessions', sinceRunStart: false });
        const byId = new Map([...sessions, ...(await ctx.partnerExchanges({ direction: 'inbound' }))].map((e) => [e.id, e]));
        const calls = [...byId.values()].filter((e) => e.direction === 'inbound');
        const grade = gradeSessionRefresh(calls, ctx.runStartedAt, ctx.now());
        if (!grade.observable) ctx.skip(`Refresh is not observable in this run: ${grade.reason}`);
        ctx.check(
          'session-refreshed-before-expiry',
          grade.violations.length === 0,
          grade.violations.length === 0
            ? `Every call carried a valid token across ${grade.sessions.length} session(s)`
            : `${grade.violations.length} call(s) carried an expired token: ${someLines(grade.violations.map((v) => v.message), 3)}`,
          grade.violations.length > 0 ? grade.violations.map((v) => v.exchangeId) : grade.sessions.map((s) => s.exchange),
        );
      },
    }),
  ]);
}
