// What the ABHA suite grades: the partner's ABHA calls of the run, read from the journal by its client id, with
// their bodies parsed, and the one grading pattern most of its tests share (the sandbox's findings on those calls).
import type { Exchange } from '../../../sandbox-server/journal/exchange.js';
import { exchangeLine, someLines } from '../../checks/exchange-line.js';
import type { TestContext } from '../../dsl/test-context.js';

/** Operation ids of the ABHA service: v3 (`abha.*`), ABHA addresses (`phr.*`) and the legacy layer (`legacy.*`). */
export const isAbhaOperation = (operationId: string | undefined): boolean => /^(abha|phr|legacy)\./.test(operationId ?? '');

/** The partner's ABHA calls since the run started, in journal order. */
export async function abhaCalls(ctx: TestContext): Promise<Exchange[]> {
  const calls = await ctx.partnerExchanges({ direction: 'inbound' });
  return calls.filter((e) => isAbhaOperation(e.operationId));
}

/** A JSON body as an object (redacted fields keep their place); undefined when it is not JSON. */
export function jsonOf(text: string | undefined): any {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const ok = (e: Exchange): boolean => e.status === 200;

/** The transaction an ABHA call belongs to: the txnId it sent, else the one it was answered with. */
export function txnIdOf(e: Exchange): string | undefined {
  const sent = jsonOf(e.requestBody);
  const id = sent?.txnId ?? sent?.authData?.otp?.txnId ?? e.requestHeaders.transaction_id ?? e.requestHeaders['transaction-id'];
  if (typeof id === 'string' && id !== '') return id;
  const answered = jsonOf(e.responseBody);
  const first = Array.isArray(answered) ? answered[0] : answered;
  return typeof first?.txnId === 'string' && first.txnId !== '' ? first.txnId : undefined;
}

export interface RuleGrade {
  /** The calls the rule applies to. */
  calls: ReadonlyArray<Exchange>;
  /** Finding rule ids that break the rule, whatever severity the sandbox gave them. */
  ruleIds: (ruleId: string) => boolean;
  /** The check recorded when no call breaks it. */
  passRule: string;
  /** What the calls are, in words ("ABHA calls with encrypted fields"). */
  applies: string;
}

/**
 * Fails once per broken finding rule, citing the calls, or passes with one check; skips when the run had no call
 * the rule applies to. The sandbox's findings are the evidence, so the suite and the journal agree.
 */
export function gradeByFindings(ctx: TestContext, grade: RuleGrade): void {
  if (grade.calls.length === 0) ctx.skip(`The client made no ${grade.applies} during the run`);
  const broken = new Map<string, Exchange[]>();
  const messages = new Map<string, string[]>();
  for (const e of grade.calls) {
    for (const f of e.findings) {
      if (!grade.ruleIds(f.ruleId)) continue;
      if (!broken.has(f.ruleId)) broken.set(f.ruleId, []);
      broken.get(f.ruleId)!.push(e);
      messages.set(f.ruleId, [...(messages.get(f.ruleId) ?? []), `${exchangeLine(e)}: ${f.message}`]);
    }
  }
  for (const [ruleId, calls] of broken) {
    ctx.check(ruleId, false, `${calls.length} of ${grade.calls.length} ${grade.applies} break it: ${someLines(messages.get(ruleId)!, 4)}`, calls);
  }
  if (broken.size === 0) ctx.check(grade.passRule, true, `All ${grade.calls.length} ${grade.applies} of the run comply`);
}
