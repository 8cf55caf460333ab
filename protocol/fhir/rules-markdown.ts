// Renders docs/fhir-rules.md from the rule catalogue and the profile tables, so the documentation is the
// data the validator runs on (a test fails when the committed file differs from this rendering).
import { HI_TYPES } from './hi-types.js';
import { RECORD_PROFILES } from './record-profiles.js';
import { R4_REQUIRED_ELEMENTS } from './required-elements.js';
import { RESOURCE_REQUIREMENTS } from './resource-requirements.js';
import { FHIR_RULES, type FhirRuleLayer } from './rule-catalogue.js';

const LAYER_TITLES: Record<FhirRuleLayer, string> = {
  structure: '1. Structure: HL7 R4 JSON schema (ajv), each resource against its own definition',
  required: '2. Required elements the JSON schema cannot express',
  bundle: '3. Bundle and Composition invariants, reference resolution',
  nrces: '4. NRCeS profiles (IG v6.5.0) and the conformance checklist',
};

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The full text of docs/fhir-rules.md. */
export function renderFhirRulesMarkdown(): string {
  const out: string[] = [
    '# FHIR validation rules',
    '',
    '<!-- Generated from protocol/fhir/rule-catalogue.ts and the profile tables: do not edit by hand.',
    '     Regenerate with: npx tsx bin/abdm-sandbox.ts fhir rules > docs/fhir-rules.md -->',
    '',
    'The sandbox validates every pushed health-record bundle, and the conformance runner reports, with these rules.',
    'Each finding is `{ruleId, severity, expression, message}`; `expression` is the FHIRPath of the faulty element',
    '(e.g. `Bundle.entry[3].resource.subject.reference`) and the message starts with it.',
    'Section numbers (§) refer to `spec/fhir-data-crypto.md`. A bundle with no `error` findings is valid.',
    '',
    'Run it yourself: `abdm-sandbox fhir validate bundle.json [--hi-type OPConsultation] [--json]`.',
    '',
  ];
  for (const layer of Object.keys(LAYER_TITLES) as FhirRuleLayer[]) {
    out.push(`## ${LAYER_TITLES[layer]}`, '', '| Rule | Severity | Requirement | Source |', '|---|---|---|---|');
    for (const r of FHIR_RULES.filter((x) => x.layer === layer)) {
      const req = r.fhirpath ? `${r.requirement}<br>FHIRPath: \`${r.fhirpath}\`` : r.requirement;
      out.push(`| \`${r.id}\` | ${r.severity} | ${cell(req)} | ${cell(r.source)} |`);
    }
    out.push('');
  }

  out.push('## Record types (nrces-comp-*, nrces-sec-*)', '', '| hiType | Composition profile | Type | Encounter | Sections |', '|---|---|---|---|---|');
  for (const hiType of HI_TYPES) {
    const p = RECORD_PROFILES[hiType];
    const type = p.typeCoding ? `SNOMED ${p.typeCoding.code} "${p.typeCoding.display}"` : p.typeValueSet ? 'SNOMED from ndhm-diagnostic-report-type' : `text "${p.typeText}"`;
    const count = p.sectionMax === undefined ? `${p.sectionMin}..*` : `${p.sectionMin}..${p.sectionMax}`;
    const sections = p.sections
      .map((s) => {
        const key = s.code ? `${s.slice} ${s.code.code}` : s.title ? `"${s.title}"` : s.slice;
        const entries = s.entries.map((e) => (e.type ? `${e.type}${e.max === undefined ? '' : ` ≤${e.max}`}` : e.resourceTypes.join('/'))).join(', ');
        return `${key} → ${entries}`;
      })
      .join('; ');
    out.push(`| ${hiType} | ${p.profileId} | ${type} | ${p.encounterRequired ? 'required' : 'optional'} | ${count} by ${p.sectionSlicing}: ${cell(sections)} |`);
  }
  out.push('');

  out.push('## Elements required by R4 beyond the JSON schema (fhir-required)', '', '| Resource | Elements |', '|---|---|');
  for (const [type, paths] of Object.entries(R4_REQUIRED_ELEMENTS)) if (paths.length > 0) out.push(`| ${type} | ${paths.map((p) => `\`${p}\``).join(', ')} |`);
  out.push('| every DomainResource | `text.status` (when `text` is present) |', '| every Extension | `url` |', '');

  out.push('## Elements required by the NRCeS resource profiles', '', '| Rule | Resource | Profile | Element |', '|---|---|---|---|');
  for (const r of RESOURCE_REQUIREMENTS) out.push(`| \`${r.ruleId}\` | ${r.resourceType} | ${r.profile ?? r.resourceType} | \`${r.path}\` |`);
  out.push('');
  return out.join('\n');
}
