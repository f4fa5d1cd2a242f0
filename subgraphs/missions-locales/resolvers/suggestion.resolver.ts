import { defineCandidateOffers } from '../../../platform/partner-kit/suggestions';
import { SUBGRAPHS } from '../../../platform/partners';
import { Young, youngAccess } from './young.resolver';

/**
 * Missions locales’ programmes and missions within a person's reach, contributed to psad's
 * `Young.suggestedOffers`.
 */
export const { CandidateOffersResolver } = defineCandidateOffers(
  SUBGRAPHS['missions-locales'],
  Young,
  youngAccess,
);
