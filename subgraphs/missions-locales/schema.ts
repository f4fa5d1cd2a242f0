import { definePartnerKit, type PartnerSchema } from '../../platform/partner-kit/subgraph';
import { SUBGRAPHS } from '../../platform/partners';
import { obligationEvents } from './events';
import { createLoaders, type MissionsLocalesLoaders } from './loaders';
import {
  ObligationDeFormationResolver,
  obligationFollowers,
  ObligationYoungResolver,
} from './resolvers/obligation.resolver';
import { Young } from './types/young.type';

/**
 * The kit's schema with the obligation de formation: its steps in the trajectory, and the
 * Mission locale in charge of it among who follows the person.
 */
export const schema: PartnerSchema<MissionsLocalesLoaders> = {
  kit: definePartnerKit(SUBGRAPHS['missions-locales'], {
    tables: 'follow-ups',
    Young,
    followers: obligationFollowers,
    events: obligationEvents,
  }),
  resolvers: [ObligationYoungResolver, ObligationDeFormationResolver],
  createLoaders,
};
