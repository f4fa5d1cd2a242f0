import { Arg, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/server/definition';
import { badUserInput } from '../../../platform/server/errors';
import { checkPageSize, openCursor, sealCursor } from '../../../platform/graphql/pagination';
import { TrajectoryEvent } from '../../../platform/graphql/types';
import type { YoungRecord } from '../entities';
import type { PsadLoaders } from '../loaders';
import { mergeTrajectory } from '../merge';
import { bassinsUnder } from '../territories';
import { PsadCase, SieiListing, type Diploma, type CaseStatus } from '../types/case.type';
import { YoungConnection, YoungFilter } from '../types/connections';
import { Territory, type TerritoryKind } from '../types/territory.type';
import { Contact, LegalRepresentative, type Relationship } from '../types/contact.type';
import {
  CONTRIBUTED_EVENT_FIELDS,
  CONTRIBUTED_FOLLOWER_FIELDS,
  PsadPersonalData,
  Sex,
  TRAJECTORY_SELECTION,
  Young,
} from '../types/young.type';
import { psadTrajectory } from '../events';
import { CONTRIBUTED_CANDIDATE_FIELDS } from '../types/suggestion.type';
import { ageAt, latestBirthDate, parisDay } from '../../../platform/calendar';
import { subjectOf } from '../subject';
import { encodeSubject } from '../../../platform/policy/subject';
import { visibleEvents, withheldCategories } from '../../../platform/policy/events';
import { notice } from '../../../platform/server/notices';
import { Partner } from '../../../platform/partners';
import type { GraphQLResolveInfo } from 'graphql';
import { Info } from 'type-graphql';
import type { SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../../../platform/auth/claims';
import type { DataCategory, Subject } from '../../../platform/policy/types';
import {
  ageRuleApplies,
  decide,
  decideWithoutSubject,
  grantOf,
  legalDutyCovers,
  oppositionMayApply,
} from '../../../platform/policy/engine';
import { AGE_RULE, ROLE_RULES, type Condition } from '../../../platform/policy/rules';
import { forbidden } from '../../../platform/policy/guard';

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

/**
 * The person `young(id)` answers with, or null — the very null a hub id nobody has gets — when the
 * rules refuse the caller their identity, whatever the reason (out of the perimeter, not followed,
 * under 16, opposed, not themself…). The decision is whole here: psad's own facts, plus the report
 * of who follows the person from the caller's own institution, which the gateway gathered before
 * this fetch (gateway/read-attestation.ts) — the only report a rule on this caller can turn on. So
 * nothing about a person out of reach ever leaves psad, not even that the hub id is theirs. Every
 * lookup a real person's decision needs is made for any id, so that an unknown one costs the same
 * statements and the same time.
 */
export async function findReadable(id: string, context: Context): Promise<Young | null> {
  const [record] = await Promise.all([
    context.loaders.youngById.load(id),
    context.loaders.casesByYoung.load(id),
    context.loaders.oppositionsInForceByYoung.load(id),
    // The grounds facts of the subject too, so that an id nobody has costs the statements a person does.
    context.loaders.listingsByYoung.load(id),
    context.loaders.referralsByYoung.load(id),
  ]);
  if (!record) return null;
  const young = toYoung(record);
  const reports = context.attestedSubjects[id.toLowerCase()]?.reports ?? {};
  const subject = await subjectOf({ ...young, ...reports }, context, context.now());
  const decision = decide({
    caller: context.caller,
    category: 'IDENTITY',
    owner: Partner.PSAD,
    subject,
    now: context.now(),
  });
  return decision.allowed ? young : null;
}

/**
 * What each caseload filter reads about the people it matches: a filter narrows the list only
 * among people the caller may read that category of, so that it answers nothing about anyone else.
 */
const FILTER_CATEGORIES: Record<keyof YoungFilter, DataCategory> = {
  territory: 'IDENTITY',
  name: 'IDENTITY',
  campaign: 'SCHOOLING',
  caseStatus: 'FOLLOW_UP_SUMMARY',
};

/** The categories a caseload request reads of every person it lists: identity, and each filter's. */
function caseloadCategories(filter: YoungFilter | null): DataCategory[] {
  const used = (Object.keys(FILTER_CATEGORIES) as (keyof YoungFilter)[]).filter(
    (key) => filter?.[key] !== undefined && filter?.[key] !== null,
  );
  return [...new Set<DataCategory>(['IDENTITY', ...used.map((key) => FILTER_CATEGORIES[key])])];
}

/**
 * Keeps in the caseload only the people whose `category` psad's rules let this caller read, as
 * SQL, so that ids, counts, pages and filters all hold readable people only: the conditions of the
 * caller's grant (all of them), the age rule, and an opposition to the PSAD's sharing (save the
 * legal duty of the obligation de formation). A condition psad cannot check on its own rows
 * (OWN_SCHOOL, held by Éducation nationale) matches no one here. A role that may not read the
 * category at all gets an explicit refusal.
 */
function restrictToReadable(
  query: SelectQueryBuilder<YoungRecord>,
  caller: Caller,
  category: DataCategory,
  now: Date,
): void {
  const operation = decideWithoutSubject(caller, category, now);
  if (operation !== 'DEPENDS_ON_ROW' && !operation.allowed)
    throw forbidden('Query.youngs', category, operation.reason);
  const grant = grantOf(caller.role, category)!;
  const params = {
    self: caller.sub,
    territories: caller.territories,
    org: caller.org,
    // Born on or before the cutoff = at least that old on the Paris day, like the subject's age (`ageAt`).
    sixteenth: latestBirthDate(AGE_RULE.minimumAge, parisDay(now)),
    eighteenth: latestBirthDate(OBLIGATION_END_AGE, parisDay(now)),
    psad: Partner.PSAD,
  };
  const sql: Record<Condition, string> = {
    SELF: 'y.id::text = :self',
    IN_TERRITORY: 'y.bassin_code = ANY(:territories)',
    FOLLOWS:
      'EXISTS (SELECT 1 FROM psad_case f WHERE f.young_id = y.id AND f.closed_on IS NULL AND f.follower_org = :org)',
    OWN_SCHOOL: 'false',
    OWN_ORGANISATION_ROW: 'false',
  };
  for (const condition of grant.when) query.andWhere(sql[condition], params);
  // Nobody the age rule hides appears (not even as a hub id, a count or a name-prefix match).
  if (ageRuleApplies(category, grant)) query.andWhere('y.birth_date <= :sixteenth', params);
  if (oppositionMayApply(caller.role, category) && ROLE_RULES[caller.role].partner !== Partner.PSAD) {
    const opposed =
      'EXISTS (SELECT 1 FROM opposition o WHERE o.young_id = y.id AND o.partner = :psad AND o.withdrawn_at IS NULL)';
    // The obligation de formation (16-18, as `subjectOf`) keeps what the law makes a duty to share.
    const legalDuty = legalDutyCovers(caller.role, category)
      ? ' OR (y.birth_date <= :sixteenth AND y.birth_date > :eighteenth)'
      : '';
    query.andWhere(`(NOT ${opposed}${legalDuty})`, params);
  }
}

/** The age at which the obligation de formation ends (see `subjectOf`). */
const OBLIGATION_END_AGE = 18;

/** A caseload position: last name, first name, hub id — sealed, never shown (`sealCursor`). */
type CaseloadCursor = [string, string, string];
const isCaseloadCursor = (value: unknown): value is CaseloadCursor =>
  Array.isArray(value) && value.length === 3 && value.every((part) => typeof part === 'string');

/**
 * What a caseload cursor is bound to: the caller (as the gateway vouched for them) and the filter.
 * A cursor sealed for one caller or one question opens for no other.
 */
function cursorBinding(caller: Caller, filter: YoungFilter | null): string {
  const { sub, role, org, purpose } = caller;
  const { territory, campaign, caseStatus, name } = filter ?? {};
  return JSON.stringify([
    'youngs',
    sub,
    role,
    org,
    purpose,
    [...caller.territories].sort(),
    territory ?? null,
    campaign ?? null,
    caseStatus ?? null,
    name?.trim().toLowerCase() ?? null,
  ]);
}

/** A caseload row, with psad's own facts about the person read in the same statement. */
interface CaseloadRow {
  record: YoungRecord;
  /** Organisations of the person's open PSAD cases. */
  followers: string[];
  /** Partners the person opposed the sharing of, in force. */
  oppositions: Partner[];
}

/**
 * The page's rows decided once more, person by person, by the engine itself on psad's facts (the
 * SQL above is its translation; a row it would refuse is left out rather than shown), and traced:
 * listing a person is a read of their identity, and of what the filters matched them on. The
 * subject is `subjectOf`'s, from the row: psad's followers and oppositions, the age the `age`
 * field shows.
 */
function readableRows(rows: CaseloadRow[], categories: DataCategory[], context: Context): YoungRecord[] {
  const now = context.now();
  return rows.flatMap(({ record, followers, oppositions }) => {
    const young = toYoung(record);
    const age = YoungResolver.prototype.age(young, context);
    const subject: Subject = {
      youngId: record.id,
      bassin: record.bassinCode,
      age,
      followers: [...new Set(followers)].sort(),
      schools: [],
      oppositions: [...new Set(oppositions)].sort(),
      obligationDeFormation: age >= AGE_RULE.minimumAge && age < OBLIGATION_END_AGE,
    };
    const allowed = categories.every(
      (category) => decide({ caller: context.caller, category, owner: Partner.PSAD, subject, now }).allowed,
    );
    if (!allowed) return [];
    for (const category of categories) context.access.note(record.id, category, 'Query.youngs', true);
    return [record];
  });
}

@Resolver(() => Young)
export class YoungResolver {
  @Query(() => Young, {
    nullable: true,
    description: 'One young person by hub id; null when unknown, or when the caller may not see them.',
  })
  async young(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Young | null> {
    if (!UUID.test(id)) throw badUserInput(`"${id.slice(0, 40)}" is not a hub id (a UUID)`, 'id');
    return findReadable(id, context);
  }

  @Query(() => YoungConnection, {
    description:
      'The caseload, ordered by last name, first name and id (Relay connection): only people whose identity the caller may read, ' +
      'and, for each filter, whose data of that filter the caller may read. Each person listed is traced. Cursors are opaque and ' +
      'valid only for the caller and the filter they were returned with.',
  })
  async youngs(
    @Arg('filter', () => YoungFilter, { nullable: true }) filter: YoungFilter | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: Context,
  ): Promise<YoungConnection> {
    checkPageSize(first);
    const now = context.now();
    const binding = cursorBinding(context.caller, filter);
    const position = after ? openCursor(after, binding, isCaseloadCursor) : null;
    const query = context.db.getRepository<YoungRecord>('YoungRecord').createQueryBuilder('y');
    const categories = caseloadCategories(filter);
    for (const category of categories) restrictToReadable(query, context.caller, category, now);
    if (filter?.territory) {
      const bassins = await bassinsUnder(context.db, filter.territory);
      if (bassins.length === 0)
        throw badUserInput(`Unknown territory "${filter.territory.slice(0, 40)}"`, 'filter.territory');
      query.andWhere('y.bassin_code IN (:...bassins)', { bassins });
    }
    if (filter?.campaign) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM siei_listing s WHERE s.young_id = y.id AND s.campaign = :campaign)',
        { campaign: filter.campaign },
      );
    }
    if (filter?.caseStatus) {
      query.andWhere('EXISTS (SELECT 1 FROM psad_case c WHERE c.young_id = y.id AND c.status = :status)', {
        status: filter.caseStatus,
      });
    }
    if (filter?.name !== undefined && filter?.name !== null) {
      if (filter.name.trim().length < 2)
        throw badUserInput('"name" needs at least 2 characters', 'filter.name');
      query.andWhere('lower(y.last_name) LIKE :prefix', {
        prefix: `${filter.name
          .trim()
          .toLowerCase()
          .replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    // Counted in the page's own statement (the readable people before the cursor included).
    const counter = query.clone();
    const counting = counter.clone().select('count(*)').getQuery();
    if (position)
      query.andWhere('(y.last_name, y.first_name, y.id) > (:last, :firstName, :id)', {
        last: position[0],
        firstName: position[1],
        id: position[2],
      });
    const { entities: records, raw } = await query
      .addSelect(`(${counting})`, 'total')
      .addSelect(
        'ARRAY(SELECT f.follower_org FROM psad_case f WHERE f.young_id = y.id AND f.closed_on IS NULL)',
        'followers',
      )
      .addSelect(
        'ARRAY(SELECT o.partner FROM opposition o WHERE o.young_id = y.id AND o.withdrawn_at IS NULL)',
        'oppositions',
      )
      .orderBy('y.last_name')
      .addOrderBy('y.first_name')
      .addOrderBy('y.id')
      .limit(first + 1)
      .getRawAndEntities<{ total: string; followers: string[]; oppositions: Partner[] }>();
    // A page past the end holds no row to read the count from.
    const totalCount = raw.length > 0 ? Number(raw[0].total) : await counter.getCount();
    const rows = records.slice(0, first).map((record, index) => ({
      record,
      followers: raw[index].followers,
      oppositions: raw[index].oppositions,
    }));
    const page = readableRows(rows, categories, context);
    const edges = page.map((record) => ({
      cursor: sealCursor([record.lastName, record.firstName, record.id], binding),
      node: toYoung(record),
    }));
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

  @FieldResolver(() => Int, { nullable: true, description: 'Age in whole years today.' })
  @PsadPersonalData('IDENTITY')
  age(@Root() young: Young, @Ctx() context: Context): number {
    return ageAt(young.birthDate, context.now());
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The bassin the young person lives in.' })
  @PsadPersonalData('IDENTITY')
  async bassin(@Root() young: Young, @Ctx() context: Context): Promise<Territory> {
    const record = await context.loaders.territoryByCode.load(young.bassinCode);
    if (!record) throw new Error(`Young person refers to an unknown bassin`);
    return {
      code: record.code,
      kind: record.kind as TerritoryKind,
      name: record.name,
      parentCode: record.parentCode,
    };
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Phone, e-mail and address, when known.' })
  @PsadPersonalData('CONTACT')
  async contact(@Root() young: Young, @Ctx() context: Context): Promise<Contact | null> {
    return context.loaders.contactDetailsByYoung.load(young.id);
  }

  @FieldResolver(() => [LegalRepresentative], {
    nullable: true,
    description: 'Legal representatives, for a minor the family.',
  })
  @PsadPersonalData('LEGAL_REPRESENTATIVES')
  async legalRepresentatives(@Root() young: Young, @Ctx() context: Context): Promise<LegalRepresentative[]> {
    const records = await context.loaders.representativesByYoung.load(young.id);
    return records.map((record) => ({ ...record, relationship: record.relationship as Relationship }));
  }

  @FieldResolver(() => [SieiListing], {
    nullable: true,
    description: 'SIEI lists this person appeared on, oldest first.',
  })
  @PsadPersonalData('SCHOOLING')
  async sieiListings(@Root() young: Young, @Ctx() context: Context): Promise<SieiListing[]> {
    const records = await context.loaders.listingsByYoung.load(young.id);
    return records.map((record) => ({ ...record, diploma: record.diploma as Diploma }));
  }

  @FieldResolver(() => [PsadCase], { nullable: true, description: 'PSAD cases, oldest first.' })
  @PsadPersonalData('FOLLOW_UP_SUMMARY')
  async psadCases(@Root() young: Young, @Ctx() context: Context): Promise<PsadCase[]> {
    const records = await context.loaders.casesByYoung.load(young.id);
    return records.map((record) => ({ ...record, status: record.status as CaseStatus }));
  }

  @FieldResolver(() => [TrajectoryEvent], {
    nullable: true,
    description:
      'One chronological list of events from every partner, each shown only if its category is granted to the caller. Withheld categories and partners that could not answer are named in `errors`.',
  })
  @Directive(`@requires(fields: "${TRAJECTORY_SELECTION}")`)
  async trajectory(
    @Root() young: Young,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TrajectoryEvent[]> {
    if (from && to && from > to) throw badUserInput('"from" must not be after "to"', 'from');
    const now = context.now();
    const subject = await subjectOf(young, context, now);
    context.subjects.set(young.id, subject);
    const note = (category: DataCategory, granted: boolean) =>
      context.access.note(young.id, category, 'Young.trajectory', granted);
    const own = visibleEvents(
      await psadTrajectory(young.id, context.loaders),
      context.caller,
      subject,
      Partner.PSAD,
      now,
      note,
    );
    // Partners already dropped the events their rules refuse; say which categories are withheld.
    for (const withheld of withheldCategories(context.caller, subject, now)) {
      notice(
        context,
        info,
        `Trajectory events of category ${withheld.category} are withheld: ${withheld.reason}`,
        {
          code: 'FORBIDDEN',
          reason: withheld.reason,
          category: withheld.category,
          partners: withheld.owners,
          field: 'Young.trajectory',
        },
      );
    }
    const contributions = CONTRIBUTED_EVENT_FIELDS.map(
      (field) => young[field as keyof Young] as TrajectoryEvent[] | null | undefined,
    );
    return mergeTrajectory([own, ...contributions], from, to);
  }

  /**
   * What psad knows for the rules: bassin, age, oppositions, obligation, psad's own followers. Each
   * partner completes it with the other partners' reports, which it requires directly (see
   * `subjectSelection` in platform/policy/subject.ts for why this field requires nothing).
   */
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The facts the access rules need about this person, attested by psad for the other subgraphs.',
  })
  @Directive('@inaccessible')
  accessSubject(@Root() young: Young, @Ctx() context: Context): Promise<string | null> {
    return context.facts.sign('access-subject', young.id, async () => ({
      subject: encodeSubject(await subjectOf(young, context, context.now())),
    }));
  }
}

/**
 * Entities psad owns, as the gateway asks for them: the record, plus whatever partners' data came in the
 * representation.
 */
export const youngReference = {
  Young: {
    async __resolveReference(
      reference: Record<string, unknown> & { id: string },
      context: Context,
    ): Promise<Young | null> {
      if (!UUID.test(reference.id)) return null;
      const record = await context.loaders.youngById.load(reference.id);
      if (!record) return null;
      const young: Young = toYoung(record);
      for (const field of [
        ...CONTRIBUTED_EVENT_FIELDS,
        ...CONTRIBUTED_FOLLOWER_FIELDS,
        ...CONTRIBUTED_CANDIDATE_FIELDS,
      ]) {
        if (field in reference) Object.assign(young, { [field]: reference[field] });
      }
      return young;
    },
  },
};
