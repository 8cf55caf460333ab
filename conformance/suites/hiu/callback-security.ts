// HIU.SECURITY: the HIU verifies every gateway call against the gateway's JWKS.
import { callbackSecurityGroup } from '../shared/callback-security-tests.js';
import { HIU_PROFILE } from '../shared/role-profile.js';

export const hiuCallbackSecurityGroup = callbackSecurityGroup(HIU_PROFILE);
