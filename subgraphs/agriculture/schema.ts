import { createFollowUpLoaders as createLoaders } from '../../platform/partner-kit/follow-ups';
import { definePartnerKit } from '../../platform/partner-kit/subgraph';
import { SUBGRAPHS } from '../../platform/partners';

/** The agricultural schools serve the kit's schema alone: follow-ups, training places, reservations. */
export const schema = {
  kit: definePartnerKit(SUBGRAPHS.agriculture, { tables: 'follow-ups' }),
  createLoaders,
};
