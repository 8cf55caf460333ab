// HIP.SECURITY: the HIP verifies every gateway call against the gateway's JWKS.
import { callbackSecurityGroup } from '../shared/callback-security-tests.js';
import { HIP_PROFILE } from '../shared/role-profile.js';

export const hipCallbackSecurityGroup = callbackSecurityGroup(HIP_PROFILE);
