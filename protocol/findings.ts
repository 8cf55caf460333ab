// A finding: one rule a partner's message broke (or nearly broke). The gateway, the Fidelius checks and the
// FHIR validator all speak this shape, and the conformance runner grades by rule id.

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable id, e.g. `hdr-timestamp-format`; reports and CI gates key on it. */
  ruleId: string;
  severity: FindingSeverity;
  message: string;
  /** Where in the message: a JSON path (`body.patient[0].count`) or a header name. */
  path?: string;
}

/** True when any finding is an error (warnings alone do not fail a message). */
export function hasErrors(findings: ReadonlyArray<Finding>): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** A rule of a catalogue (HIP flows, HIU flows, health information): its severity, where it comes from, what it asks. */
export interface RuleSpec {
  readonly severity: FindingSeverity;
  /** Where the rule comes from. */
  readonly spec: string;
  readonly summary: string;
}

/** A finding for `ruleId` of the catalogue `rules`, with the rule's severity (it belongs to the rule, not the call site). */
export function ruleFinding<R extends Readonly<Record<string, RuleSpec>>>(rules: R, ruleId: keyof R & string, message: string, path?: string): Finding {
  const out: Finding = { ruleId, severity: rules[ruleId].severity, message };
  if (path !== undefined) out.path = path;
  return out;
}
