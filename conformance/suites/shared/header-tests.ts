// Header tests, the same for HIPs and HIUs (spec §2.4, §3.3, §12.2 #2): graded at the end of the run over
// every call the partner made during it, from the journal. The gateway's near-miss findings become warnings.
import { DEFAULT_TIMESTAMP_WINDOW, WIRE_NAME } from '../../../protocol/headers.js';
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import { someLines } from '../../checks/exchange-line.js';
import {
  gradeAuthorization,
  gradeCmId,
  gradeRequestIdFormat,
  gradeRequestIdReuse,
  gradeRoutingHeader,
  gradeTimestamp,
  type HeaderGrade,
} from '../../checks/header-checks.js';
import type { TestContext } from '../../dsl/test-context.js';
import { defineGroup, defineTest, type GroupDefinition, type RequirementLevel } from '../../dsl/test-definition.js';
import type { RoleProfile } from './role-profile.js';

interface HeaderRule {
  n: number;
  title: string;
  description: string;
  ruleId: string;
  spec: string[];
  level?: RequirementLevel;
  /** What the calls the rule applies to are, for the skip message. */
  applies: string;
  grade(calls: ReadonlyArray<Exchange>, ctx: TestContext): HeaderGrade;
  /** Gateway findings (near misses) that become warnings of this test. */
  findings?: string[];
}

/** Grades one rule over the partner's calls of the run. */
async function gradeRule(ctx: TestContext, rule: HeaderRule): Promise<void> {
  const calls = await ctx.partnerExchanges({ direction: 'inbound' });
  const grade = rule.grade(calls, ctx);
  if (grade.graded === 0) ctx.skip(`The partner made no ${rule.applies} during the run`);
  const bad = grade.violations;
  ctx.check(
    rule.ruleId,
    bad.length === 0,
    bad.length === 0 ? `All ${grade.graded} ${rule.applies} of the run comply` : `${bad.length} of ${grade.graded} ${rule.applies} break the rule: ${someLines(bad.map((v) => v.message), 4)}`,
    bad.map((v) => v.exchangeId),
  );
  if (rule.findings) ctx.checkFindings(calls, { ruleIds: rule.findings });
}

/** The HEADERS group for a role. */
export function headerGroup(p: RoleProfile): GroupDefinition {
  const group = `${p.prefix}.HEADERS`;
  const routing = WIRE_NAME[p.routingHeader];
  const rules: HeaderRule[] = [
    {
      n: 1,
      title: 'Sends a UUID REQUEST-ID on every call',
      description: 'Every v3 call carries a REQUEST-ID header holding a UUID (the gateway refuses others with ABDM-1032 or ABDM-2404).',
      ruleId: 'hdr-request-id-uuid',
      spec: ['abdm-api.md §2.4', 'abdm-api.md §3.3', 'abdm-api.md §12.2 #2'],
      applies: 'calls needing the standard headers',
      grade: (calls) => gradeRequestIdFormat(calls),
    },
    {
      n: 2,
      title: 'Never reuses a REQUEST-ID',
      description: 'A new REQUEST-ID for every call, retries included: the gateway refuses a repeated one with ABDM-1064, and the partner then loses the call.',
      ruleId: 'hdr-request-id-fresh',
      spec: ['abdm-api.md §2.4', 'abdm-api.md §3.3', 'abdm-api.md §12.2 #2'],
      applies: 'calls with a REQUEST-ID',
      grade: (calls) => gradeRequestIdReuse(calls),
    },
    {
      n: 3,
      title: 'Sends the current time as TIMESTAMP, in ISO-8601 UTC',
      description:
        "TIMESTAMP is an ISO-8601 date-time with a zone, inside the gateway's window (1 minute behind to 9 minutes ahead). The exact ABDM form is UTC with milliseconds and Z; other accepted forms are warnings.",
      ruleId: 'hdr-timestamp',
      spec: ['abdm-api.md §2.4', 'abdm-api.md §3.2', 'abdm-api.md §12.2 #2'],
      applies: 'calls needing the standard headers',
      grade: (calls) => gradeTimestamp(calls, DEFAULT_TIMESTAMP_WINDOW),
      findings: ['hdr-timestamp-format'],
    },
    {
      n: 4,
      title: 'Sends X-CM-ID: sbx on every call',
      description: "Every v3 call names the consent manager in X-CM-ID: `sbx` in the sandbox (`abdm` is production).",
      ruleId: 'hdr-cm-id',
      spec: ['abdm-api.md §1', 'abdm-api.md §2.4', 'abdm-api.md §12.2 #2'],
      applies: 'calls needing the standard headers',
      grade: (calls, ctx) => gradeCmId(calls, ctx.sandbox.cmId),
    },
    {
      n: 5,
      title: `Sends ${routing} where the operation requires it, naming its own ${p.prefix}`,
      description: `Operations that route by ${routing} carry it, and it names one of the partner's own services (the gateway refuses others).`,
      ruleId: `hdr-${p.routingHeader}`,
      spec: ['abdm-api.md §2.4', 'abdm-api.md §12.2 #2'],
      applies: `calls that need or carry ${routing}`,
      grade: (calls) => gradeRoutingHeader(calls, p.routingHeader),
    },
    {
      n: 6,
      title: 'Sends Authorization: Bearer with its session token',
      description: 'Every call that needs a session carries `Authorization: Bearer <accessToken>` with a token the gateway issued to this client.',
      ruleId: 'hdr-authorization',
      spec: ['abdm-api.md §2.1', 'abdm-api.md §2.4'],
      applies: 'calls needing a session token',
      grade: (calls) => gradeAuthorization(calls),
    },
  ];
  return defineGroup(
    group,
    'Standard headers on every call',
    rules.map((rule) =>
      defineTest({
        id: `${group}.0${rule.n}`,
        title: rule.title,
        description: `${rule.description} Graded over every call the partner made during the run.`,
        milestone: p.milestone,
        level: rule.level ?? 'MUST',
        spec: rule.spec,
        tags: ['headers', 'gateway-core'],
        phase: 'review',
        run: (ctx) => gradeRule(ctx, rule),
      }),
    ),
  );
}
