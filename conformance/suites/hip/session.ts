// HIP.SESSION: the HIP obtains a gateway session and keeps its calls on a valid token.
import { sessionGroup } from '../shared/session-tests.js';
import { HIP_PROFILE } from '../shared/role-profile.js';

export const hipSessionGroup = sessionGroup(HIP_PROFILE);
