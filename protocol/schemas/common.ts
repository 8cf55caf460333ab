// Building blocks shared by the v3 JSON Schemas. Bodies allow unknown properties because the real
// gateway ignores them (partners send v0.5 leftovers such as requestId/timestamp in v3 bodies, spec §3.3).
import { HI_TYPES } from '../fhir/hi-types.js';

export type JsonSchema = { [key: string]: unknown };

export const uuidString: JsonSchema = { type: 'string', format: 'uuid' };
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const nonEmptyString: JsonSchema = { type: 'string', minLength: 1 };
export const hiType: JsonSchema = { type: 'string', enum: [...HI_TYPES] };

export function object(properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', properties, required };
}

export function arrayOf(items: JsonSchema, minItems = 0): JsonSchema {
  return { type: 'array', items, minItems };
}

export function nullable(schema: JsonSchema): JsonSchema {
  return { anyOf: [schema, { type: 'null' }] };
}

/** `"error": {"code", "message"}` inside a callback body; null when there is none. */
export const callbackError: JsonSchema = nullable(object({ code: { type: ['string', 'integer'] }, message: { type: 'string' } }, ['code', 'message']));

/** `"response": {"requestId"}`: the REQUEST-ID of the gateway call this callback answers (v3 correlation key). */
export const responseRef: JsonSchema = object({ requestId: uuidString }, ['requestId']);

/** A care context as HIPs describe it in discovery and linking. */
export const careContextRef: JsonSchema = object({ referenceNumber: nonEmptyString, display: { type: 'string' } }, ['referenceNumber']);
