// Matches a method and path against the operation table: the operation and its path parameters, or why
// nothing matched (404, or 405 with the allowed methods), for adapters whose own router cannot tell.
import { errors, type AbdmError } from '../../protocol/errors.js';
import type { Operation } from '../../protocol/operations/operation.js';

interface CompiledRoute {
  operation: Operation;
  pattern: RegExp;
  params: string[];
}

export type RouteMatch = { operation: Operation; params: Record<string, string> } | { error: AbdmError; allow?: string[] };

export class RouteMatcher {
  private readonly routes: CompiledRoute[];
  /** `METHOD path` → operation, for the paths without parameters: most calls are found in one lookup. */
  private readonly staticRoutes = new Map<string, Operation>();

  constructor(operations: ReadonlyArray<Operation>) {
    for (const op of operations) if (!op.path.includes(':')) this.staticRoutes.set(`${op.method} ${op.path}`, op);
    this.routes = operations.map((operation) => {
      const params: string[] = [];
      const source = operation.path
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          params.push(segment.slice(1));
          return '([^/]+)';
        })
        .join('/');
      return { operation, pattern: new RegExp(`^${source}/?$`), params };
    });
  }

  match(method: string, path: string): RouteMatch {
    const direct = this.staticRoutes.get(`${method.toUpperCase()} ${path}`);
    if (direct) return { operation: direct, params: {} };
    const allow: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.operation.method === method.toUpperCase()) {
        const params: Record<string, string> = {};
        route.params.forEach((name, i) => (params[name] = safeDecode(m[i + 1])));
        return { operation: route.operation, params };
      }
      allow.push(route.operation.method);
    }
    if (allow.length > 0) return { error: errors.methodNotAllowed(method, path, allow), allow };
    return { error: errors.noRoute(method, path) };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
