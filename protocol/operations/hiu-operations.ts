// The calls a HIU makes to the gateway outside the `on-*` answers (spec §6.2, §6.3, §6.5, §6.6, v3 paths of §11):
// consent requests, their status, fetching artefacts, and asking for the data. Their answers reach the HIU's
// bridge as the `hiu.*` callbacks; the HIU's transfer notify and status lookup are shared rows (hip-operations).
import { consentFetchRequest, consentRequestInitRequest, consentRequestStatusRequest } from '../schemas/hiu-consent.js';
import { hiuHealthInformationRequest } from '../schemas/hiu-data-flow.js';
import type { Operation } from './operation.js';

const H = '/api/hiecm';

export const hiuOperations: ReadonlyArray<Operation> = [
  {
    id: 'consent.request-init',
    summary: 'HIU asks a patient for consent (answered at consent/request/on-init with the consent request id; refusals come as an array)',
    method: 'POST',
    path: `${H}/consent/v3/request/init`,
    auth: 'bearer',
    callerRoles: ['hiu'],
    standardHeaders: true,
    // The spec lists only X-CM-ID; WRAP and NHA-LEARN also send X-HIU-ID, which is then checked like everywhere else.
    routing: { header: 'x-hiu-id', required: false },
    body: { schema: consentRequestInitRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §6.2',
    tag: 'consent',
  },
  {
    id: 'consent.request-status',
    summary: 'HIU asks where a consent request stands (answered at consent/request/on-status)',
    method: 'POST',
    path: `${H}/consent/v3/request/status`,
    auth: 'bearer',
    callerRoles: ['hiu'],
    standardHeaders: true,
    routing: { header: 'x-hiu-id', required: true },
    body: { schema: consentRequestStatusRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §6.3',
    tag: 'consent',
  },
  {
    id: 'consent.fetch',
    summary: 'HIU fetches a consent artefact by id (answered at consent/on-fetch)',
    method: 'POST',
    path: `${H}/consent/v3/fetch`,
    auth: 'bearer',
    callerRoles: ['hiu'],
    standardHeaders: true,
    routing: { header: 'x-hiu-id', required: true },
    body: { schema: consentFetchRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §6.5',
    tag: 'consent',
  },
  {
    id: 'dataflow.health-information-request',
    summary: "HIU asks for the data a consent artefact covers, with its key material and dataPushUrl (answered at health-information/on-request; the HIP pushes to the dataPushUrl)",
    method: 'POST',
    path: `${H}/data-flow/v3/health-information/request`,
    auth: 'bearer',
    callerRoles: ['hiu'],
    standardHeaders: true,
    routing: { header: 'x-hiu-id', required: true },
    body: { schema: hiuHealthInformationRequest, required: true },
    successStatus: 202,
    spec: 'abdm-api.md §6.6',
    tag: 'data-flow',
  },
];
