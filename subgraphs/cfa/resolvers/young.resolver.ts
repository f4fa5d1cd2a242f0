import { definePartnerYoung } from '../../../platform/partner-kit/young';
import { SUBGRAPHS } from '../../../platform/partners';
import { apprenticeshipEvents } from '../events';
import { activeContractCfas } from './contract.resolver';

/** `Young.cfaFollowUps` and the CFA events of the trajectory, apprenticeship contracts included. */
export const {
  Young,
  PartnerYoungResolver: YoungResolver,
  writeResolvers: youngWriteResolvers,
  referenceResolvers: youngReference,
  access: youngAccess,
} = definePartnerYoung(SUBGRAPHS.cfa, {
  extraEvents: apprenticeshipEvents,
  extraFollowers: (young, context) => activeContractCfas(young, context as never),
});
