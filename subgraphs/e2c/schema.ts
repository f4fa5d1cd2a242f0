import { createFollowUpLoaders as createLoaders } from '../../platform/partner-kit/follow-ups';
import { definePartnerKit } from '../../platform/partner-kit/subgraph';
import { SUBGRAPHS } from '../../platform/partners';

/** E2C serves the kit's schema alone: follow-ups, its pathways as offers, reservations, candidate offers. */
export const schema = { kit: definePartnerKit(SUBGRAPHS.e2c, { tables: 'follow-ups' }), createLoaders };
