// The HIU suite (milestone M3): how a health-information user integrates with the gateway. One file per group;
// a new group is a new file and one line below. The flow groups prompt the HIU through its operator endpoints
// and drive the sandbox's virtual patient and HIPs (docs/conformance.md says how), with patients from hiu-patients.ts.
import { defineSuite } from '../../dsl/test-definition.js';
import { hiuBridgeGroup } from './bridge.js';
import { hiuStopGroup } from './after-consent-ends.js';
import { hiuCallbackSecurityGroup } from './callback-security.js';
import { hiuConsentGroup } from './consent.js';
import { hiuReceiptGroup } from './data-receipt.js';
import { hiuDataRequestGroup } from './data-request.js';
import { hiuHeaderGroup } from './headers.js';
import { hiuSessionGroup } from './session.js';

export const hiuSuite = defineSuite({
  id: 'hiu',
  title: 'HIU (M3): health-information user',
  role: 'hiu',
  groups: [hiuSessionGroup, hiuBridgeGroup, hiuHeaderGroup, hiuCallbackSecurityGroup, hiuConsentGroup, hiuDataRequestGroup, hiuReceiptGroup, hiuStopGroup],
});
