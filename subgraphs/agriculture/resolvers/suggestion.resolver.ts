import { defineCandidateOffers } from '../../../platform/partner-kit/suggestions';
import { SUBGRAPHS } from '../../../platform/partners';
import { Young, youngAccess } from './young.resolver';

/** Agricultural training places within a person's reach, contributed to psad's `Young.suggestedOffers`. */
export const { CandidateOffersResolver } = defineCandidateOffers(SUBGRAPHS.agriculture, Young, youngAccess);
