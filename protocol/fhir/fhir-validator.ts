// The FHIR document validator the sandbox runs on every pushed bundle and the conformance runner reports
// by rule id. Four layers, as spec fhir-data-crypto.md §2.3 recommends: (1) R4 JSON schema per resource,
// (2) required elements the schema misses, (3) Bundle invariants and reference resolution, (4) NRCeS profiles.
import { BundleIndex, indexedEntry, referenceOf, type IndexedEntry, type Json } from './bundle-index.js';
import { checkBundleInvariants } from './bundle-invariants.js';
import { entryResourcePath } from './fhir-path.js';
import { countFindings, type FhirFinding } from './findings.js';
import type { FhirHiType } from './hi-types.js';
import { checkComposition, checkDocumentBundle } from './profile-composition.js';
import { checkResourceProfiles } from './profile-resources.js';
import { checkCollected, newStructureWalk } from './reference-checks.js';
import { checkRequiredElements } from './required-elements.js';
import { finding } from './rule-catalogue.js';
import { createStructureLayer, type StructureLayer, type WalkVisitor } from './structure-layer.js';
import type { StructureValidatorOptions } from './structure-validators.js';

export interface FhirValidateOptions {
  /** The hiType the bundle is sent as; when absent it is inferred from the Composition type. */
  hiType?: FhirHiType;
}

export interface FhirValidationResult {
  /** The record type the bundle was judged as (given, or inferred); undefined when none could be told. */
  hiType?: FhirHiType;
  findings: FhirFinding[];
  errors: number;
  warnings: number;
}

export interface FhirValidator {
  /** All findings for `bundle` (any JSON value), errors and warnings, in layer order. */
  validate(bundle: unknown, options?: FhirValidateOptions): FhirFinding[];
  /** Like validate, with the record type used and the counts. */
  check(bundle: unknown, options?: FhirValidateOptions): FhirValidationResult;
  /** Where the R4 schema came from, and whether the validators were loaded precompiled or compiled now. */
  readonly schemaInfo: { id: string; packageVersion: string; validators: 'cache' | 'compiled' };
}

export interface FhirValidatorOptions extends StructureValidatorOptions {
  /**
   * Let resources the fast structure check passes skip Ajv (default true). The findings are the same either
   * way; false runs Ajv on every resource, for comparison.
   */
  fastPath?: boolean;
}

/** Builds a validator: loads the precompiled R4 structure validators (compiling and caching them the first time). */
export function createFhirValidator(options: FhirValidatorOptions = {}): FhirValidator {
  const structure = createStructureLayer(options);
  const run = new StructureRun(structure, options.fastPath ?? true);
  const check = (bundle: unknown, validateOptions: FhirValidateOptions = {}): FhirValidationResult => {
    const findings: FhirFinding[] = [];
    const hiType = validateInto(run, bundle, validateOptions, findings);
    const { errors, warnings } = countFindings(findings);
    return hiType === undefined ? { findings, errors, warnings } : { hiType, findings, errors, warnings };
  };
  return {
    check,
    validate: (bundle, validateOptions) => check(bundle, validateOptions).findings,
    schemaInfo: { id: structure.validators.schemaId, packageVersion: structure.validators.packageVersion, validators: structure.validators.source },
  };
}

/**
 * Layers 1 and 2 of one validation, resource by resource: the state the schema walk's visitor needs, kept
 * in one object a validator reuses (validation is synchronous), so a bundle allocates no closures for it.
 */
class StructureRun {
  readonly walk = newStructureWalk();
  private readonly refs: string[] = [];
  private index!: BundleIndex;
  private patient: IndexedEntry | undefined;
  private out!: FhirFinding[];
  /** The entry whose resource is being checked (SHELL for the Bundle itself). */
  from: IndexedEntry = SHELL;
  /** Set once the Bundle itself passed the fast check: every entry.fullUrl is then a valid R4 uri. */
  fullUrlsChecked = false;
  private readonly visit: WalkVisitor = (resource, path, collected) => checkCollected(collected, resource, path, this.from, this.index, this.patient, this.out);

  constructor(
    readonly structure: StructureLayer,
    private readonly fastPath: boolean,
  ) {}

  start(index: BundleIndex, patient: IndexedEntry | undefined, out: FhirFinding[]): void {
    this.index = index;
    this.patient = patient;
    this.out = out;
    this.from = SHELL;
    this.fullUrlsChecked = false;
  }

  /**
   * A resource the fast path passes, whose references are all valid strings that resolve quietly, has
   * nothing to report (true); any other goes through Ajv and checkCollected, which say what is wrong (false).
   */
  check(resource: Json, path: string): boolean {
    if (this.fastPath) {
      const n = this.structure.passesFast(resource, this.refs);
      if (n >= 0 && this.referencesQuiet(n)) return true;
    }
    this.structure.checkResource(resource, path, this.out, this.walk, this.visit);
    return false;
  }

  /**
   * True when each reference in refs[0..n) (written inside `from`) is an R4 string and would give
   * checkCollected no finding: it resolves, and is not to a Patient other than the Composition's (which
   * checkCollected judges by element).
   */
  private referencesQuiet(n: number): boolean {
    const { refs, index, from, patient } = this;
    for (let i = 0; i < n; i++) {
      const reference = refs[i];
      const entry = this.fullUrlsChecked ? index.entryWithFullUrl(reference) : undefined;
      // Equal to a fullUrl checked as a uri (no whitespace at all), a non-empty reference is a valid string.
      if (!(entry && reference.length > 0) && !this.structure.referenceIsString(reference)) return false;
      const target = entry ?? index.resolve(reference, from);
      if (!target) return false;
      if (patient && from.index >= 0 && target.resourceType === 'Patient' && !target.contained && target.entry !== patient) return false;
    }
    return true;
  }

  /** Drops the references to the last bundle. */
  finish(): void {
    this.index = undefined as unknown as BundleIndex;
    this.patient = undefined;
    this.out = undefined as unknown as FhirFinding[];
    this.from = SHELL;
    this.refs.fill('');
  }
}

function validateInto(run: StructureRun, input: unknown, options: FhirValidateOptions, out: FhirFinding[]): FhirHiType | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    out.push(finding('fhir-json', 'Bundle', `the input is ${Array.isArray(input) ? 'an array' : input === null ? 'null' : `a ${typeof input}`}, not a FHIR resource`));
    return options.hiType;
  }
  const bundle = input as Json;
  if (bundle.resourceType !== 'Bundle') {
    const what = typeof bundle.resourceType === 'string' ? `a ${bundle.resourceType}` : 'an object without resourceType';
    out.push(finding('fhir-resource-type', 'Bundle.resourceType', `the input is ${what}; ABDM health records are Bundles`));
    return options.hiType;
  }

  const index = new BundleIndex(bundle);
  const composition = findComposition(index);
  const patient = composition ? compositionPatient(composition, index) : undefined;

  // Layers 1 and 2, resource by resource; the schema walk also gathers references for layer 3.
  const structure = run.structure;
  run.start(index, patient, out);
  try {
    run.fullUrlsChecked = run.check(bundle, 'Bundle');
    checkRequiredElements(bundle, 'Bundle', 'Bundle', out);
    for (const entry of index.entries) {
      const { resource, resourceType } = entry;
      // An entry resource without a string resourceType was already reported against Bundle's own schema.
      if (!resource || resourceType === undefined) continue;
      const at = entryResourcePath(entry.index);
      run.from = entry;
      // A resource the fast check passed is of a known type, and has no contained resources.
      const clean = run.check(resource, at);
      if (!clean && !structure.isResourceType(resourceType)) continue;
      checkRequiredElements(resource, resourceType, at, out);
      if (clean) continue;
      const contained = resource.contained;
      if (Array.isArray(contained)) {
        contained.forEach((child, i) => {
          if (child !== null && typeof child === 'object' && typeof (child as Json).resourceType === 'string') {
            checkRequiredElements(child as Json, (child as Json).resourceType as string, `${at}.contained[${i}]`, out);
          }
        });
      }
    }
  } finally {
    run.finish();
  }

  // Layer 3.
  checkBundleInvariants(bundle, index, out);

  // Layer 4.
  checkDocumentBundle(bundle, composition, out);
  const hiType = composition ? checkComposition(composition, index, options.hiType, out) : options.hiType;
  checkResourceProfiles(index, out);
  return hiType;
}

/** Stands for the Bundle itself as the place a reference is written (Bundle.signature.who). */
const SHELL: IndexedEntry = indexedEntry(-1);

/** The first entry if it is a Composition, else the first Composition anywhere (bdl-11 reports the order). */
function findComposition(index: BundleIndex): (IndexedEntry & { resource: Json }) | undefined {
  for (const e of index.entries) if (e.resourceType === 'Composition' && e.resource) return e as IndexedEntry & { resource: Json };
  return undefined;
}

function compositionPatient(composition: IndexedEntry & { resource: Json }, index: BundleIndex): IndexedEntry | undefined {
  const ref = referenceOf(composition.resource.subject);
  const target = ref === undefined ? undefined : index.resolve(ref, composition);
  return target && target.resourceType === 'Patient' && !target.contained ? target.entry : undefined;
}
