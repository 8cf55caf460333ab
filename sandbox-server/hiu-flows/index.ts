// The M3 flows' public surface, for the conformance runner and other callers: what the sandbox does as patient,
// consent manager and HIPs toward a HIU (each step a service function), the settings that steer the virtual
// patient and HIPs, the events the flows end in, and the rule catalogue they judge by.
export { receiveConsentRequest, answerConsentRequestStatus, answerConsentFetch, type HiuCall, type ConsentRequestAccepted } from './consent-request-intake.js';
export { consentRequestById, decideConsentRequest, revokeConsentRequest, expireConsentRequest, runDueConsentActions, requestReachedPatient } from './consent-lifecycle.js';
export { CONSENT_DECISIONS, DEFAULT_CONSENT_POLICY, consentPolicyOf, setPatientConsentPolicy, clearPatientConsentPolicy, parseConsentPolicy, type ConsentPolicy, type ConsentDecision } from './consent-policy.js';
export { DEFAULT_HIP_BEHAVIOUR, EVERYONE, hipBehaviourOf, setVirtualHipBehaviour, clearVirtualHipBehaviour, parseHipBehaviour, type VirtualHipBehaviour } from './virtual-hip-behaviour.js';
export { careContextsByHip, hipModeOf, type HipCareContexts, type PatientCareContext } from './patient-care-contexts.js';
export { receiveHealthInformationRequest, hiuTransferStatus, hipReport, type HiuHealthInformationBody, type HiuHealthInformationRequested } from './hiu-health-information-flow.js';
export { PUSH_TIMEOUT_MS, type VirtualDelivery } from './virtual-hip-push.js';
export { receiveHiuTransferNotify, reportMissingNotifies } from './hiu-transfer-notify.js';
export { sweepHiuFlows } from './hiu-flow-sweep.js';
export { HIU_FLOW_EVENT_TYPES, emitHiuFlowEvent, type HiuFlowEventType } from './hiu-flow-events.js';
export { HIU_FLOW_RULES, hiuFinding, type HiuFlowRuleId } from '../../protocol/hiu-flows/hiu-flow-rules.js';
