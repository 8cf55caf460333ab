// The structure layer's fast path: the same patched R4 definitions Ajv compiles, generated into plain
// yes/no checks that walk each object's own keys once (a `switch` per definition), allocate nothing and
// build no error paths. A resource that passes is exactly one Ajv also passes; anything else (a schema
// fault, a look-alike SNOMED system) answers "no" and the caller runs Ajv itself, whose errors become the
// findings. So the fast path decides only how quickly a clean resource is let through, never what is reported;
// fast-structure.test.ts checks the two agree on generated bundles and on hand-broken ones.
//
// Only the keywords the R4 closure uses are supported ($ref, type, properties, additionalProperties: false,
// required, items, pattern, enum and const of strings, and the three x- keywords of r4-schema.ts); any other
// keyword makes code generation throw rather than silently check less.
import { CALENDAR_KEYWORD, CODING_KEYWORD, REFERENCE_KEYWORD } from './r4-schema.js';

type JsonSchema = Record<string, unknown>;

/** One fast check per resource type: true when the resource is valid and carries no look-alike SNOMED system. */
export type FastCheck = (resource: unknown) => boolean;

export interface FastStructure {
  /** The check of each resource type it was generated for (a Map: `constructor` is no resource type). */
  checks: ReadonlyMap<string, FastCheck>;
  /**
   * Runs `check` on `resource`: -1 when it fails, else the number n of `Reference.reference` strings it
   * met, written to refs[0..n) (entries after n are stale: the array is reused, never shortened). Their
   * R4 `string` pattern is left to the caller (referenceIsString): most equal a fullUrl already checked as
   * a uri, and a caller that resolves them can skip the scan. The resource passes when all of them match.
   */
  run(check: FastCheck, resource: unknown, refs: string[]): number;
  /** The R4 `string` pattern test the checks leave to the caller for `Reference.reference`. */
  referenceIsString(reference: string): boolean;
}

/** Signature of the generated factory: `(lookalikeSnomedSystems) => FastStructure`. */
export type FastStructureFactory = (lookalikeSystems: ReadonlySet<string>) => FastStructure;

const ANNOTATIONS = new Set(['description', 'title', '$comment']);
const SUPPORTED = new Set([
  '$ref',
  'type',
  'properties',
  'additionalProperties',
  'required',
  'items',
  'pattern',
  'enum',
  'const',
  CALENDAR_KEYWORD,
  REFERENCE_KEYWORD,
  CODING_KEYWORD,
]);

/**
 * JavaScript source of a function expression `(lookalikeSystems) => FastStructure` checking `roots` against
 * `definitions` (a `#/definitions/<name>` closure, as Ajv gets it). Regular expressions get Ajv's `u` flag.
 */
export function fastStructureSource(definitions: Record<string, JsonSchema>, roots: ReadonlyArray<string>): string {
  const g = new Generator(definitions);
  for (const root of roots) g.definition(root);
  const checks = roots.map((r) => `[${JSON.stringify(r)}, ${g.definition(r)}]`).join(', ');
  return [
    'function (L) {',
    '"use strict";',
    'let R = [], N = 0;',
    // "Dates SHALL be valid dates": the same test the calendar keyword gives Ajv.
    // Digits are read by char code (the date patterns, tested first, guarantee them); anything else is read as Ajv's code does.
    'function num(d, from, to) { let n = 0; for (let i = from; i < to; i++) { const c = d.charCodeAt(i) - 48; if (c < 0 || c > 9) return +d.slice(from, to); n = n * 10 + c; } return n; }',
    'function badDay(d) { if (d.length < 10 || d.charCodeAt(7) !== 45) return false; const y = num(d, 0, 4), m = num(d, 5, 7);',
    '  const days = m === 2 ? (((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : 28) : (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);',
    '  return num(d, 8, 10) > days; }',
    ...g.constants,
    ...g.functions,
    `return { checks: new Map([${checks}]), run(check, resource, refs) { R = refs; N = 0; return check(resource) ? N : -1; }, referenceIsString: (s) => ${g.referencePattern()}.test(s) };`,
    '}',
  ].join('\n');
}

/**
 * Version of the generated code, part of the structure cache key: bump it whenever the output changes
 * (fast-structure.test.ts pins a digest of the output to this number, so a change cannot go unnoticed).
 */
export const FAST_STRUCTURE_VERSION = 6;

/** Evaluates fastStructureSource in this process. */
export function compileFastStructure(definitions: Record<string, JsonSchema>, roots: ReadonlyArray<string>, lookalikeSystems: ReadonlySet<string>): FastStructure {
  const factory = new Function(`return (${fastStructureSource(definitions, roots)});`)() as FastStructureFactory;
  return factory(lookalikeSystems);
}

/**
 * R4's id pattern, `^[A-Za-z0-9\-\.]{1,64}$` (letters, digits and escaped punctuation, 1 to n of them), as
 * `^[\w\-\.]+$` with no `_` and a length of at most n: the same strings (`\w` is the letters, digits and `_`;
 * each character is one UTF-16 unit), and V8 tests the `\w` class several times faster than the ranges and
 * the unbounded loop faster than the counted one.
 */
export function alphanumericClass(pattern: string): { pattern: string; max: number } | undefined {
  const m = /^\^\[A-Za-z0-9((?:\\[-.])*)\]\{1,(\d+)\}\$$/.exec(pattern);
  return m ? { pattern: `^[\\w${m[1]}]+$`, max: Number(m[2]) } : undefined;
}

/**
 * The same regular expression with every capturing group made non-capturing: `test` answers the same, and
 * V8 no longer records captures (R4's dateTime pattern, with a dozen groups, runs about twice as fast).
 */
export function withoutCaptures(pattern: string): string {
  if (/\\[1-9]|\\k</.test(pattern)) throw new Error(`fast structure: pattern with a back-reference ${pattern}`);
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && pattern[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    out += c;
  }
  return out;
}

const OBJECT = (v: string) => `(${v} !== null && typeof ${v} === "object" && !Array.isArray(${v}))`;

class Generator {
  readonly constants: string[] = [];
  readonly functions: string[] = [];
  private readonly names = new Map<string, string>();
  private readonly patterns = new Map<string, string>();
  private readonly sets = new Map<string, string>();
  private vars = 0;

  constructor(private readonly definitions: Record<string, JsonSchema>) {}

  /** The function name checking `#/definitions/<name>`, generating it on first use. */
  definition(name: string): string {
    let fn = this.names.get(name);
    if (fn) return fn;
    const schema = this.definitions[name];
    if (!schema) throw new Error(`fast structure: no definition ${name}`);
    fn = `d${this.names.size}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    this.names.set(name, fn);
    const body = this.node(schema, 'v');
    this.functions.push(`function ${fn}(v) {\n${body}return true;\n}`);
    return fn;
  }

  /** The pattern of R4 `string`, which Reference.reference is, named for the factory's referenceIsString. */
  referencePattern(): string {
    const string = this.definitions.string;
    if (!string || string.type !== 'string' || typeof string.pattern !== 'string' || Object.keys(string).some((k) => k !== 'type' && k !== 'pattern' && !ANNOTATIONS.has(k))) {
      throw new Error('fast structure: R4 string is expected to be a string with a pattern');
    }
    return this.pattern(string.pattern);
  }

  private pattern(source: string): string {
    let name = this.patterns.get(source);
    if (!name) {
      name = `P${this.patterns.size}`;
      this.patterns.set(source, name);
      this.constants.push(`const ${name} = new RegExp(${JSON.stringify(withoutCaptures(source))}, "u");`);
    }
    return name;
  }

  private stringSet(values: ReadonlyArray<string>): string {
    const key = JSON.stringify(values);
    let name = this.sets.get(key);
    if (!name) {
      name = `E${this.sets.size}`;
      this.sets.set(key, name);
      this.constants.push(`const ${name} = new Set(${key});`);
    }
    return name;
  }

  /** A leaf definition (no $ref, properties or items) is inlined where it is referenced. */
  private isLeaf(schema: JsonSchema): boolean {
    return schema.$ref === undefined && schema.properties === undefined && schema.items === undefined && schema[REFERENCE_KEYWORD] === undefined && schema[CODING_KEYWORD] === undefined;
  }

  /** Statements that `return false` unless the value in variable `v` satisfies `schema`. */
  private node(schema: JsonSchema, v: string): string {
    for (const key of Object.keys(schema)) {
      if (!SUPPORTED.has(key) && !ANNOTATIONS.has(key)) throw new Error(`fast structure: unsupported keyword ${key}`);
    }
    let out = '';
    const ref = schema.$ref;
    if (ref !== undefined) {
      if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) throw new Error(`fast structure: unsupported $ref ${String(ref)}`);
      const name = ref.slice(14);
      const target = this.definitions[name];
      if (!target) throw new Error(`fast structure: no definition ${name}`);
      out += this.isLeaf(target) ? this.node(target, v) : `if (!${this.definition(name)}(${v})) return false;\n`;
    }

    const type = schema.type;
    let known: string | undefined;
    if (type !== undefined) {
      switch (type) {
        case 'string':
        case 'boolean':
          out += `if (typeof ${v} !== "${type}") return false;\n`;
          break;
        case 'number':
          // Ajv with strict: false (so strictNumbers: false) accepts any number, as here.
          out += `if (typeof ${v} !== "number") return false;\n`;
          break;
        case 'array':
          out += `if (!Array.isArray(${v})) return false;\n`;
          break;
        case 'object':
          out += `if (!${OBJECT(v)}) return false;\n`;
          break;
        default:
          throw new Error(`fast structure: unsupported type ${JSON.stringify(type)}`);
      }
      known = type as string;
    }

    // Keywords that apply to one JSON type only are skipped for values of another, as in JSON Schema.
    const onString = (test: string) => (known === 'string' ? `if (${test}) return false;\n` : `if (typeof ${v} === "string" && ${test}) return false;\n`);
    if (schema.pattern !== undefined) {
      if (typeof schema.pattern !== 'string') throw new Error('fast structure: pattern must be a string');
      // (Hand-written character scans for the string and uri patterns were tried: slower than V8's compiled regexes.)
      const id = alphanumericClass(schema.pattern);
      out += id
        ? onString(`(${v}.length > ${id.max} || !${this.pattern(id.pattern)}.test(${v}) || ${v}.indexOf("_") !== -1)`)
        : onString(`!${this.pattern(schema.pattern)}.test(${v})`);
    }
    if (schema[CALENDAR_KEYWORD] === true) out += onString(`badDay(${v})`);
    if (schema.enum !== undefined) {
      const values = schema.enum;
      if (!Array.isArray(values) || !values.every((x) => typeof x === 'string')) throw new Error('fast structure: only string enums are supported');
      out += `if (!${this.stringSet(values as string[])}.has(${v})) return false;\n`;
    }
    if (schema.const !== undefined) {
      if (typeof schema.const !== 'string') throw new Error('fast structure: only string consts are supported');
      out += `if (${v} !== ${JSON.stringify(schema.const)}) return false;\n`;
    }

    if (schema.items !== undefined) {
      const items = schema.items;
      if (items === null || typeof items !== 'object' || Array.isArray(items)) throw new Error('fast structure: only a single items schema is supported');
      const i = this.fresh('i');
      const x = this.fresh('x');
      const inner = this.node(items as JsonSchema, x);
      const loop = `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${x} = ${v}[${i}];\n${inner}}\n`;
      out += known === 'array' ? loop : `if (Array.isArray(${v})) { ${loop}}\n`;
    }

    const objectCode = this.objectKeywords(schema, v);
    if (objectCode) out += known === 'object' ? objectCode : `if (${OBJECT(v)}) {\n${objectCode}}\n`;
    return out;
  }

  private objectKeywords(schema: JsonSchema, v: string): string {
    let out = '';
    const props = schema.properties as Record<string, JsonSchema> | undefined;
    const additional = schema.additionalProperties;
    if (additional !== undefined && additional !== false && additional !== true) throw new Error('fast structure: additionalProperties must be a boolean');
    if (props !== undefined || additional === false) {
      const k = this.fresh('k');
      const x = this.fresh('x');
      let cases = '';
      // Elements before their `_element` companions: the cases a key meets first are the ones it mostly is.
      const entries = Object.entries(props ?? {});
      const ordered = [...entries.filter(([n]) => !n.startsWith('_')), ...entries.filter(([n]) => n.startsWith('_'))];
      // Where the loop meets them: a Reference's `reference` is collected, a Coding's `system` is looked up.
      const collects = schema[REFERENCE_KEYWORD] === true;
      const watchesSystem = schema[CODING_KEYWORD] === true;
      for (const [name, sub] of ordered) {
        let inner: string;
        if (collects && name === 'reference') {
          // Only the type here: the caller tests the string pattern (see FastStructure.run).
          if (sub.$ref !== '#/definitions/string' || Object.keys(sub).some((k) => k !== '$ref' && !ANNOTATIONS.has(k))) throw new Error('fast structure: Reference.reference is expected to be an R4 string');
          inner = `if (typeof ${x} !== "string") return false;\nR[N++] = ${x};\n`;
        } else {
          inner = this.node(sub, x);
        }
        if (watchesSystem && name === 'system') inner += `if (typeof ${x} === "string" && L.has(${x})) return false;\n`;
        cases += `case ${JSON.stringify(name)}: ${inner ? `if (${x} !== undefined) {\n${inner}}` : ''} break;\n`;
      }
      const fallback = additional === false ? 'default: return false;\n' : '';
      if (cases || fallback) out += `for (const ${k} in ${v}) { const ${x} = ${v}[${k}];\nswitch (${k}) {\n${cases}${fallback}}\n}\n`;
    }
    const required = schema.required;
    if (required !== undefined) {
      if (!Array.isArray(required)) throw new Error('fast structure: required must be an array');
      for (const name of required) out += `if (${v}[${JSON.stringify(name)}] === undefined) return false;\n`;
    }
    if (schema[REFERENCE_KEYWORD] === true && props?.reference === undefined) throw new Error('fast structure: a Reference without a reference element');
    if (schema[CODING_KEYWORD] === true && props?.system === undefined) throw new Error('fast structure: a Coding without a system element');
    return out;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.vars++}`;
  }
}
