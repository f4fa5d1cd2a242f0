import { defineCandidateOffers } from '../../../platform/partner-kit/suggestions';
import { SUBGRAPHS } from '../../../platform/partners';
import { Young, youngAccess } from './young.resolver';

/** E2C pathways within a person's reach, contributed to psad's `Young.suggestedOffers`. */
export const { CandidateOffersResolver } = defineCandidateOffers(SUBGRAPHS.e2c, Young, youngAccess);
