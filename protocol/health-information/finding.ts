// Health-information checks report the project-wide Finding (protocol/findings.ts); paths here are JSONPaths
// into the checked payload, e.g. `$.entries[2].content`.
export { hasErrors, type Finding, type FindingSeverity as Severity } from '../findings.js';
