import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { Offer } from '../../../platform/graphql/types';
import { contributedType } from '../../../platform/graphql/partner-types';
import {
  CandidateOffer,
  candidateOffersField,
  SuggestionReasonCode,
} from '../../../platform/partner-kit/suggestions';
import { OFFERING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';
import { OFFER_FIELDS } from './connections';
import { FOLLOWERS_SELECTION, Young } from './young.type';

@ObjectType({ description: 'One reason an offer was suggested where it is.' })
export class SuggestionReason {
  @Field(() => SuggestionReasonCode)
  code: SuggestionReasonCode;

  @Field({ description: 'The reason in a short French sentence, as a coordinator would say it.' })
  summary: string;

  @Field(() => Int, { description: 'What it added to (or took from) the score.' })
  weight: number;
}

@ObjectType({ description: 'An offer suggested for a young person, with its score and why.' })
export class OfferSuggestion {
  @Field(() => Offer)
  offer: Offer;

  @Field(() => Int, {
    description:
      'The sum of the reasons’ weights. Offers demoted by the person’s past path (LEFT_SCHOOL, BROKEN_CONTRACT_SAME_TRADE) come after all others whatever their score.',
  })
  score: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Distance between the main towns of the person’s bassin and the offer’s, in km (0 in the same bassin).',
  })
  distanceKm: number | null;

  @Field(() => [SuggestionReason])
  reasons: SuggestionReason[];
}

/** Field names of the partners' candidates, as they arrive in psad's representation of `Young`. */
export const CONTRIBUTED_CANDIDATE_FIELDS = OFFERING_SUBGRAPHS.map((name) =>
  candidateOffersField(SUBGRAPHS[name]),
);

/**
 * What psad requires to rank: every offering partner's candidates, and every partner's followers (to decide
 * on the person like every other field).
 */
export const SUGGESTION_SELECTION = `${CONTRIBUTED_CANDIDATE_FIELDS.map((field) => `${field} { offer { ${OFFER_FIELDS} } providerCode annotations { code summary } }`).join(' ')} ${FOLLOWERS_SELECTION}`;

/** The partners' candidates, @external here: the gateway fetches them for psad's @requires. */
function declareCandidateContributions(): void {
  for (const name of OFFERING_SUBGRAPHS) {
    const field = candidateOffersField(SUBGRAPHS[name]);
    const PartnerCandidateOffer = contributedType(SUBGRAPHS[name], CandidateOffer);
    Field(() => [PartnerCandidateOffer], { nullable: true })(Young.prototype, field);
    Directive('@external')(Young.prototype, field);
  }
}
declareCandidateContributions();
