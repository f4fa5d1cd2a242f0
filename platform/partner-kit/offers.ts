import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import {
  decodeOfferSearch,
  foldSql,
  levelSql,
  partnerLimit,
  type OfferSearch,
} from '../graphql/offer-search';
import { Offer, type OfferAudience, type OfferKind } from '../graphql/types';
import type { SubgraphProfile } from '../partners';

export interface OfferRow {
  id: string;
  kind: string;
  title: string;
  provider: string;
  bassin_code: string;
  commune: string;
  track: string | null;
  level: string | null;
  capacity: number;
  taken: number;
  age_min: number;
  age_max: number;
  starts_on: string;
  ends_on: string | null;
  audiences: string[];
}

/** The columns `toOffer` reads, for `offer o JOIN organisation org`. */
export const OFFER_COLUMNS = `o.id, o.kind, o.title, org.name AS provider, o.bassin_code, o.commune, o.track, o.level,
            o.capacity, o.taken, o.age_min, o.age_max, to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on,
            to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on, o.audiences`;

/** Global id of a partner's row: `<subgraph>:<uuid>`, so that any id says who owns it. */
export function globalId(profile: SubgraphProfile, localId: string): string {
  return `${profile.name}:${localId}`;
}

/** The GraphQL view of an offer row selected with OFFER_COLUMNS. */
export function toOffer(profile: SubgraphProfile, row: OfferRow): Offer {
  return {
    id: globalId(profile, row.id),
    partner: profile.partner,
    kind: row.kind as OfferKind,
    title: row.title,
    provider: row.provider,
    territory: row.bassin_code,
    commune: row.commune,
    track: row.track,
    level: row.level,
    capacity: row.capacity,
    vacancies: Math.max(0, row.capacity - row.taken),
    ageMin: row.age_min,
    ageMax: row.age_max,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    audiences: row.audiences as OfferAudience[],
  };
}

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
function containing(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, '\\$&')}%`;
}

/** The conditions of a search, on `offer o`, with its parameters ($1 to $8). */
const MATCHES_SEARCH = `o.closed_at IS NULL
        AND ($1::text[] IS NULL OR o.bassin_code = ANY($1))
        AND ($2::int IS NULL OR $2 BETWEEN o.age_min AND o.age_max)
        AND ($3::text[] IS NULL OR o.kind = ANY($3))
        AND ($4::boolean IS NOT TRUE OR o.taken < o.capacity)
        AND ($5::date IS NULL OR o.starts_on < $5)
        AND ($6::text IS NULL OR ${foldSql('o.track')} LIKE ${foldSql('$6')})
        AND ($7::text[] IS NULL OR ${levelSql('o.level')} = ANY($7))
        AND ($8::text[] IS NULL OR o.audiences && $8)`;

function searchParameters(search: OfferSearch): unknown[] {
  return [
    search.bassins,
    search.age,
    search.kinds,
    search.hasVacancy,
    search.startsBefore,
    search.track ? containing(search.track) : null,
    search.levels ?? null,
    search.audiences ?? null,
  ];
}

/**
 * One statement: the partner's open offers matching the search, in the merge order, with the
 * total number of matches (window count) so that psad can report `totalCount` without a second query.
 */
export async function searchOffers(
  db: DataSource,
  profile: SubgraphProfile,
  search: OfferSearch,
): Promise<{ offers: Offer[]; total: number }> {
  const rows: (OfferRow & { total: string })[] = await db.query(
    `SELECT ${OFFER_COLUMNS}, count(*) OVER () AS total
       FROM offer o JOIN organisation org ON org.id = o.organisation_id
      WHERE ${MATCHES_SEARCH}
      ORDER BY o.starts_on, o.id
      LIMIT $9`,
    [...searchParameters(search), partnerLimit(search)],
  );
  const offers = rows.map((row) => toOffer(profile, row));
  return { offers, total: rows.length > 0 ? Number(rows[0].total) : await countOffers(db, search) };
}

/** Only when the page is empty (limit 0 or past the end) is a separate count needed. */
async function countOffers(db: DataSource, search: OfferSearch): Promise<number> {
  if (partnerLimit(search) > 0) return 0;
  const [row]: { total: string }[] = await db.query(
    `SELECT count(*) AS total FROM offer o WHERE ${MATCHES_SEARCH}`,
    searchParameters(search),
  );
  return Number(row.total);
}

export interface OfferContribution {
  searchKey: string;
  offers: Offer[] | null;
  total: number | null;
}

/**
 * A partner's side of `OfferConnection`: given the search key, it contributes its matching offers
 * as `<prefix>Offers` and their count as `<prefix>OfferCount`. Both are @inaccessible: clients see
 * only the merged list that psad builds from them.
 */
export function defineOfferContribution(profile: SubgraphProfile) {
  @ObjectType('OfferConnection')
  @Directive('@key(fields: "searchKey")')
  class OfferConnectionContribution implements OfferContribution {
    @Field()
    searchKey: string;

    @Field(() => [Offer], { name: `${profile.fieldPrefix}Offers`, nullable: true })
    @Directive('@inaccessible')
    offers: Offer[] | null;

    @Field(() => Int, { name: `${profile.fieldPrefix}OfferCount`, nullable: true })
    @Directive('@inaccessible')
    total: number | null;
  }

  const referenceResolvers = {
    OfferConnection: {
      async __resolveReference(
        reference: { searchKey: string },
        context: { db: DataSource },
      ): Promise<OfferContribution> {
        const { offers, total } = await searchOffers(
          context.db,
          profile,
          decodeOfferSearch(reference.searchKey),
        );
        return { searchKey: reference.searchKey, offers, total };
      },
    },
  };
  return { type: OfferConnectionContribution, referenceResolvers };
}
