// The HIP suite (milestone M2): how a health-information provider integrates with the gateway. One file per
// group; a new group (discovery, linking, consent, data transfer) is a new file and one line below.
import { defineSuite } from '../../dsl/test-definition.js';
import { hipBridgeGroup } from './bridge.js';
import { hipCallbackSecurityGroup } from './callback-security.js';
import { hipDuplicateDeliveryGroup } from './duplicate-deliveries.js';
import { hipHeaderGroup } from './headers.js';
import { hipSessionGroup } from './session.js';

export const hipSuite = defineSuite({
  id: 'hip',
  title: 'HIP (M2): health-information provider',
  role: 'hip',
  groups: [hipSessionGroup, hipBridgeGroup, hipHeaderGroup, hipCallbackSecurityGroup, hipDuplicateDeliveryGroup],
});
