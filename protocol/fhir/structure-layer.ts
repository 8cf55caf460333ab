// Layer 1 of the validator: each resource against its own definition in HL7's patched R4 JSON schema,
// compiled once with Ajv 8. The Bundle itself is checked with a shallow ResourceList, and every entry
// (and contained) resource is checked against #/definitions/<its resourceType>.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { joinPath, pointerSegments, showValue, valueAt, type PathSegment } from './fhir-path.js';
import type { FhirFinding } from './findings.js';
import { CALENDAR_KEYWORD, definitionClosure, loadPatchedR4Schema, type PatchedR4Schema } from './r4-schema.js';
import { finding } from './rule-catalogue.js';

/** Resource types the NRCeS record profiles use: compiled at start-up. Others compile when first seen. */
export const EAGER_RESOURCE_TYPES: ReadonlyArray<string> = [
  'Bundle',
  'Composition',
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Encounter',
  'Condition',
  'Observation',
  'AllergyIntolerance',
  'FamilyMemberHistory',
  'MedicationRequest',
  'MedicationStatement',
  'Medication',
  'ServiceRequest',
  'Procedure',
  'Appointment',
  'DocumentReference',
  'DiagnosticReport',
  'ImagingStudy',
  'Media',
  'Specimen',
  'Immunization',
  'ImmunizationRecommendation',
  'CarePlan',
  'Invoice',
  'ChargeItem',
  'Binary',
];

const EAGER_ID = 'urn:abdm-sandbox:fhir-r4-eager';
const FULL_ID = 'urn:abdm-sandbox:fhir-r4-full';

export interface StructureLayer {
  readonly schema: PatchedR4Schema;
  /** Checks one resource (and its contained resources) at `path`, appending findings. */
  checkResource(resource: Record<string, unknown>, path: string, out: FhirFinding[]): void;
  isResourceType(name: string): boolean;
}

/** Loads, patches and compiles the R4 schema; start-up cost is paid here, once. */
export function createStructureLayer(): StructureLayer {
  const schema = loadPatchedR4Schema();
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    messages: false,
    // Separate functions for shared definitions: smaller generated code, faster compile (§2.2 measured).
    inlineRefs: false,
    code: { optimize: false },
  });
  ajv.addKeyword({ keyword: CALENDAR_KEYWORD, type: 'string', schemaType: 'boolean', errors: false, validate: isCalendarValid });
  ajv.addSchema({ $id: EAGER_ID, definitions: definitionClosure(schema.definitions, EAGER_RESOURCE_TYPES) });

  const validators = new Map<string, ValidateFunction>();
  for (const type of EAGER_RESOURCE_TYPES) validators.set(type, ajv.getSchema(`${EAGER_ID}#/definitions/${type}`) as ValidateFunction);
  let fullAdded = false;

  const validatorFor = (type: string): ValidateFunction | undefined => {
    let fn = validators.get(type);
    if (fn) return fn;
    if (!schema.resourceTypes.has(type)) return undefined;
    if (!fullAdded) {
      ajv.addSchema({ $id: FULL_ID, definitions: schema.definitions });
      fullAdded = true;
    }
    fn = ajv.getSchema(`${FULL_ID}#/definitions/${type}`) as ValidateFunction;
    validators.set(type, fn);
    return fn;
  };

  const checkResource = (resource: Record<string, unknown>, path: string, out: FhirFinding[]): void => {
    const type = resource.resourceType;
    const fn = typeof type === 'string' ? validatorFor(type) : undefined;
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
    if (!fn(resource)) reportAjvErrors(fn.errors ?? [], resource, type as string, path, schema, out);
    const contained = resource.contained;
    if (Array.isArray(contained)) {
      contained.forEach((child, i) => {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) checkResource(child as Record<string, unknown>, `${path}.contained[${i}]`, out);
      });
    }
  };

  return { schema, checkResource, isResourceType: (name) => schema.resourceTypes.has(name) };
}

function reportAjvErrors(
  errors: ReadonlyArray<ErrorObject>,
  resource: Record<string, unknown>,
  type: string,
  path: string,
  schema: PatchedR4Schema,
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
        detail = `${name} is required in ${elementName(type, segments)}`;
        break;
      }
      case 'pattern': {
        const pattern = (e.params as { pattern: string }).pattern;
        const primitive = schema.primitiveByPattern.get(pattern) ?? 'value';
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

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True unless the string's YYYY-MM-DD part names a day that does not exist (the schema regex checked the shape). */
export function isCalendarValid(_schema: unknown, data: unknown): boolean {
  if (typeof data !== 'string' || data.length < 10 || data.charCodeAt(7) !== 45 /* - */) return true;
  const year = Number(data.slice(0, 4));
  const month = Number(data.slice(5, 7));
  const day = Number(data.slice(8, 10));
  if (!(month >= 1 && month <= 12 && day >= 1)) return true;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= DAYS_IN_MONTH[month - 1];
}
