// The compiled Ajv validators of the structure layer. Compiling the R4 schema takes about a second, so the
// validators of the resource types ABDM records use are precompiled once (Ajv "standalone" code, spec §2.2)
// into a per-user cache file keyed by schema and Ajv version; later start-ups load that file in ~50 ms.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { _, Ajv, type KeywordCxt, type ValidateFunction } from 'ajv';
import ajvNames from 'ajv/dist/compile/names.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { FAST_STRUCTURE_VERSION, fastStructureSource, type FastStructure, type FastStructureFactory } from './fast-structure.js';
import { CALENDAR_KEYWORD, CODING_KEYWORD, definitionClosure, loadPatchedR4Schema, REFERENCE_KEYWORD, SCHEMA_PACKAGE, type PatchedR4Schema } from './r4-schema.js';
import { NON_CANONICAL_SNOMED_SYSTEMS } from './systems.js';

const require = createRequire(import.meta.url);

/** Resource types the NRCeS record profiles use: precompiled. Others compile from the full schema when first seen. */
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

/** Bump when the patches or Ajv options change, so stale cache files are not used. */
const CODEGEN_VERSION = 7;
const EAGER_ID = 'urn:abdm-sandbox:fhir-r4-eager';
const FULL_ID = 'urn:abdm-sandbox:fhir-r4-full';

export interface StructureValidatorOptions {
  /**
   * Where precompiled validators are kept: a directory, or `false` to compile in memory every time.
   * Default: `$ABDM_SANDBOX_CACHE_DIR`, else `$XDG_CACHE_HOME/abdm-sandbox`, else `~/.cache/abdm-sandbox`.
   */
  cacheDir?: string | false;
}

export interface StructureValidators {
  /** The validator of R4 resource type `type`, compiling it on first use; undefined for a non-R4 type. */
  validatorFor(type: string): ValidateFunction | undefined;
  isResourceType(type: string): boolean;
  /**
   * The fast yes/no checks of the precompiled resource types (fast-structure.ts): a resource they pass, Ajv
   * passes too; for any other the caller runs `validatorFor`, whose errors are the findings.
   */
  readonly fast: FastStructure;
  /** Primitive type name for a schema pattern, for messages. */
  primitiveFor(pattern: string): string | undefined;
  /** 'cache' when loaded from a precompiled file, 'compiled' when compiled in this process. */
  readonly source: 'cache' | 'compiled';
  readonly schemaId: string;
  readonly packageVersion: string;
}

// "Dates SHALL be valid dates": inline code (not a function) so the standalone module needs nothing else.
function calendarKeyword(cxt: KeywordCxt): void {
  const d = cxt.data;
  const y = _`+${d}.slice(0, 4)`;
  const m = _`+${d}.slice(5, 7)`;
  const leap = _`((${y} % 4 === 0 && ${y} % 100 !== 0) || ${y} % 400 === 0)`;
  const days = _`(${m} === 2 ? (${leap} ? 29 : 28) : (${m} === 4 || ${m} === 6 || ${m} === 9 || ${m} === 11 ? 30 : 31))`;
  cxt.fail(_`${d}.length >= 10 && ${d}.charCodeAt(7) === 45 && +${d}.slice(8, 10) > ${days}`);
}

/**
 * What a validator call collects while Ajv walks a resource, when called as `fn.call(walk, resource)`:
 * flat pairs (JSON pointer, reference) and the pointers of Codings whose system is in `lookalikeSystems`.
 */
export interface StructureWalk {
  refs: string[];
  lookalikeCodings: string[];
  lookalikeSystems: ReadonlySet<string>;
}

// Ajv ships CommonJS; Node puts its exports under `default`, some loaders unwrap them. Accept both.
const unwrap = <T>(mod: { default: T }): T => (mod.default ?? (mod as unknown as T));
const instancePath = unwrap(ajvNames).instancePath;
const standaloneCode = unwrap(standaloneModule);

// Called without a walk, `this` is undefined in the strict standalone module but the global object in code Ajv
// compiles in this process: test for the walk itself.
const WALKING = _`this !== undefined && this !== null && this.lookalikeSystems !== undefined`;

function referenceKeyword(cxt: KeywordCxt): void {
  const { gen, data, it } = cxt;
  gen.if(_`${WALKING} && typeof ${data}.reference === "string"`, () => gen.code(_`this.refs.push(${instancePath} + ${it.errorPath}, ${data}.reference)`));
}

function codingKeyword(cxt: KeywordCxt): void {
  const { gen, data, it } = cxt;
  gen.if(_`${WALKING} && typeof ${data}.system === "string" && this.lookalikeSystems.has(${data}.system)`, () =>
    gen.code(_`this.lookalikeCodings.push(${instancePath} + ${it.errorPath})`),
  );
}

function newAjv(source: boolean): Ajv {
  // passContext: the collecting keywords reach the walk through `this`, which Ajv hands down every $ref call.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, messages: false, passContext: true, code: { source } });
  ajv.addKeyword({ keyword: CALENDAR_KEYWORD, type: 'string', schemaType: 'boolean', code: calendarKeyword });
  ajv.addKeyword({ keyword: REFERENCE_KEYWORD, type: 'object', schemaType: 'boolean', code: referenceKeyword });
  ajv.addKeyword({ keyword: CODING_KEYWORD, type: 'object', schemaType: 'boolean', code: codingKeyword });
  return ajv;
}

function defaultCacheDir(): string {
  const env = process.env.ABDM_SANDBOX_CACHE_DIR;
  if (env) return env;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'abdm-sandbox');
}

interface CacheKey {
  key: string;
  packageVersion: string;
}

function cacheKey(): CacheKey {
  const schemaFile = require.resolve(`${SCHEMA_PACKAGE}/fhir.schema.json`);
  const pkg = JSON.parse(readFileSync(require.resolve(`${SCHEMA_PACKAGE}/package.json`), 'utf8')) as { version: string };
  const ajvVersion = (JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')) as { version: string }).version;
  const st = statSync(schemaFile);
  const key = createHash('sha256')
    .update(JSON.stringify([CODEGEN_VERSION, pkg.version, st.size, Math.floor(st.mtimeMs), ajvVersion, EAGER_RESOURCE_TYPES, FAST_STRUCTURE_VERSION]))
    .digest('hex')
    .slice(0, 16);
  return { key, packageVersion: pkg.version };
}

interface Precompiled {
  key: string;
  schemaId: string;
  resourceTypes: string[];
  primitiveByPattern: Array<[string, string]>;
  validators: Record<string, ValidateFunction>;
  fast: FastStructureFactory;
}

/** The look-alike SNOMED system URIs: a Coding under one is left to Ajv's walk, which reports it. */
const LOOKALIKE_SYSTEMS: ReadonlySet<string> = new Set(NON_CANONICAL_SNOMED_SYSTEMS);

function loadPrecompiled(file: string, key: string): Precompiled | undefined {
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  // The file is our own generated code; evaluating it with our require keeps it loadable from any directory.
  new Function('require', 'module', 'exports', code)(require, mod, mod.exports);
  const meta = mod.exports.__abdmMeta as Omit<Precompiled, 'validators' | 'fast'> | undefined;
  if (!meta || meta.key !== key || typeof mod.exports.__abdmFast !== 'function') return undefined;
  const validators: Record<string, ValidateFunction> = {};
  for (const type of EAGER_RESOURCE_TYPES) validators[type] = mod.exports[type] as ValidateFunction;
  return { ...meta, validators, fast: mod.exports.__abdmFast as FastStructureFactory };
}

function compileEager(schema: PatchedR4Schema, key: string, file: string | undefined): { validators: Record<string, ValidateFunction>; fast: FastStructureFactory } {
  const closure = definitionClosure(schema.definitions, EAGER_RESOURCE_TYPES);
  const ajv = newAjv(file !== undefined);
  ajv.addSchema({ $id: EAGER_ID, definitions: closure });
  const validators: Record<string, ValidateFunction> = {};
  for (const type of EAGER_RESOURCE_TYPES) validators[type] = ajv.getSchema(`${EAGER_ID}#/definitions/${type}`) as ValidateFunction;
  // Generated from the same closure before Ajv's compiled code is serialised: both judge one schema.
  const fastSource = fastStructureSource(closure, EAGER_RESOURCE_TYPES);
  const fast = new Function(`return (${fastSource});`)() as FastStructureFactory;
  if (file !== undefined) {
    try {
      const refs = Object.fromEntries(EAGER_RESOURCE_TYPES.map((t) => [t, `${EAGER_ID}#/definitions/${t}`]));
      const meta: Omit<Precompiled, 'validators' | 'fast'> = {
        key,
        schemaId: schema.id,
        resourceTypes: [...schema.resourceTypes],
        primitiveByPattern: [...schema.primitiveByPattern],
      };
      const code = `${standaloneCode(ajv, refs)}\nmodule.exports.__abdmFast = (${fastSource});\nmodule.exports.__abdmMeta = ${JSON.stringify(meta)};\n`;
      mkdirSync(dirname(file), { recursive: true });
      // Write then rename, so a concurrent start-up never reads half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
      // Validators for older schema or Ajv versions are dead weight now.
      for (const name of readdirSync(dirname(file))) {
        if (/^fhir-r4-structure-[0-9a-f]{16}\.cjs$/.test(name) && join(dirname(file), name) !== file) rmSync(join(dirname(file), name), { force: true });
      }
    } catch {
      // A read-only home or full disk only costs the next start-up a compile.
    }
  }
  return { validators, fast };
}

const memo = new Map<string, StructureValidators>();

/** The structure validators: from this process's memo, the cache file, or a fresh compile (then cached). */
export function loadStructureValidators(options: StructureValidatorOptions = {}): StructureValidators {
  const { key, packageVersion } = cacheKey();
  const dir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const memoKey = `${key}|${dir === false ? '' : dir}`;
  const hit = memo.get(memoKey);
  if (hit) return hit;

  const file = dir === false ? undefined : join(dir, `fhir-r4-structure-${key}.cjs`);
  const cached = file ? loadPrecompiled(file, key) : undefined;
  let fullSchema: PatchedR4Schema | undefined;
  const schemaNow = (): PatchedR4Schema => (fullSchema ??= loadPatchedR4Schema());

  let validators: Record<string, ValidateFunction>;
  let fastFactory: FastStructureFactory;
  let resourceTypes: ReadonlySet<string>;
  let primitives: ReadonlyMap<string, string>;
  let schemaId: string;
  if (cached) {
    validators = cached.validators;
    fastFactory = cached.fast;
    resourceTypes = new Set(cached.resourceTypes);
    primitives = new Map(cached.primitiveByPattern);
    schemaId = cached.schemaId;
  } else {
    const schema = schemaNow();
    ({ validators, fast: fastFactory } = compileEager(schema, key, file));
    resourceTypes = schema.resourceTypes;
    primitives = schema.primitiveByPattern;
    schemaId = schema.id;
  }

  let lazyAjv: Ajv | undefined;
  const lazy = new Map<string, ValidateFunction>();
  const result: StructureValidators = {
    source: cached ? 'cache' : 'compiled',
    schemaId,
    packageVersion,
    fast: fastFactory(LOOKALIKE_SYSTEMS),
    isResourceType: (type) => resourceTypes.has(type),
    primitiveFor: (pattern) => primitives.get(pattern),
    validatorFor(type) {
      const eager = validators[type];
      if (eager) return eager;
      if (!resourceTypes.has(type)) return undefined;
      let fn = lazy.get(type);
      if (!fn) {
        if (!lazyAjv) {
          lazyAjv = newAjv(false);
          lazyAjv.addSchema({ $id: FULL_ID, definitions: schemaNow().definitions });
        }
        fn = lazyAjv.getSchema(`${FULL_ID}#/definitions/${type}`) as ValidateFunction;
        lazy.set(type, fn);
      }
      return fn;
    },
  };
  memo.set(memoKey, result);
  return result;
}
