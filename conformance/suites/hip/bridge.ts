// HIP.BRIDGE: the HIP registers a bridge URL the gateway can reach.
import { bridgeGroup } from '../shared/bridge-tests.js';
import { HIP_PROFILE } from '../shared/role-profile.js';

export const hipBridgeGroup = bridgeGroup(HIP_PROFILE);
