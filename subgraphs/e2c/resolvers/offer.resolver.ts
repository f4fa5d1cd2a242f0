import { defineOfferContribution } from '../../../platform/partner-kit/offers';
import { SUBGRAPHS } from '../../../platform/partners';

/** E2C pathways contributed to `offers(filter)`. */
export const { type: OfferConnection, referenceResolvers: offerReference } = defineOfferContribution(
  SUBGRAPHS.e2c,
);
