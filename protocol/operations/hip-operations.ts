// The calls a HIP makes to the gateway outside the `on-*` answers (spec §5.5–§5.7, §5.9, v3 paths of §11):
// HIP-initiated linking with a link token, care-context and SMS notifies, and the end of a data transfer.
import { healthInformationNotifyRequest } from '../schemas/health-information-notify.js';
import { contextNotifyRequest, generateTokenRequest, linkCareContextRequest, smsNotifyRequest } from '../schemas/hip-linking.js';
import type { Operation } from './operation.js';

const H = '/api/hiecm';

export const hipOperations: ReadonlyArray<Operation> = [
  {
    id: 'linktoken.generate-token',
    summary: 'HIP asks for a link token for a patient, proving who they are with demographics (answered at on-generate-token)',
    method: 'POST',
    // The only v3 operation without a module segment: `/api/hiecm/v3/token/...` (V3-LT, WRAP GatewayURL).
    path: `${H}/v3/token/generate-token`,
    auth: 'bearer',
    callerRoles: ['hip'],
    standardHeaders: true,
    routing: { header: 'x-hip-id', required: true },
    body: { schema: generateTokenRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §5.5',
    tag: 'hip-initiated-linking',
  },
  {
    id: 'hil.link-carecontext',
    summary: 'HIP links care contexts to a patient with a link token (answered at on_carecontext)',
    method: 'POST',
    path: `${H}/hip/v3/link/carecontext`,
    auth: 'bearer',
    callerRoles: ['hip'],
    standardHeaders: true,
    routing: { header: 'x-hip-id', required: true },
    headers: [{ name: 'x-link-token', required: true, description: 'The link token from on-generate-token (valid 6 months, reusable)' }],
    body: { schema: linkCareContextRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §5.5',
    tag: 'hip-initiated-linking',
  },
  {
    id: 'hil.context-notify',
    summary: 'HIP says an already linked care context has new data (answered at links/context/on-notify)',
    method: 'POST',
    path: `${H}/hip/v3/link/context/notify`,
    auth: 'bearer',
    callerRoles: ['hip'],
    standardHeaders: true,
    routing: { header: 'x-hip-id', required: true },
    body: { schema: contextNotifyRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §5.6',
    tag: 'hip-initiated-linking',
  },
  {
    id: 'hil.sms-notify2',
    summary: 'HIP asks the gateway to text a patient a deep link to discover the HIP (answered at patients/sms/on-notify)',
    method: 'POST',
    path: `${H}/hip/v3/link/patient/links/sms/notify2`,
    auth: 'bearer',
    callerRoles: ['hip'],
    standardHeaders: true,
    // The spec lists only X-CM-ID; WRAP also sends X-HIP-ID, which is then checked like everywhere else.
    routing: { header: 'x-hip-id', required: false },
    body: { schema: smsNotifyRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §5.7',
    tag: 'hip-initiated-linking',
  },
  {
    id: 'dataflow.notify',
    summary: 'HIP (or HIU) reports how a health-information transfer ended, per care context',
    method: 'POST',
    path: `${H}/data-flow/v3/health-information/notify`,
    auth: 'bearer',
    callerRoles: ['hip', 'hiu'],
    standardHeaders: true,
    body: { schema: healthInformationNotifyRequest, required: true },
    // Observed: 202 with {"status":"Notification is Accepted"} (spec §5.9 [OBS]).
    successStatus: 202,
    spec: 'abdm-api.md §5.9',
    tag: 'data-flow',
  },
  {
    id: 'dataflow.request-status',
    summary: 'Status of a health-information transfer by its transactionId',
    method: 'GET',
    path: `${H}/data-flow/v3/health-information/request/status/:transactionId`,
    auth: 'bearer',
    callerRoles: ['hip', 'hiu'],
    standardHeaders: true,
    successStatus: 200,
    spec: 'abdm-api.md §5.9, §11',
    tag: 'data-flow',
  },
];
