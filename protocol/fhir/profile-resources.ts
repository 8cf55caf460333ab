// Layer 4, second half: the NRCeS resource profiles (§1.4) and checklist items 6 and 7 of §1.6: required
// identifiers and names of Patient, Practitioner and Organization, the elements clinical profiles require,
// and the formats of ABHA, HPR and HFR identifiers.
import type { BundleIndex, Json } from './bundle-index.js';
import { entryResourcePath } from './fhir-path.js';
import { collectMissing, compilePresence, elementPath, type ElementPath, type PresenceCheck } from './element-presence.js';
import type { FhirFinding } from './findings.js';
import { isAbhaAddress, isAbhaNumber, isHfrId, isHprId } from './identifier-formats.js';
import { RESOURCE_REQUIREMENTS, requirementProfileUrl, type ResourceRequirement } from './resource-requirements.js';
import { finding } from './rule-catalogue.js';
import { IDENTIFIER_SYSTEM } from './systems.js';

interface CompiledRequirement {
  row: ResourceRequirement;
  path: ElementPath;
}

/** Consecutive rows of one resource type that apply under the same profile (or none), checked together. */
interface RequirementGroup {
  profileUrl?: string;
  rows: CompiledRequirement[];
  /** True when none of the rows has a missing element: a complete resource skips the per-row walk. */
  complete: PresenceCheck;
}

/** Resource type → its requirement groups, in table order. */
const byType = new Map<string, RequirementGroup[]>();
for (const [type, runs] of runsByTypeAndProfile(RESOURCE_REQUIREMENTS)) {
  byType.set(
    type,
    runs.map((rows) => {
      const compiledRows = rows.map((row) => ({ row, path: elementPath(row.path) }));
      return { profileUrl: requirementProfileUrl(rows[0]), rows: compiledRows, complete: compilePresence(compiledRows.map((r) => r.path)) };
    }),
  );
}

/** The rows of each resource type, split where the profile they are limited to changes. */
function runsByTypeAndProfile(table: ReadonlyArray<ResourceRequirement>): Map<string, ResourceRequirement[][]> {
  const runs = new Map<string, ResourceRequirement[][]>();
  for (const row of table) {
    const list = runs.get(row.resourceType) ?? [];
    const last = list[list.length - 1];
    if (last && last[0].profile === row.profile) last.push(row);
    else list.push([row]);
    runs.set(row.resourceType, list);
  }
  return runs;
}

// Reused scratch list: validation is synchronous, so one buffer serves every call.
const missing: string[] = [];

const ABHA_SYSTEMS = new Set<string>([IDENTIFIER_SYSTEM.abha, IDENTIFIER_SYSTEM.abhaAlternate]);

/** Checks every entry resource against the NRCeS resource requirements and identifier formats. */
export function checkResourceProfiles(index: BundleIndex, out: FhirFinding[]): void {
  for (const entry of index.entries) {
    const resource = entry.resource;
    const type = entry.resourceType;
    if (!resource || !type) continue;
    const at = entryResourcePath(entry.index);
    const groups = byType.get(type);
    if (groups) {
      let profiles: ReadonlyArray<unknown> | undefined;
      for (const group of groups) {
        if (group.profileUrl !== undefined && !(profiles ??= profilesOf(resource)).includes(group.profileUrl)) continue;
        if (group.complete(resource)) continue;
        for (const req of group.rows) {
          if (missing.length !== 0) missing.length = 0;
          collectMissing(resource, req.path, at, missing);
          for (const expression of missing) out.push(finding(req.row.ruleId, expression, `the NRCeS ${req.row.profile ?? type} profile requires ${type}.${req.row.path}`));
        }
      }
    }
    if (type === 'Patient' || type === 'Practitioner' || type === 'Organization') checkIdentifierFormats(resource, type, at, out);
  }
}

function profilesOf(resource: Json): ReadonlyArray<unknown> {
  const meta = resource.meta;
  const profile = meta !== null && typeof meta === 'object' ? (meta as Json).profile : undefined;
  return Array.isArray(profile) ? profile : [];
}

function checkIdentifierFormats(resource: Json, type: string, at: string, out: FhirFinding[]): void {
  const identifiers = resource.identifier;
  if (!Array.isArray(identifiers)) return;
  for (let i = 0; i < identifiers.length; i++) {
    const id: unknown = identifiers[i];
    if (id === null || typeof id !== 'object') continue;
    const { system, value } = id as Json;
    if (typeof system !== 'string' || typeof value !== 'string') continue;
    const where = (): string => `${at}.identifier[${i}].value`;
    if (type === 'Patient' && ABHA_SYSTEMS.has(system)) {
      const ok = value.includes('@') ? isAbhaAddress(value) : isAbhaNumber(value);
      if (!ok) out.push(finding('nrces-pat-03', where(), `'${value}' is neither a Luhn-valid 14-digit ABHA number nor an ABHA address`));
    } else if (type === 'Practitioner' && system === IDENTIFIER_SYSTEM.hpr && !isHprId(value)) {
      out.push(finding('nrces-prac-03', where(), `'${value}' is not a 14-digit HPR id or an @hpr.abdm address`));
    } else if (type === 'Organization' && system === IDENTIFIER_SYSTEM.hfr && !isHfrId(value)) {
      out.push(finding('nrces-org-03', where(), `'${value}' is not an HFR id (IN followed by 10 digits)`));
    }
  }
}
