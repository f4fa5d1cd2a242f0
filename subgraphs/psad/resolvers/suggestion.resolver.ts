import { parisDay } from '../../../platform/calendar';
import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CandidateOffer } from '../../../platform/partner-kit/suggestions';
import { Category } from '../../../platform/policy/category';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import type { PsadLoaders } from '../loaders';
import { rankOffers, reachableBassins, type MatchingListing } from '../matching';
import { bassinGeography } from '../territories';
import {
  CONTRIBUTED_CANDIDATE_FIELDS,
  OfferSuggestion,
  SUGGESTION_SELECTION,
} from '../types/suggestion.type';
import { Young } from '../types/young.type';

type Context = SubgraphContext<PsadLoaders>;

/**
 * Every partner sends at most CANDIDATES_PER_PARTNER candidates; a page beyond this would say little more.
 */
export const MAX_SUGGESTIONS = 50;

/**
 * `Young.suggestedOffers`: every partner's offers ranked for one person (subgraphs/psad/matching.ts).
 *
 * Category FOLLOW_UP_SUMMARY: the offers are public, but a suggestion says where the person
 * lives, their age, the school they left, the level they stopped at and, through the CFA, that an
 * apprenticeship broke — a summary of their path and of who may take them in. That is what
 * FOLLOW_UP_SUMMARY grants (coordinators of the person's territory, partners that follow them,
 * their own school's référent, the person themself), and not more: no interview note or contract
 * content is used. SCHOOLING alone would leave out the follow-up facts; FOLLOW_UP_DETAIL would
 * withhold a tool of coordination from the PSAD.
 */
@Resolver(() => Young)
export class SuggestionResolver {
  @FieldResolver(() => [OfferSuggestion], {
    nullable: true,
    description:
      'Offers of every partner ranked for this person, best first, each with its score and reasons: only offers with a free place whose age bounds the person meets on the day they would start, ' +
      'within reach (own bassin, a neighbouring one, their département); the school they just left and apprenticeships in the trade of a broken contract come last. A partner that could not answer is named in `errors`.',
  })
  @Category('FOLLOW_UP_SUMMARY')
  @Directive(`@requires(fields: "${SUGGESTION_SELECTION}")`)
  async suggestedOffers(
    @Root() young: Young,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() context: Context,
  ): Promise<OfferSuggestion[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_SUGGESTIONS)
      throw badUserInput(`"first" must be between 0 and ${MAX_SUGGESTIONS}, got ${first}`, 'first');
    const [listings, places] = await Promise.all([
      context.loaders.listingsByYoung.load(young.id),
      bassinGeography(context.db, context.loaders),
    ]);
    // Listings load oldest first: the last one says what the person left most recently.
    const last = listings[listings.length - 1];
    const listing: MatchingListing | null = last
      ? {
          lastSchoolUai: last.lastSchoolUai,
          lastSchoolName: last.lastSchoolName,
          lastClass: last.lastClass,
          diploma: last.diploma,
        }
      : null;
    const candidates = CONTRIBUTED_CANDIDATE_FIELDS.flatMap(
      (field) =>
        ((young as unknown as Record<string, unknown>)[field] as CandidateOffer[] | null | undefined) ?? [],
    );
    const today = parisDay(context.now());
    return rankOffers(
      { birthDate: young.birthDate, bassin: young.bassinCode, listing },
      candidates,
      places,
      today,
    )
      .slice(0, first)
      .map(({ offer, score, distanceKm, reasons }) => ({ offer, score, distanceKm, reasons }));
  }

  /**
   * The bassins partners search the person's candidates in: their own, the neighbouring ones and the rest of
   * their département.
   */
  @FieldResolver(() => [String], {
    nullable: true,
    description: 'Bassins within the person’s reach, their own first, for the partners’ candidate offers.',
  })
  @Directive('@inaccessible')
  async reachableBassins(@Root() young: Young, @Ctx() context: Context): Promise<string[]> {
    return reachableBassins(young.bassinCode, await bassinGeography(context.db, context.loaders));
  }
}
