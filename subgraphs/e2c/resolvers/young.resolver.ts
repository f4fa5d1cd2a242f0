import { definePartnerYoung } from '../../../platform/partner-kit/young';
import { SUBGRAPHS } from '../../../platform/partners';

/** `Young.e2cFollowUps` and the E2C events of the trajectory. */
export const {
  Young,
  PartnerYoungResolver: YoungResolver,
  writeResolvers: youngWriteResolvers,
  referenceResolvers: youngReference,
  access: youngAccess,
} = definePartnerYoung(SUBGRAPHS.e2c);
