// HIU.BRIDGE: the HIU registers a bridge URL the gateway can reach.
import { bridgeGroup } from '../shared/bridge-tests.js';
import { HIU_PROFILE } from '../shared/role-profile.js';

export const hiuBridgeGroup = bridgeGroup(HIU_PROFILE);
