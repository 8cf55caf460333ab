// What the R4 schema walk collects, judged: references that do not resolve inside the bundle, SNOMED codes
// under a look-alike system URI, and subject/patient references to a Patient other than the Composition's.
// The structure layer gathers the references and codings while Ajv walks each resource, so nothing is walked twice.
import type { BundleIndex, IndexedEntry, Json } from './bundle-index.js';
import { joinPath, pointerSegments, valueAt } from './fhir-path.js';
import type { FhirFinding } from './findings.js';
import { finding } from './rule-catalogue.js';
import type { StructureWalk } from './structure-validators.js';
import { NON_CANONICAL_SNOMED_SYSTEMS } from './systems.js';

/** The look-alike SNOMED systems the walk watches for. */
export const LOOKALIKE_SNOMED_SYSTEMS: ReadonlySet<string> = new Set(NON_CANONICAL_SNOMED_SYSTEMS);

/** A fresh, empty walk to pass to the structure layer. */
export function newStructureWalk(): StructureWalk {
  return { refs: [], lookalikeCodings: [], lookalikeSystems: LOOKALIKE_SNOMED_SYSTEMS };
}

/** Judges what one validator call collected for `resource` (at FHIRPath `base`, inside entry `from`). */
export function checkCollected(
  walk: StructureWalk,
  resource: Json,
  base: string,
  from: IndexedEntry,
  index: BundleIndex,
  compositionPatient: IndexedEntry | undefined,
  out: FhirFinding[],
): void {
  const refs = walk.refs;
  for (let i = 0; i < refs.length; i += 2) {
    const pointer = refs[i];
    const reference = refs[i + 1];
    const target = index.resolve(reference, from);
    if (!target) {
      const where = reference.startsWith('#') ? 'no contained resource has that id' : 'no entry has that fullUrl (or Type/id)';
      const at = `${joinPath(base, pointerSegments(pointer))}.reference`;
      out.push(finding('ref-unresolved', at, `${reference} does not resolve inside the bundle: ${where}`));
      continue;
    }
    if (compositionPatient && from.index >= 0 && target.resourceType === 'Patient' && !target.contained && target.entry !== compositionPatient) {
      const key = pointer.slice(pointer.lastIndexOf('/') + 1);
      const owner = /^\d+$/.test(key) ? pointer.slice(0, pointer.lastIndexOf('/')).split('/').pop() : key;
      if (owner === 'subject' || owner === 'patient') {
        const at = `${joinPath(base, pointerSegments(pointer))}.reference`;
        out.push(finding('nrces-subject-01', at, `${reference} is not the Composition's subject (Bundle.entry[${compositionPatient.index}])`));
      }
    }
  }
  for (const pointer of walk.lookalikeCodings) {
    const segments = pointerSegments(pointer);
    const coding = valueAt(resource, segments) as Json;
    if (typeof coding.code !== 'string') continue;
    const at = `${joinPath(base, segments)}.system`;
    out.push(finding('nrces-snomed-system', at, `SNOMED CT code ${coding.code} uses ${String(coding.system)}; the system is http://snomed.info/sct`));
  }
}
