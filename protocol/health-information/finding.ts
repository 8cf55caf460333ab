// A finding: one thing a check noticed about a partner's payload, with a stable rule id that reports and
// conformance tests can key on, and the JSON path of the offending field.

export type Severity = 'error' | 'warning';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** JSONPath of the field in the checked payload, e.g. `$.entries[2].content`. */
  path?: string;
}

/** True when any finding is an error (warnings alone do not fail a payload). */
export function hasErrors(findings: ReadonlyArray<Finding>): boolean {
  return findings.some((f) => f.severity === 'error');
}
