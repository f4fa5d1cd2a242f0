import { definePartnerYoung } from '../../../platform/partner-kit/young';
import { SUBGRAPHS } from '../../../platform/partners';

/** `Young.agricultureFollowUps` and the Enseignement agricole events of the trajectory. */
export const {
  Young,
  PartnerYoungResolver: YoungResolver,
  writeResolvers: youngWriteResolvers,
  referenceResolvers: youngReference,
  access: youngAccess,
} = definePartnerYoung(SUBGRAPHS.agriculture);
