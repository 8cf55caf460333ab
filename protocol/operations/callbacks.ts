// The calls the gateway makes to partners' bridges, at `{bridgeUrl}/api/v3/...` (spec §3.4).
import type { CallbackDefinition } from './operation.js';

export const callbackDefinitions: ReadonlyArray<CallbackDefinition> = [
  { id: 'hip.discover', summary: 'Discovery request for a patient', path: '/api/v3/hip/patient/care-context/discover', targetRole: 'hip', routingHeader: 'x-hip-id', answeredBy: 'uil.on-discover', spec: 'abdm-api.md §5.1' },
  { id: 'hip.link-init', summary: 'Start linking the chosen care contexts', path: '/api/v3/hip/link/care-context/init', targetRole: 'hip', routingHeader: 'x-hip-id', answeredBy: 'uil.on-init', spec: 'abdm-api.md §5.2' },
  { id: 'hip.link-confirm', summary: 'Confirm a link with the OTP the patient entered', path: '/api/v3/hip/link/care-context/confirm', targetRole: 'hip', routingHeader: 'x-hip-id', answeredBy: 'uil.on-confirm', spec: 'abdm-api.md §5.3' },
  { id: 'hip.consent-notify', summary: 'Consent granted, revoked or expired', path: '/api/v3/consent/request/hip/notify', targetRole: 'hip', routingHeader: 'x-hip-id', answeredBy: 'consent.hip-on-notify', spec: 'abdm-api.md §5.8' },
  { id: 'hip.health-information-request', summary: 'Request for the records a consent covers', path: '/api/v3/hip/health-information/request', targetRole: 'hip', routingHeader: 'x-hip-id', answeredBy: 'dataflow.hip-on-request', spec: 'abdm-api.md §5.9' },
  { id: 'hip.patient-share', summary: 'A patient shared their profile at a counter', path: '/api/v3/hip/patient/share', targetRole: 'hip', routingHeader: 'x-hip-id', answeredBy: 'share.on-share', spec: 'abdm-api.md §5.11' },
  { id: 'hip.on-generate-token', summary: 'The link token, or why it could not be issued', path: '/api/v3/hip/token/on-generate-token', targetRole: 'hip', routingHeader: 'x-hip-id', spec: 'abdm-api.md §5.5' },
  { id: 'hip.on-carecontext', summary: 'Outcome of a HIP-initiated link', path: '/api/v3/link/on_carecontext', targetRole: 'hip', routingHeader: 'x-hip-id', spec: 'abdm-api.md §5.5' },
  { id: 'hip.links-context-on-notify', summary: 'Outcome of a care-context notify', path: '/api/v3/links/context/on-notify', targetRole: 'hip', routingHeader: 'x-hip-id', spec: 'abdm-api.md §5.6' },
  { id: 'hip.sms-on-notify', summary: 'Outcome of an SMS deep-link notify', path: '/api/v3/patients/sms/on-notify', targetRole: 'hip', routingHeader: 'x-hip-id', spec: 'abdm-api.md §5.7' },
  { id: 'hiu.consent-on-init', summary: 'The consent request id, or why the request was refused', path: '/api/v3/hiu/consent/request/on-init', targetRole: 'hiu', routingHeader: 'x-hiu-id', spec: 'abdm-api.md §6.2' },
  { id: 'hiu.consent-on-status', summary: 'Status of a consent request', path: '/api/v3/hiu/consent/request/on-status', targetRole: 'hiu', routingHeader: 'x-hiu-id', spec: 'abdm-api.md §6.3' },
  { id: 'hiu.consent-notify', summary: 'Consent granted, denied, revoked or expired', path: '/api/v3/hiu/consent/request/notify', targetRole: 'hiu', routingHeader: 'x-hiu-id', answeredBy: 'consent.hiu-on-notify', spec: 'abdm-api.md §6.4' },
  { id: 'hiu.consent-on-fetch', summary: 'A consent artefact', path: '/api/v3/hiu/consent/on-fetch', targetRole: 'hiu', routingHeader: 'x-hiu-id', spec: 'abdm-api.md §6.5' },
  { id: 'hiu.health-information-on-request', summary: 'A health-information request was accepted', path: '/api/v3/hiu/health-information/on-request', targetRole: 'hiu', routingHeader: 'x-hiu-id', spec: 'abdm-api.md §6.6' },
];
