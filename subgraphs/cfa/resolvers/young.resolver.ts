import { definePartnerYoung } from '../../../platform/partner-kit/young';
import { SUBGRAPHS } from '../../../platform/partners';

/** `Young.cfaFollowUps` and the CFA events of the trajectory. */
export const { Young, PartnerYoungResolver: YoungResolver, referenceResolvers: youngReference } = definePartnerYoung(SUBGRAPHS.cfa);
