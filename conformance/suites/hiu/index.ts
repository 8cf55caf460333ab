// The HIU suite (milestone M3): how a health-information user integrates with the gateway. One file per group;
// a new group (consent requests, notifications, data requests and receipt) is a new file and one line below.
import { defineSuite } from '../../dsl/test-definition.js';
import { hiuBridgeGroup } from './bridge.js';
import { hiuCallbackSecurityGroup } from './callback-security.js';
import { hiuHeaderGroup } from './headers.js';
import { hiuSessionGroup } from './session.js';

export const hiuSuite = defineSuite({
  id: 'hiu',
  title: 'HIU (M3): health-information user',
  role: 'hiu',
  groups: [hiuSessionGroup, hiuBridgeGroup, hiuHeaderGroup, hiuCallbackSecurityGroup],
});
