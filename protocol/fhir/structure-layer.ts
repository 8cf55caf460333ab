// Layer 1 of the validator: each resource against its own definition in HL7's patched R4 JSON schema
// (Ajv 8). The Bundle itself is checked with a shallow ResourceList, and every entry (and contained)
// resource against #/definitions/<its resourceType>; Ajv's errors become findings with FHIRPaths.
import type { ErrorObject } from 'ajv';
import { joinPath, pointerSegments, showValue, valueAt, type PathSegment } from './fhir-path.js';
import type { FhirFinding } from './findings.js';
import { CALENDAR_KEYWORD } from './r4-schema.js';
import { finding } from './rule-catalogue.js';
import { loadStructureValidators, type StructureValidatorOptions, type StructureValidators, type StructureWalk } from './structure-validators.js';

/** Called after each validator run with what the walk collected for the resource at `path`. */
export type WalkVisitor = (resource: Record<string, unknown>, path: string, walk: StructureWalk) => void;

export interface StructureLayer {
  readonly validators: StructureValidators;
  /**
   * Checks one resource (and its contained resources) at `path`, appending findings; with a walk, the
   * references and codings Ajv passed are collected and handed to `visit` after each resource.
   */
  checkResource(resource: Record<string, unknown>, path: string, out: FhirFinding[], walk?: StructureWalk, visit?: WalkVisitor): void;
  /**
   * The fast path: when `resource` (without contained resources) certainly passes the R4 schema, provided
   * its `reference` strings do (see referenceIsString), and has no look-alike SNOMED system, the number n of
   * those strings, written to refs[0..n). Else -1, which says nothing about the resource: run checkResource,
   * which reports.
   */
  passesFast(resource: Record<string, unknown>, refs: string[]): number;
  /**
   * The R4 `string` pattern test passesFast leaves to its caller for the references it collects: the
   * resource passes only when each of refs[0..n) is one (a reference equal to a checked fullUrl is).
   */
  referenceIsString(reference: string): boolean;
  isResourceType(name: string): boolean;
}

/** The structure layer over precompiled (or freshly compiled) validators; start-up cost is paid here, once. */
export function createStructureLayer(options: StructureValidatorOptions = {}): StructureLayer {
  const validators = loadStructureValidators(options);
  const checkResource = (resource: Record<string, unknown>, path: string, out: FhirFinding[], walk?: StructureWalk, visit?: WalkVisitor): void => {
    const type = resource.resourceType;
    const fn = typeof type === 'string' ? validators.validatorFor(type) : undefined;
    if (!fn) {
      out.push(
        finding(
          'fhir-resource-type',
          `${path}.resourceType`,
          type === undefined ? 'resourceType is missing' : `${showValue(type)} is not an R4 resource type`,
        ),
      );
      return;
    }
    if (walk) {
      if (walk.refs.length !== 0) walk.refs.length = 0;
      if (walk.lookalikeCodings.length !== 0) walk.lookalikeCodings.length = 0;
    }
    if (!fn.call(walk, resource)) reportAjvErrors(fn.errors ?? [], resource, type as string, path, validators, out);
    if (walk && visit) visit(resource, path, walk);
    const contained = resource.contained;
    if (Array.isArray(contained)) {
      contained.forEach((child, i) => {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) checkResource(child as Record<string, unknown>, `${path}.contained[${i}]`, out, walk, visit);
      });
    }
  };
  const fast = validators.fast;
  const passesFast = (resource: Record<string, unknown>, refs: string[]): number => {
    const type = resource.resourceType;
    const check = typeof type === 'string' ? fast.checks.get(type) : undefined;
    return check !== undefined && resource.contained === undefined ? fast.run(check, resource, refs) : -1;
  };
  return { validators, checkResource, passesFast, referenceIsString: fast.referenceIsString, isResourceType: (name) => validators.isResourceType(name) };
}

function reportAjvErrors(
  errors: ReadonlyArray<ErrorObject>,
  resource: Record<string, unknown>,
  type: string,
  path: string,
  validators: StructureValidators,
  out: FhirFinding[],
): void {
  // One finding per faulty element: a value failing both `type` and `pattern` is one fault.
  const seen = new Set<string>();
  for (const e of errors) {
    const segments = pointerSegments(e.instancePath);
    let expression: string;
    let detail: string;
    const value = valueAt(resource, segments);
    switch (e.keyword) {
      case 'additionalProperties': {
        const name = (e.params as { additionalProperty: string }).additionalProperty;
        expression = joinPath(path, [...segments, name]);
        detail = `${showValue(name)} is not an element of ${elementName(type, segments)}`;
        break;
      }
      case 'required': {
        const name = (e.params as { missingProperty: string }).missingProperty;
        expression = joinPath(path, [...segments, name]);
        const parent = segments[segments.length - 2];
        if (name === 'url' && typeof segments[segments.length - 1] === 'number' && (parent === 'extension' || parent === 'modifierExtension')) {
          // The patch that makes Extension.url required reports a missing primitive: layer 2's rule.
          out.push(finding('fhir-required', expression, 'Extension.url is required (R4 minimum cardinality 1)'));
          continue;
        }
        detail = `${name} is required in ${elementName(type, segments)}`;
        break;
      }
      case 'pattern': {
        const pattern = (e.params as { pattern: string }).pattern;
        const primitive = validators.primitiveFor(pattern) ?? 'value';
        expression = joinPath(path, segments);
        detail = `${showValue(value)} is not a valid FHIR ${primitive}`;
        break;
      }
      case CALENDAR_KEYWORD:
        expression = joinPath(path, segments);
        detail = `${showValue(value)} is not a real calendar date`;
        break;
      case 'enum': {
        const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
        expression = joinPath(path, segments);
        detail = `${showValue(value)} is not one of ${allowed.map(String).join(', ')}`;
        break;
      }
      case 'const':
        expression = joinPath(path, segments);
        detail = `${showValue(value)} must be ${showValue((e.params as { allowedValue: unknown }).allowedValue)}`;
        break;
      case 'type':
        expression = joinPath(path, segments);
        detail = `${showValue(value)} must be ${describeType((e.params as { type: string | string[] }).type)}`;
        break;
      default:
        expression = joinPath(path, segments);
        detail = `fails the R4 schema (${e.keyword} ${JSON.stringify(e.params)})`;
    }
    if (seen.has(expression)) continue;
    seen.add(expression);
    out.push(finding('fhir-structure', expression, detail));
  }
}

function describeType(type: string | string[]): string {
  const t = Array.isArray(type) ? type.join(' or ') : type;
  return t === 'array' ? 'an array' : t === 'object' ? 'an object' : `a ${t}`;
}

function elementName(type: string, segments: ReadonlyArray<PathSegment>): string {
  const names = segments.filter((s): s is string => typeof s === 'string');
  return [type, ...names].join('.');
}
