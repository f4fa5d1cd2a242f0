import { SUBGRAPHS } from '../../../platform/partners';
import { definePartnerYoungType } from '../../../platform/policy/subject';

/** Éducation nationale's view of `Young` (owned by psad): only the key, which its own records hang on. */
export const Young = definePartnerYoungType(SUBGRAPHS['education-nationale']);
export type Young = InstanceType<typeof Young>;
