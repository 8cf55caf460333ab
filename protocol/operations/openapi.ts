// Derives an OpenAPI 3.1 document from the operation table: the partner-facing operations as paths, and the
// calls the gateway makes to bridges as webhooks. Served at /api/hiecm/openapi.json.
import type { JsonSchema } from '../schemas/common.js';
import type { CallbackDefinition, Operation } from './operation.js';

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string', example: 'ABDM-1006' }, message: { type: 'string' } }, required: ['code', 'message'] } },
};
const WSO2_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { code: { type: 'string', example: '900901' }, message: { type: 'string' }, description: { type: 'string' } },
};

const USER_TOKEN_DOC = {
  'x-token': ['X-token', "The user's token from a login or an enrolment"],
  't-token': ['T-token', 'The transfer token a mobile-OTP login returns'],
  'r-token': ['R-token', 'The refresh token'],
} as const;

function header(name: string, description: string, required: boolean, example?: string) {
  return { name, in: 'header', required, description, schema: { type: 'string' }, ...(example ? { example } : {}) };
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function operationObject(op: Operation): Record<string, unknown> {
  const parameters: unknown[] = [];
  if (op.standardHeaders) {
    parameters.push(
      header('REQUEST-ID', 'A new UUID for every call; callbacks echo it in response.requestId', true, '18235d89-cb13-479d-ad71-7a57d5f669a8'),
      header('TIMESTAMP', 'Current UTC time, ISO-8601 with milliseconds and Z', true, '2026-01-31T10:11:12.345Z'),
      header('X-CM-ID', 'Consent manager id: sbx in the sandbox', op.headerPolicy?.cmId !== 'optional', 'sbx'),
    );
  }
  const token = op.headerPolicy?.userToken;
  if (token) {
    const [name, what] = USER_TOKEN_DOC[token.header];
    parameters.push(header(name, `${what}${token.bearer === 'required' ? ', as "Bearer <token>"' : ''}`, true, 'Bearer eyJ...'));
  }
  if (op.headerPolicy?.transactionHeader) parameters.push(header(op.headerPolicy.transactionHeader.toUpperCase(), 'The txnId of the enrolment', true));
  if (op.routing) parameters.push(header(op.routing.header.toUpperCase(), `Your ${op.routing.header === 'x-hip-id' ? 'HIP' : 'HIU'} service id`, op.routing.required));
  for (const h of op.headers ?? []) parameters.push(header(h.name.toUpperCase(), h.description, h.required));
  for (const m of op.path.matchAll(/:([A-Za-z]+)/g)) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (op.id === 'gateway.providers') parameters.push({ name: 'name', in: 'query', required: false, schema: { type: 'string' } });

  const responses: Record<string, unknown> = {
    [String(op.successStatus)]: {
      description: op.successStatus === 202 ? 'Accepted; the answer arrives later as a callback' : 'OK',
      ...(op.responseType ? { content: { [op.responseType]: { schema: { type: 'string', format: 'binary' } } } } : {}),
    },
    '400': { description: 'Bad request (ABDM error)', content: { 'application/json': { schema: ERROR_SCHEMA } } },
  };
  if (op.auth === 'bearer') {
    responses['401'] = { description: 'Missing or invalid token', content: { 'application/json': { schema: WSO2_ERROR_SCHEMA } } };
    responses['403'] = { description: "The token's role may not call this operation", content: { 'application/json': { schema: WSO2_ERROR_SCHEMA } } };
  }
  return {
    operationId: op.id,
    summary: op.summary,
    description: `Spec: ${op.spec}.${op.answers ? ` Answers the gateway call ${op.answers}: response.requestId must be its REQUEST-ID.` : ''}`,
    tags: [op.tag],
    ...(op.deprecated ? { deprecated: true } : {}),
    ...(op.auth === 'bearer' ? { security: [{ bearerAuth: [] }] } : { security: [] }),
    parameters,
    ...(op.body ? { requestBody: { required: op.body.required, content: { 'application/json': { schema: op.body.schema } } } } : {}),
    responses,
  };
}

function webhookObject(cb: CallbackDefinition): Record<string, unknown> {
  return {
    post: {
      operationId: cb.id,
      summary: `${cb.summary} (the gateway calls {bridgeUrl}${cb.path})`,
      description: `Spec: ${cb.spec}. Signed with the gateway's RS256 JWT in Authorization; carries REQUEST-ID, TIMESTAMP and ${cb.routingHeader.toUpperCase()}.${cb.answeredBy ? ` Answer with ${cb.answeredBy}.` : ''}`,
      tags: [cb.targetRole === 'hip' ? 'to HIP bridges' : 'to HIU bridges'],
      responses: { '202': { description: 'Accepted by the bridge' } },
    },
  };
}

export function openApiDocument(operations: ReadonlyArray<Operation>, callbacks: ReadonlyArray<CallbackDefinition>, serverUrl: string, version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = toOpenApiPath(op.path);
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: operationObject(op) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'abdm-sandbox: simulated ABDM HIE-CM gateway (v3) and ABHA service',
      version,
      description: 'Generated from the sandbox operation table. Paths and bodies follow the ABDM v3 specifications; see the spec references in each operation.',
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
    webhooks: Object.fromEntries(callbacks.map((cb) => [cb.id, webhookObject(cb)])),
  };
}
