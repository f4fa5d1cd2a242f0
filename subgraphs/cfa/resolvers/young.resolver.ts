import { definePartnerYoung } from '../../../platform/partner-kit/young';
import { SUBGRAPHS } from '../../../platform/partners';
import { apprenticeshipEvents } from '../events';

/** `Young.cfaFollowUps` and the CFA events of the trajectory, apprenticeship contracts included. */
export const {
  Young,
  PartnerYoungResolver: YoungResolver,
  referenceResolvers: youngReference,
} = definePartnerYoung(SUBGRAPHS.cfa, { extraEvents: apprenticeshipEvents });
