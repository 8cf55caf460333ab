// The HIP suite (milestone M2): how a health-information provider integrates with the gateway. One file per
// group; a new group is a new file and one line below. The flow groups drive the HIP through the sandbox's
// virtual patient, consent manager and HIU (docs/conformance.md says how), with patients from patient-casting.ts.
import { defineSuite } from '../../dsl/test-definition.js';
import { hipBridgeGroup } from './bridge.js';
import { hipCallbackSecurityGroup } from './callback-security.js';
import { hipConsentGroup } from './consent-notify.js';
import { hipDiscoveryGroup } from './discovery.js';
import { hipDuplicateDeliveryGroup } from './duplicate-deliveries.js';
import { hipHeaderGroup } from './headers.js';
import { hipRefusalGroup } from './health-information-refusals.js';
import { hipHealthInformationGroup } from './health-information.js';
import { hipInitiatedLinkingGroup } from './hip-initiated-linking.js';
import { hipNotifyGroup } from './notifies.js';
import { hipProfileShareGroup } from './profile-share.js';
import { hipSessionGroup } from './session.js';
import { hipUserLinkingGroup } from './user-linking.js';

export const hipSuite = defineSuite({
  id: 'hip',
  title: 'HIP (M2): health-information provider',
  role: 'hip',
  groups: [
    hipSessionGroup,
    hipBridgeGroup,
    hipHeaderGroup,
    hipCallbackSecurityGroup,
    hipDuplicateDeliveryGroup,
    hipDiscoveryGroup,
    hipUserLinkingGroup,
    hipInitiatedLinkingGroup,
    hipNotifyGroup,
    hipProfileShareGroup,
    hipConsentGroup,
    hipHealthInformationGroup,
    hipRefusalGroup,
  ],
});
