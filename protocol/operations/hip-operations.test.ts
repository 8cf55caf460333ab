import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';
import { CALLBACKS, OPERATIONS, operationById } from './table.js';

describe('the HIP operations of M2', () => {
  it('are in the table at the v3 paths of spec §11, for HIP callers', () => {
    const rows = ['linktoken.generate-token', 'hil.link-carecontext', 'hil.context-notify', 'hil.sms-notify2', 'dataflow.notify', 'dataflow.request-status'].map((id) => operationById(id)!);
    expect(rows.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/hiecm/v3/token/generate-token',
      'POST /api/hiecm/hip/v3/link/carecontext',
      'POST /api/hiecm/hip/v3/link/context/notify',
      'POST /api/hiecm/hip/v3/link/patient/links/sms/notify2',
      'POST /api/hiecm/data-flow/v3/health-information/notify',
      'GET /api/hiecm/data-flow/v3/health-information/request/status/:transactionId',
    ]);
    for (const r of rows) expect(r.callerRoles).toContain('hip');
  });

  it('document X-LINK-TOKEN and X-HIP-ID in the OpenAPI document', () => {
    const doc = openApiDocument(OPERATIONS, CALLBACKS, 'http://localhost', 'test') as { paths: Record<string, Record<string, { parameters: Array<{ name: string; required: boolean }> }>> };
    const link = doc.paths['/api/hiecm/hip/v3/link/carecontext'].post.parameters;
    expect(link).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-LINK-TOKEN', required: true }), expect.objectContaining({ name: 'X-HIP-ID', required: true })]));
  });
});
