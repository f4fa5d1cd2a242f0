import { definePartnerYoung } from '../../../platform/partner-kit/young';
import { SUBGRAPHS } from '../../../platform/partners';

/** `Young.missionsLocalesFollowUps` and the Missions locales events of the trajectory. */
export const { Young, PartnerYoungResolver: YoungResolver, referenceResolvers: youngReference } = definePartnerYoung(SUBGRAPHS['missions-locales']);
