import { defineOfferContribution } from '../../../platform/partner-kit/offers';
import { SUBGRAPHS } from '../../../platform/partners';

/** Missions locales offers contributed to `offers(filter)`. */
export const { type: OfferConnection, referenceResolvers: offerReference } = defineOfferContribution(
  SUBGRAPHS['missions-locales'],
);
