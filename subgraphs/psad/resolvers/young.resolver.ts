import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/server/subgraph-server';
import { badUserInput } from '../../../platform/server/errors';
import { checkPageSize, decodeCursor, encodeCursor } from '../../../platform/graphql/pagination';
import { TrajectoryEvent } from '../../../platform/graphql/types';
import type { YoungRecord } from '../entities';
import type { PsadLoaders } from '../loaders';
import { mergeTrajectory } from '../merge';
import { bassinsUnder } from '../territories';
import { PsadCase, SieiListing, type Diploma, type CaseStatus } from '../types/case.type';
import { YoungConnection, YoungFilter } from '../types/connections';
import { Territory, type TerritoryKind } from '../types/territory.type';
import { CONTRIBUTED_EVENTS, CONTRIBUTED_EVENT_FIELDS, Sex, Young } from '../types/young.type';
import { psadTrajectory } from '../trajectory';

type Context = SubgraphContext<PsadLoaders>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toYoung(record: YoungRecord): Young {
  return {
    id: record.id,
    ine: record.ine,
    firstName: record.firstName,
    lastName: record.lastName,
    birthDate: record.birthDate,
    sex: record.sex as Sex,
    commune: record.commune,
    bassinCode: record.bassinCode,
  };
}

/** Age in whole years on a given day, from ISO dates. */
export function ageOn(birthDate: string, day: Date): number {
  const [year, month, date] = birthDate.split('-').map(Number);
  const age = day.getUTCFullYear() - year;
  const beforeBirthday = day.getUTCMonth() + 1 < month || (day.getUTCMonth() + 1 === month && day.getUTCDate() < date);
  return beforeBirthday ? age - 1 : age;
}

type CaseloadCursor = [string, string, string];
const isCaseloadCursor = (value: unknown): value is CaseloadCursor =>
  Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string');

@Resolver(() => Young)
export class YoungResolver {
  @Query(() => Young, { nullable: true, description: 'One young person by hub id; null when unknown.' })
  async young(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Young | null> {
    if (!UUID.test(id)) throw badUserInput(`"${id.slice(0, 40)}" is not a hub id (a UUID)`, 'id');
    const record = await context.loaders.youngById.load(id);
    return record ? toYoung(record) : null;
  }

  @Query(() => YoungConnection, { description: 'The caseload, ordered by last name, first name and id (Relay connection).' })
  async youngs(
    @Arg('filter', () => YoungFilter, { nullable: true }) filter: YoungFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<YoungConnection> {
    checkPageSize(first);
    const position = after ? decodeCursor(after, isCaseloadCursor) : null;
    const query = context.db.getRepository<YoungRecord>('YoungRecord').createQueryBuilder('y');
    if (filter?.territory) {
      const bassins = await bassinsUnder(context.db, filter.territory);
      if (bassins.length === 0) throw badUserInput(`Unknown territory "${filter.territory.slice(0, 40)}"`, 'filter.territory');
      query.andWhere('y.bassin_code IN (:...bassins)', { bassins });
    }
    if (filter?.campaign) {
      query.andWhere('EXISTS (SELECT 1 FROM siei_listing s WHERE s.young_id = y.id AND s.campaign = :campaign)', { campaign: filter.campaign });
    }
    if (filter?.caseStatus) {
      query.andWhere('EXISTS (SELECT 1 FROM psad_case c WHERE c.young_id = y.id AND c.status = :status)', { status: filter.caseStatus });
    }
    if (filter?.name !== undefined && filter?.name !== null) {
      if (filter.name.trim().length < 2) throw badUserInput('"name" needs at least 2 characters', 'filter.name');
      query.andWhere('lower(y.last_name) LIKE :prefix', { prefix: `${filter.name.trim().toLowerCase().replace(/[%_\\]/g, '\\$&')}%` });
    }
    const totalCount = await query.clone().getCount();
    if (position) query.andWhere('(y.last_name, y.first_name, y.id) > (:last, :firstName, :id)', { last: position[0], firstName: position[1], id: position[2] });
    const records = await query.orderBy('y.last_name').addOrderBy('y.first_name').addOrderBy('y.id').limit(first + 1).getMany();
    const page = records.slice(0, first);
    const edges = page.map((record) => ({ cursor: encodeCursor([record.lastName, record.firstName, record.id]), node: toYoung(record) }));
    return {
      edges,
      nodes: edges.map((edge) => edge.node),
      totalCount,
      pageInfo: {
        hasNextPage: records.length > first,
        hasPreviousPage: position !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  @FieldResolver(() => Int, { description: 'Age in whole years today.' })
  age(@Root() young: Young): number {
    return ageOn(young.birthDate, new Date());
  }

  @FieldResolver(() => Territory, { description: 'The bassin the young person lives in.' })
  async bassin(@Root() young: Young, @Ctx() context: Context): Promise<Territory> {
    const record = await context.loaders.territoryByCode.load(young.bassinCode);
    if (!record) throw new Error(`Young person refers to an unknown bassin`);
    return { code: record.code, kind: record.kind as TerritoryKind, name: record.name, parentCode: record.parentCode };
  }

  @FieldResolver(() => [SieiListing], { description: 'SIEI lists this person appeared on, oldest first.' })
  async sieiListings(@Root() young: Young, @Ctx() context: Context): Promise<SieiListing[]> {
    const records = await context.loaders.listingsByYoung.load(young.id);
    return records.map((record) => ({ ...record, diploma: record.diploma as Diploma }));
  }

  @FieldResolver(() => [PsadCase], { description: 'PSAD cases, oldest first.' })
  async psadCases(@Root() young: Young, @Ctx() context: Context): Promise<PsadCase[]> {
    const records = await context.loaders.casesByYoung.load(young.id);
    return records.map((record) => ({ ...record, status: record.status as CaseStatus }));
  }

  @FieldResolver(() => [TrajectoryEvent], {
    description: 'One chronological list of events from every partner. A partner that could not answer is named in `errors`.',
  })
  @Directive(`@requires(fields: "${CONTRIBUTED_EVENTS}")`)
  async trajectory(
    @Root() young: Young,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() context: Context,
  ): Promise<TrajectoryEvent[]> {
    if (from && to && from > to) throw badUserInput('"from" must not be after "to"', 'from');
    const own = await psadTrajectory(young.id, context.loaders);
    const contributions = CONTRIBUTED_EVENT_FIELDS.map((field) => young[field as keyof Young] as TrajectoryEvent[] | null | undefined);
    return mergeTrajectory([own, ...contributions], from, to);
  }
}

/** Entities psad owns, as the gateway asks for them: the record, plus whatever partners' data came in the representation. */
export const youngReference = {
  Young: {
    async __resolveReference(reference: Record<string, unknown> & { id: string }, context: Context): Promise<Young | null> {
      if (!UUID.test(reference.id)) return null;
      const record = await context.loaders.youngById.load(reference.id);
      if (!record) return null;
      const young: Young = toYoung(record);
      for (const field of CONTRIBUTED_EVENT_FIELDS) {
        if (field in reference) Object.assign(young, { [field]: reference[field] });
      }
      return young;
    },
  },
};
