// HIP.ROBUST: the HIP answers once when the gateway delivers the same call twice.
import { duplicateDeliveryGroup } from '../shared/duplicate-delivery-tests.js';
import { HIP_PROFILE } from '../shared/role-profile.js';

export const hipDuplicateDeliveryGroup = duplicateDeliveryGroup(HIP_PROFILE);
