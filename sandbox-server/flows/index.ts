// The M2 flows' public surface, for the conformance runner and other callers: each step the sandbox takes as
// patient, consent manager or HIU toward a HIP, the events they end in, and the rule catalogue they judge by.
export { startDiscovery, type DiscoverInput, type DiscoveredEntry, type PresentedPatient, type StartedStep } from './discovery-flow.js';
export { initLink, confirmLink, SANDBOX_OTP, type LinkInitInput, type LinkConfirmInput } from './user-linking-flow.js';
export { shareProfile, TOKEN_VALIDITY_MS, type ShareProfileInput } from './profile-share-flow.js';
export { grantConsent, revokeConsent, expireConsent, expireDueConsents, consentById, type GrantConsentInput, type ConsentNotified } from './consent-flow.js';
export { requestHealthInformation, transferStatus, DATA_PUSH_PATH, TRANSFER_WINDOW_MS, type HealthInformationRequestInput, type HealthInformationRequested } from './health-information-flow.js';
export { receiveDataPush, DATA_PUSH_MAX_BYTES } from './data-push-receiver.js';
export { FLOW_EVENT_TYPES, emitFlowEvent, type FlowEventType, type FlowFinding } from './flow-events.js';
export { VIRTUAL_HIU } from './flow-parties.js';
export { HIP_FLOW_RULES, type HipFlowRuleId } from '../../protocol/hip-flows/hip-flow-rules.js';
