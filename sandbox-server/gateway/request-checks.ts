// The checks the gateway makes on every partner call before any handler runs (spec §3.1 step 1, §12.2 #2):
// token, standard headers, role, routing headers, and the body. Each failure is the real v3 error with a
// message naming exactly what is wrong.
import { abhaErrors } from '../../protocol/abha/abha-errors.js';
import { errors, type AbdmError } from '../../protocol/errors.js';
import type { Finding } from '../../protocol/findings.js';
import { HEADER, isUuid, parseTimestamp, timestampOutsideWindow, WIRE_NAME } from '../../protocol/headers.js';
import type { HeaderPolicy, Operation, PartnerRole } from '../../protocol/operations/operation.js';
import type { SandboxContext } from '../context.js';
import { rolesOf, type PartnerClient } from '../store/partner-repository.js';
import type { BodyValidator } from './body-validator.js';
import type { InboundRequest } from './http-types.js';

/** The caller behind the Bearer token; throws the gateway's 401 (ABHA's API manager answers a missing one with 900902). */
export async function authenticate(ctx: SandboxContext, headers: Record<string, string>, policy?: HeaderPolicy): Promise<PartnerClient> {
  const value = headers[HEADER.authorization];
  if (!value) throw policy?.errorStyle === 'abha' ? abhaErrors.missingCredentials() : errors.authorizationMissing();
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (!m) throw errors.invalidCredentials('the Authorization header must be "Bearer <accessToken>"');
  const claims = await ctx.tokens.verifyAccess(m[1]);
  const client = ctx.partners.client(claims.clientId);
  if (!client) throw errors.invalidCredentials(`client ${claims.clientId} is no longer registered in this sandbox`);
  return client;
}

/** REQUEST-ID, TIMESTAMP and X-CM-ID (optional where the policy says so); returns the REQUEST-ID and adds warnings for near misses. */
export function checkStandardHeaders(ctx: SandboxContext, headers: Record<string, string>, findings: Finding[], policy?: HeaderPolicy): string {
  const requestId = headers[HEADER.requestId];
  if (requestId === undefined || requestId === '') throw errors.invalidHeader('REQUEST-ID header is missing; send a new UUID on every call');
  if (!isUuid(requestId)) throw errors.invalidRequestId(`REQUEST-ID "${truncate(requestId)}" is not a UUID (e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6)`);

  const timestamp = headers[HEADER.timestamp];
  if (timestamp === undefined || timestamp === '') throw errors.invalidHeader('TIMESTAMP header is missing; send the current UTC time, e.g. 2026-01-31T10:11:12.345Z');
  const parsed = parseTimestamp(timestamp);
  if (typeof parsed === 'string') throw errors.invalidTimestampFormat(`TIMESTAMP ${parsed}`);
  const outside = timestampOutsideWindow(parsed.ms, ctx.clock.now(), ctx.config.timestampWindow);
  if (outside) throw errors.timestampOutOfWindow(outside);
  if (!parsed.canonical) {
    findings.push({ ruleId: 'hdr-timestamp-format', severity: 'warning', path: 'TIMESTAMP', message: `TIMESTAMP "${timestamp}" is accepted, but ABDM's format is UTC with milliseconds and Z (yyyy-MM-ddTHH:mm:ss.SSSZ)` });
  }

  const cmId = headers[HEADER.cmId];
  if (policy?.cmId === 'optional') {
    if (cmId !== undefined && cmId !== '' && cmId !== ctx.config.cmId) {
      findings.push({ ruleId: 'hdr-cm-id', severity: 'warning', path: 'X-CM-ID', message: `X-CM-ID "${truncate(cmId)}" is ignored on this call, but this sandbox is "${ctx.config.cmId}"` });
    }
    return requestId;
  }
  if (cmId === undefined || cmId === '') throw errors.invalidHeader(`X-CM-ID header is missing; the sandbox consent manager is "${ctx.config.cmId}"`);
  if (cmId !== ctx.config.cmId) {
    const hint = cmId.toLowerCase() === ctx.config.cmId ? ' (it is case-sensitive)' : cmId === 'abdm' ? ' ("abdm" is production)' : '';
    throw errors.invalidCmId(`X-CM-ID is "${truncate(cmId)}"; this sandbox is "${ctx.config.cmId}"${hint}`);
  }
  return requestId;
}

/** The caller's token must carry a role the operation allows (spec §2.2 ACL). */
export function checkRole(operation: Operation, client: PartnerClient): void {
  if (operation.callerRoles.length === 0) return;
  const roles = rolesOf(client);
  if (roles.some((r) => operation.callerRoles.includes(r))) return;
  const allowed = operation.callerRoles.map((r) => r.toUpperCase()).join(' or ');
  throw errors.resourceForbidden(`${operation.method} ${operation.path} is for ${allowed} clients; client ${client.clientId} is registered as ${roles.map((r) => r.toUpperCase()).join(', ') || 'nothing'}`);
}

const ROUTING_ROLE: Record<'x-hip-id' | 'x-hiu-id', PartnerRole> = { 'x-hip-id': 'hip', 'x-hiu-id': 'hiu' };

/**
 * Routing headers name one of the caller's own services: required where the operation needs one, and checked
 * wherever present (a partner cannot speak for another's HIP). Returns the service id, if any.
 */
export function checkRouting(operation: Operation, client: PartnerClient, headers: Record<string, string>): string | undefined {
  let serviceId: string | undefined;
  for (const header of ['x-hip-id', 'x-hiu-id'] as const) {
    const value = headers[header];
    const required = operation.routing?.header === header && operation.routing.required;
    if (value === undefined || value === '') {
      if (required) throw errors.invalidHeader(`${WIRE_NAME[header]} header is missing; send your ${ROUTING_ROLE[header].toUpperCase()} id`);
      continue;
    }
    const role = ROUTING_ROLE[header];
    const service = client.services.find((s) => s.serviceId === value && s.active);
    const invalid = role === 'hip' ? errors.invalidHipId : errors.invalidHiuId;
    if (!service) throw invalid(`${WIRE_NAME[header]} "${truncate(value)}" is not a service of client ${client.clientId} (its services: ${client.services.map((s) => s.serviceId).join(', ') || 'none'})`);
    if (service.role !== role) throw invalid(`${WIRE_NAME[header]} "${value}" is registered as ${service.role.toUpperCase()}, not ${role.toUpperCase()}`);
    if (operation.routing?.header === header || serviceId === undefined) serviceId = value;
  }
  return serviceId;
}

const TOKEN_WIRE_NAME = { 'x-token': 'X-token', 't-token': 'T-token', 'r-token': 'R-token' } as const;

/**
 * The user token the operation's header policy asks for (spec §4.4), without its `Bearer ` prefix. Presence and
 * form are checked here; what the token is (user, transfer or refresh; expired) is the ABHA service's business.
 */
export function checkUserTokenHeader(operation: Operation, headers: Record<string, string>, findings: Finding[]): string | undefined {
  const rule = operation.headerPolicy?.userToken;
  if (!rule) return undefined;
  const name = TOKEN_WIRE_NAME[rule.header];
  const value = headers[rule.header];
  if (value === undefined || value.trim() === '') {
    findings.push({ ruleId: 'abha-user-token-missing', severity: 'error', path: name, message: `${name} header is missing` });
    throw abhaErrors.invalidUserToken(name, `${name} header is missing; send "${name}: Bearer <token>"`);
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (m) return m[1];
  if (rule.bearer === 'required') {
    findings.push({ ruleId: 'abha-user-token-bearer', severity: 'error', path: name, message: `${name} was sent without the "Bearer " prefix` });
    throw abhaErrors.invalidUserToken(name, `the ${name} header must be "Bearer <token>"; it was sent without "Bearer "`);
  }
  return value.trim();
}

/** The transaction id from the header the policy names (GET suggestion's `TRANSACTION_ID`). */
export function checkTransactionHeader(operation: Operation, headers: Record<string, string>): string | undefined {
  const name = operation.headerPolicy?.transactionHeader;
  if (!name) return undefined;
  const value = headers[name] ?? headers[name.replace(/_/g, '-')];
  if (value === undefined || value.trim() === '') throw abhaErrors.invalidTransaction(`the ${name.toUpperCase()} header is missing; send the txnId of the enrolment`);
  return value.trim();
}

/** Headers the operation declares beyond the standard and routing ones: a missing required one is ABDM-1032. */
export function checkDeclaredHeaders(operation: Operation, headers: Record<string, string>): void {
  for (const h of operation.headers ?? []) {
    if (h.required && (headers[h.name] === undefined || headers[h.name] === '')) {
      throw errors.invalidHeader(`${WIRE_NAME[h.name] ?? h.name.toUpperCase()} header is missing; send ${h.description.charAt(0).toLowerCase()}${h.description.slice(1)}`);
    }
  }
}

/** Parses and validates the JSON body; returns the parsed value (undefined for operations without a body). */
export function parseBody(operation: Operation, request: InboundRequest, validator: BodyValidator, maxBytes: number): unknown {
  if (!operation.body) return undefined;
  const limit = operation.body.maxBytes ?? maxBytes;
  if (request.bodyTooLarge || (request.body !== undefined && Buffer.byteLength(request.body) > limit)) throw errors.bodyTooLarge(limit);
  const text = request.body;
  if (text === undefined || text.trim() === '') {
    if (operation.body.required) throw errors.bodyMissing();
    return undefined;
  }
  const contentType = request.headers['content-type'];
  if (contentType && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw errors.unsupportedMediaType(`Content-Type is "${truncate(contentType)}"; send application/json`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw errors.invalidBody(`the body is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw errors.invalidBody('the body must be a JSON object');
  const problems = validator.problems(operation.id, body);
  if (problems) throw operation.headerPolicy?.errorStyle === 'abha' ? abhaFieldProblems(problems) : errors.invalidBody(problems.join('; '));
  return body;
}

/** ABHA names each bad field as a key of its 400 (`{"scope":"Invalid Scope",...}`); the validator's sentences start with the path. */
function abhaFieldProblems(problems: ReadonlyArray<string>): AbdmError {
  const byField = new Map<string, string>();
  for (const problem of problems) {
    const m = /^body((?:\.[A-Za-z_$][\w$]*|\[[^\]]*\])*)/.exec(problem);
    const segments = (m?.[1] ?? '').match(/[A-Za-z_$][\w$]*/g) ?? [];
    const required = / is required$/.test(problem);
    const field = (required ? /\.([A-Za-z_$][\w$]*) is required$/.exec(problem)?.[1] : segments[segments.length - 1]) ?? 'body';
    if (!byField.has(field)) byField.set(field, problem);
  }
  return abhaErrors.invalidFields([...byField].map(([field, detail]) => ({ field, detail })));
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}
