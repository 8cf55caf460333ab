// HIU.HEADERS: the standard v3 headers on every call the HIU makes, graded over the whole run.
import { headerGroup } from '../shared/header-tests.js';
import { HIU_PROFILE } from '../shared/role-profile.js';

export const hiuHeaderGroup = headerGroup(HIU_PROFILE);
