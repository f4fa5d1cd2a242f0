import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Category } from '../../../platform/policy/category';
import {
  decodeOfferSearch,
  encodeOfferSearch,
  foldText,
  type OfferSearch,
} from '../../../platform/graphql/offer-search';
import { InputCheck } from '../../../platform/graphql/input-check';
import { checkPageSize, decodeCursor } from '../../../platform/graphql/pagination';
import { Offer, PageInfo } from '../../../platform/graphql/types';
import { OFFERING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import type { PsadLoaders } from '../loaders';
import { mergeOffers, type MergedOffers } from '../merge';
import { bassinsUnder } from '../territories';
import { OfferConnection, OfferEdge, OfferFilter } from '../types/connections';

type Context = SubgraphContext<PsadLoaders>;
type OfferRepresentation = Record<string, unknown> & { searchKey: string };

/** A track is searched as a part of a trade's name: long enough to mean something, short enough to be one. */
const TRACK_LENGTH = { min: 2, max: 80 };

/** Deep paging across partners costs each partner `offset + first` rows: bounded here. */
export const MAX_OFFER_OFFSET = 2000;

const isOffsetCursor = (value: unknown): value is { offset: number } =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as { offset: unknown }).offset) &&
  (value as { offset: number }).offset >= 0;

@Resolver(() => OfferConnection)
export class OfferResolver {
  @Query(() => OfferConnection, {
    description:
      'Offers of every partner in one list, earliest start first. A partner that could not answer is named in `errors`.',
  })
  @Category('OFFERS')
  async offers(
    @Arg('filter', () => OfferFilter, { nullable: true }) filter: OfferFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<Pick<OfferConnection, 'searchKey'>> {
    checkPageSize(first);
    const offset = after ? decodeCursor(after, isOffsetCursor).offset : 0;
    if (offset > MAX_OFFER_OFFSET)
      throw badUserInput(
        `Paging deeper than ${MAX_OFFER_OFFSET} offers is not supported: narrow the filter`,
        'after',
      );
    // Every bad value of the filter is reported at once, before any partner is asked.
    const check = new InputCheck('filter');
    check.integer('age', filter?.age, { min: 0, max: 99 });
    if (
      check.text('track', filter?.track, { min: TRACK_LENGTH.min, max: TRACK_LENGTH.max }) &&
      filter?.track &&
      foldText(filter.track).replace(/[^a-z0-9]/g, '').length < TRACK_LENGTH.min
    ) {
      check.fail('track', `"track" needs at least ${TRACK_LENGTH.min} letters or digits`);
    }
    let bassins: string[] | null = null;
    if (filter?.territory) {
      bassins = await bassinsUnder(context.db, filter.territory);
      if (bassins.length === 0)
        check.fail('territory', `Unknown territory "${filter.territory.slice(0, 40)}"`);
    }
    check.done();
    const search: OfferSearch = {
      bassins,
      age: filter?.age ?? null,
      kinds: filter?.kinds && filter.kinds.length > 0 ? filter.kinds : null,
      hasVacancy: filter?.hasVacancy ?? null,
      startsBefore: filter?.startsBefore ?? null,
      track: filter?.track ? filter.track.trim() : null,
      levels: filter?.level && filter.level.length > 0 ? filter.level : null,
      audiences: filter?.public && filter.public.length > 0 ? filter.public : null,
      offset,
      first,
    };
    return { searchKey: encodeOfferSearch(search) };
  }

  @FieldResolver(() => [OfferEdge])
  edges(@Root() connection: OfferRepresentation): MergedOffers['edges'] {
    return merged(connection).edges;
  }

  @FieldResolver(() => [Offer])
  nodes(@Root() connection: OfferRepresentation): Offer[] {
    return merged(connection).nodes;
  }

  @FieldResolver(() => PageInfo)
  pageInfo(@Root() connection: OfferRepresentation): PageInfo {
    return merged(connection).pageInfo;
  }

  @FieldResolver(() => Int)
  totalCount(@Root() connection: OfferRepresentation): number {
    return merged(connection).totalCount;
  }
}

const mergedCache = new WeakMap<object, MergedOffers>();

/** The merge runs once per representation, however many of its fields were asked. */
function merged(connection: OfferRepresentation): MergedOffers {
  let result = mergedCache.get(connection);
  if (!result) {
    const contributions = OFFERING_SUBGRAPHS.map((name) => {
      const prefix = SUBGRAPHS[name].fieldPrefix;
      return {
        offers: connection[`${prefix}Offers`] as Offer[] | null | undefined,
        count: connection[`${prefix}OfferCount`] as number | null | undefined,
      };
    });
    result = mergeOffers(contributions, decodeOfferSearch(connection.searchKey));
    mergedCache.set(connection, result);
  }
  return result;
}

export const offerReference = {
  OfferConnection: {
    __resolveReference(reference: OfferRepresentation): OfferRepresentation {
      return reference;
    },
  },
};
