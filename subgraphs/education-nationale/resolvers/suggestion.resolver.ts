import { defineCandidateOffers } from '../../../platform/partner-kit/suggestions';
import { SUBGRAPHS } from '../../../platform/partners';
import { Young } from '../types/young.type';
import { youngAccess } from './young.resolver';

/**
 * Éducation nationale's solutions (school places, micro-lycée, MLDS, PAFI…) within a person's
 * reach, contributed to psad's `Young.suggestedOffers`. Each says its school's UAI, which psad
 * compares with the school the SIEI listing says the person left.
 */
export const { CandidateOffersResolver } = defineCandidateOffers(
  SUBGRAPHS['education-nationale'],
  Young,
  youngAccess,
);
