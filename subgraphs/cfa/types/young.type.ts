import { SUBGRAPHS } from '../../../platform/partners';
import { definePartnerYoungType } from '../../../platform/policy/subject';

/** The CFA's view of `Young` (owned by psad), which its contracts and the kit's follow-ups extend. */
export const Young = definePartnerYoungType(SUBGRAPHS.cfa);
