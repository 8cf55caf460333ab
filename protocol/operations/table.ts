// The one operation table: every P→G operation and G→P callback the sandbox knows, with lookups.
// Routes, checks, the journal's labels and the OpenAPI document are all derived from these rows.
import { abhaOperations } from './abha-operations.js';
import { answerOperations } from './answer-operations.js';
import { callbackDefinitions } from './callbacks.js';
import { gatewayOperations } from './gateway-operations.js';
import { hipOperations } from './hip-operations.js';
import { hiuOperations } from './hiu-operations.js';
import type { CallbackDefinition, Operation } from './operation.js';

export const OPERATIONS: ReadonlyArray<Operation> = [...gatewayOperations, ...answerOperations, ...hipOperations, ...hiuOperations, ...abhaOperations];
export const CALLBACKS: ReadonlyArray<CallbackDefinition> = callbackDefinitions;

const operationsById = new Map(OPERATIONS.map((op) => [op.id, op]));
const callbacksById = new Map(CALLBACKS.map((cb) => [cb.id, cb]));

export function operationById(id: string): Operation | undefined {
  return operationsById.get(id);
}

export function callbackById(id: string): CallbackDefinition | undefined {
  return callbacksById.get(id);
}

/** Internal consistency of the table; an empty list means every cross-reference holds. */
export function tableProblems(operations = OPERATIONS, callbacks = CALLBACKS): string[] {
  const problems: string[] = [];
  const opIds = new Set<string>();
  const routes = new Set<string>();
  for (const op of operations) {
    if (opIds.has(op.id)) problems.push(`duplicate operation id ${op.id}`);
    opIds.add(op.id);
    const route = `${op.method} ${op.path}`;
    if (routes.has(route)) problems.push(`duplicate route ${route}`);
    routes.add(route);
    if (op.auth === 'bearer' && op.callerRoles.length === 0) problems.push(`${op.id} needs a token but no role may call it`);
    if (op.answers) {
      const cb = callbacks.find((c) => c.id === op.answers);
      if (!cb) problems.push(`${op.id} answers unknown callback ${op.answers}`);
      else if (cb.answeredBy !== op.id) problems.push(`${op.id} answers ${cb.id}, but ${cb.id} names ${cb.answeredBy ?? 'no'} answer`);
    }
  }
  for (const cb of callbacks) {
    if (cb.answeredBy && !opIds.has(cb.answeredBy)) problems.push(`${cb.id} is answered by unknown operation ${cb.answeredBy}`);
    if (!cb.path.startsWith('/api/v3/')) problems.push(`${cb.id} path ${cb.path} is not under /api/v3/`);
  }
  return problems;
}
