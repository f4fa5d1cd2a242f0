import { SUBGRAPHS } from '../../../platform/partners';
import { definePartnerYoungType } from '../../../platform/policy/subject';

/**
 * The PJJ's view of `Young` (keyed by the hub id, owned by psad). The PJJ holds no follow-ups in
 * the hub, so it does not use the partner kit's `definePartnerYoung`: it only adds its signal.
 */
export const Young = definePartnerYoungType(SUBGRAPHS.pjj);
export type Young = InstanceType<typeof Young>;
