// The ABHA admin routes (`/sandbox/otp`, `/sandbox/aadhaar`, `/sandbox/abha/accounts/...`), mounted by admin-routes.ts.
import express, { type Request, type Response, type Router } from 'express';
import { abhaAccountView, otpOfTransaction, syntheticAadhaarNumbers } from '../admin/abha-admin-api.js';
import type { Sandbox } from '../sandbox.js';

type RouteWrapper = (fn: (req: Request, res: Response) => unknown) => express.RequestHandler;

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' ? value : undefined;
}

/** The routes, wrapped by the admin router's own error handling. */
export function abhaAdminRouter(sandbox: Sandbox, route: RouteWrapper): Router {
  const router = express.Router();
  router.get('/otp', route((req) => otpOfTransaction(sandbox, query(req, 'txnId'))));
  router.get('/aadhaar', route((req) => syntheticAadhaarNumbers(sandbox, { count: query(req, 'count'), from: query(req, 'from') })));
  router.get('/abha/accounts/:id', route((req) => abhaAccountView(sandbox, String(req.params.id))));
  return router;
}
