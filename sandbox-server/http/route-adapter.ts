// How an admin route answers: a handler returns a value (200 JSON) or throws an AbdmError (its ABDM-shaped body).
import type { Request, Response } from 'express';
import { errors, isAbdmError } from '../../protocol/errors.js';

export type RouteHandler = (req: Request, res: Response) => unknown;

/** Wraps a route so thrown AbdmErrors (and anything else) become ABDM-shaped answers. */
export function route(fn: RouteHandler) {
  return async (req: Request, res: Response) => {
    try {
      const result = await fn(req, res);
      if (result !== undefined && !res.headersSent) res.status(200).json(result);
    } catch (err) {
      const error = isAbdmError(err) ? err : errors.unknownException(err instanceof Error ? err.message : String(err));
      if (!res.headersSent) res.status(error.httpStatus).json(error.toBody());
    }
  };
}

/** Query parameters as single strings (the first of repeated ones). */
export function stringParams(query: Request['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(query)) out[k] = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  return out;
}
