// HIU.SESSION: the HIU obtains a gateway session and keeps its calls on a valid token.
import { sessionGroup } from '../shared/session-tests.js';
import { HIU_PROFILE } from '../shared/role-profile.js';

export const hiuSessionGroup = sessionGroup(HIU_PROFILE);
