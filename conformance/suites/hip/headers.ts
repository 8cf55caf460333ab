// HIP.HEADERS: the standard v3 headers on every call the HIP makes, graded over the whole run.
import { headerGroup } from '../shared/header-tests.js';
import { HIP_PROFILE } from '../shared/role-profile.js';

export const hipHeaderGroup = headerGroup(HIP_PROFILE);
