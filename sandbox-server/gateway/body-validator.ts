// Compiles every operation's JSON Schema once at start-up and turns ajv's errors into one sentence
// that names the exact field, e.g. `body.patient[0].careContexts must be an array`.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Operation } from '../../protocol/operations/operation.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv, formats: string[]) => Ajv;

const MAX_REPORTED = 5;

export class BodyValidator {
  private readonly schemas = new Map<string, object>();
  private readonly validators = new Map<string, ValidateFunction>();
  private ajv: Ajv | undefined;

  constructor(operations: ReadonlyArray<Operation>) {
    for (const op of operations) if (op.body) this.schemas.set(op.id, op.body.schema);
  }

  /** Undefined when valid; otherwise the problems, most specific first, at most five. */
  problems(operationId: string, body: unknown): string[] | undefined {
    const validate = this.validatorFor(operationId);
    if (!validate || validate(body)) return undefined;
    const described = (validate.errors ?? []).filter((e) => !isNoise(e)).map(describe);
    const unique = [...new Set(described)];
    return unique.slice(0, MAX_REPORTED).concat(unique.length > MAX_REPORTED ? [`and ${unique.length - MAX_REPORTED} more`] : []);
  }

  /** The operation's compiled schema; compiled on first use, since compiling them all would slow the sandbox's start. */
  validatorFor(operationId: string): ValidateFunction | undefined {
    let validate = this.validators.get(operationId);
    if (validate) return validate;
    const schema = this.schemas.get(operationId);
    if (!schema) return undefined;
    if (!this.ajv) {
      this.ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
      addFormats(this.ajv, ['uri', 'date-time', 'uuid', 'date', 'email']);
    }
    validate = this.ajv.compile(schema);
    this.validators.set(operationId, validate);
    return validate;
  }

  /** Compiles every schema now (tests use it to catch a broken schema without waiting for a request). */
  compileAll(): void {
    for (const id of this.schemas.keys()) this.validatorFor(id);
  }
}

/** Combinator errors (anyOf/if) repeat what their branches already said. */
function isNoise(error: ErrorObject): boolean {
  return error.keyword === 'anyOf' || error.keyword === 'if' || error.keyword === 'allOf';
}

/** `/patient/0/careContexts` → `body.patient[0].careContexts` */
export function jsonPointerToPath(pointer: string): string {
  let path = 'body';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return path;
}

function describe(error: ErrorObject): string {
  const at = jsonPointerToPath(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${at === 'body' ? 'body' : at}.${String(p.missingProperty)} is required`;
    case 'type':
      return `${at} must be ${article(String(p.type))}`;
    case 'enum':
      return `${at} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${at} must be ${JSON.stringify(p.allowedValue)}`;
    case 'format':
      return `${at} must be a valid ${String(p.format)}${String(p.format) === 'date-time' ? ' (ISO-8601, e.g. 2026-01-31T10:11:12.345Z)' : ''}`;
    case 'pattern':
      return `${at} must match ${String(p.pattern)}`;
    case 'minLength':
      return Number(p.limit) === 1 ? `${at} must not be empty` : `${at} must be at least ${String(p.limit)} characters`;
    case 'minItems':
      return `${at} must have at least ${String(p.limit)} item(s)`;
    case 'minimum':
      return `${at} must be ≥ ${String(p.limit)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

function article(type: string): string {
  const names = type.split(',').map((t) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`));
  return names.join(' or ');
}
