import { definePartnerKit, type PartnerSchema } from '../../platform/partner-kit/subgraph';
import { SUBGRAPHS } from '../../platform/partners';
import { apprenticeshipEvents } from './events';
import { createLoaders, type CfaLoaders } from './loaders';
import {
  activeContractCfas,
  ApprenticeshipContractResolver,
  ApprenticeshipYoungResolver,
} from './resolvers/contract.resolver';
import { annotateBrokenContracts } from './suggestions';
import { Young } from './types/young.type';

/**
 * The kit's schema with the CFA's apprenticeship contracts: in the trajectory, among who follows
 * the apprentice, and after the others among the candidate offers in the trade of a broken one.
 */
export const schema: PartnerSchema<CfaLoaders> = {
  kit: definePartnerKit(SUBGRAPHS.cfa, {
    tables: 'follow-ups',
    Young,
    followers: activeContractCfas,
    events: apprenticeshipEvents,
    annotate: annotateBrokenContracts,
  }),
  resolvers: [ApprenticeshipYoungResolver, ApprenticeshipContractResolver],
  createLoaders,
};
