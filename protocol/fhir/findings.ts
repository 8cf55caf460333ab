// The validator's output: an OperationOutcome-like list. Each finding names a stable rule id (see
// rule-catalogue.ts), its severity, the FHIRPath of the fault and a message that starts with that path.

export type FhirSeverity = 'error' | 'warning';

export interface FhirFinding {
  ruleId: string;
  severity: FhirSeverity;
  /** FHIRPath of the faulty element, e.g. `Bundle.entry[3].resource.subject.reference`. */
  expression: string;
  message: string;
}

/** Counts errors and warnings of a finding list. */
export function countFindings(findings: ReadonlyArray<FhirFinding>): { errors: number; warnings: number } {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors };
}
