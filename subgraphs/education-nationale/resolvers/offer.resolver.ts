import { defineOfferContribution } from '../../../platform/partner-kit/offers';
import { SUBGRAPHS } from '../../../platform/partners';

/** School places, micro-lycées, MLDS actions, PAFI and service civique contributed to `offers(filter)`. */
export const { type: OfferConnection, referenceResolvers: offerReference } = defineOfferContribution(
  SUBGRAPHS['education-nationale'],
);
