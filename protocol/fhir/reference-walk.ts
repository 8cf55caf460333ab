// One pass over every element of every resource (and the Bundle's own signature): references that do not
// resolve inside the bundle, extensions without `url`, SNOMED codes under a look-alike system URI, and
// subject/patient references to a Patient other than the Composition's. One walk keeps validation fast.
import type { BundleIndex, IndexedEntry, Json } from './bundle-index.js';
import type { FhirFinding } from './findings.js';
import { finding } from './rule-catalogue.js';
import { NON_CANONICAL_SNOMED_SYSTEMS } from './systems.js';

const LOOKALIKE_SNOMED = new Set(NON_CANONICAL_SNOMED_SYSTEMS);

interface WalkState {
  index: BundleIndex;
  from: IndexedEntry;
  /** The Composition's Patient entry, for nrces-subject-01. */
  patient?: IndexedEntry;
  out: FhirFinding[];
  base: string;
  /** Path segments below `base`; joined only when a finding needs them. */
  stack: Array<string | number>;
}

/** Walks every entry resource and the Bundle's other elements, appending findings. */
export function walkReferences(bundle: Json, index: BundleIndex, compositionPatient: IndexedEntry | undefined, out: FhirFinding[]): void {
  const shell: IndexedEntry = { index: -1 };
  const state: WalkState = { index, from: shell, patient: compositionPatient, out, base: 'Bundle', stack: [] };
  for (const key in bundle) {
    if (key === 'entry' || key === 'resourceType') continue;
    walkValue(bundle[key], key, state);
  }
  for (const entry of index.entries) {
    if (!entry.resource) continue;
    state.from = entry;
    state.base = `Bundle.entry[${entry.index}].resource`;
    for (const key in entry.resource) walkValue(entry.resource[key], key, state);
  }
}

function pathOf(state: WalkState): string {
  let out = state.base;
  for (const s of state.stack) out += typeof s === 'number' ? `[${s}]` : `.${s}`;
  return out;
}

function walkValue(value: unknown, key: string, state: WalkState): void {
  if (value === null || typeof value !== 'object') return;
  state.stack.push(key);
  if (Array.isArray(value)) {
    const isExtension = key === 'extension' || key === 'modifierExtension';
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item !== 'object') continue;
      state.stack.push(i);
      if (isExtension && typeof (item as Json).url !== 'string') {
        const at = pathOf(state);
        state.out.push(finding('fhir-required', `${at}.url`, 'Extension.url is required (R4 minimum cardinality 1)'));
      }
      walkObject(item as Json, key, state);
      state.stack.pop();
    }
  } else {
    walkObject(value as Json, key, state);
  }
  state.stack.pop();
}

function walkObject(node: Json, key: string, state: WalkState): void {
  const reference = node.reference;
  if (typeof reference === 'string') checkReference(reference, key, state);
  const system = node.system;
  if (typeof system === 'string' && LOOKALIKE_SNOMED.has(system) && typeof node.code === 'string') {
    const at = `${pathOf(state)}.system`;
    state.out.push(finding('nrces-snomed-system', at, `SNOMED CT code ${node.code} uses ${system}; the system is http://snomed.info/sct`));
  }
  for (const k in node) {
    const v = node[k];
    if (v !== null && typeof v === 'object') walkValue(v, k, state);
  }
}

function checkReference(reference: string, key: string, state: WalkState): void {
  const target = state.index.resolve(reference, state.from);
  if (!target) {
    const at = `${pathOf(state)}.reference`;
    const where = reference.startsWith('#') ? 'no contained resource has that id' : 'no entry has that fullUrl (or Type/id)';
    state.out.push(finding('ref-unresolved', at, `${reference} does not resolve inside the bundle: ${where}`));
    return;
  }
  const patient = state.patient;
  if (
    patient &&
    (key === 'subject' || key === 'patient') &&
    target.resourceType === 'Patient' &&
    !target.contained &&
    target.entry !== patient &&
    state.from.index >= 0
  ) {
    const at = `${pathOf(state)}.reference`;
    state.out.push(finding('nrces-subject-01', at, `${reference} is not the Composition's subject (Bundle.entry[${patient.index}])`));
  }
}
