import { SUBGRAPHS } from '../../../platform/partners';
import { definePartnerYoungType } from '../../../platform/policy/subject';

/** The Missions locales' view of `Young` (owned by psad), which the obligation and the kit's fields extend. */
export const Young = definePartnerYoungType(SUBGRAPHS['missions-locales']);
