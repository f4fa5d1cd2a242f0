import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Directive, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { MigrationInterface, QueryRunner, DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../auth/claims';
import { isHubId } from '../database/loaders';
import { checkPageSize, openCursor, sealCursor } from '../graphql/pagination';
import { PageInfo } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { Category } from '../policy/category';
import type { GuardContext } from '../policy/context';
import { groundsOf, type GroundsKind } from '../policy/engine';
import type { Subject } from '../policy/types';
import { badUserInput } from '../server/errors';
import { revokeFromAllButOwner } from './migration';

/**
 * The DPO's register of follow relationships (issue 11, class 5): every write that makes an
 * organisation a follower of a person records, in the same transaction, who made it (caller sub,
 * role, organisation), when, about whom (hub id only), for which organisation, and on which
 * grounds. The access trail already holds who wrote about whom, but not the grounds nor the
 * follower organisation (platform/audit/record.ts), hence a table of its own in every subgraph that
 * creates follows, through this one helper.
 */

/**
 * The grounds a follow was opened on: the policy's (`groundsOf`), the PSAD of the person's
 * perimeter (a case handed to it), and the PJJ's judicial mandate, which never enters the hub.
 */
export const FOLLOW_GROUNDS = [
  'REFERRAL',
  'OWN_PUPIL',
  'ALREADY_FOLLOWS',
  'SIEI_LISTING',
  'PERIMETER_PSAD',
  'PJJ_MANDATE',
] as const satisfies readonly (GroundsKind | string)[];
export type FollowGrounds = (typeof FOLLOW_GROUNDS)[number];

/**
 * A caller is flagged when their openings in the period exceed this many times the median of the
 * other callers of the same role in the same subgraph and period…
 */
export const OUTLIER_FACTOR = 3;
/** …and are at least this many: a handful of openings is no pattern, whatever the peers did. */
export const OUTLIER_MINIMUM = 10;

export class CreateFollowOpenings1764000009600 implements MigrationInterface {
  name = 'CreateFollowOpenings1764000009600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE follow_opening (
      id uuid PRIMARY KEY,
      at timestamptz NOT NULL,
      caller_sub text NOT NULL,
      caller_role text NOT NULL,
      caller_org text NOT NULL,
      young_id uuid NOT NULL,
      follower_org text NOT NULL,
      grounds_kind text NOT NULL CHECK (grounds_kind IN (${FOLLOW_GROUNDS.map((g) => `'${g}'`).join(', ')})),
      grounds_reference text,
      operation text NOT NULL
    )`);
    await runner.query('CREATE INDEX follow_opening_at_idx ON follow_opening (at, id)');
    // A register the runtime role may append to and read, not rewrite.
    await revokeFromAllButOwner(runner, 'follow_opening', 'UPDATE, TRUNCATE, TRIGGER, REFERENCES');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE follow_opening');
  }
}

export interface FollowOpeningWrite {
  youngId: string;
  followerOrg: string;
  grounds: FollowGrounds;
  /** The referral's id, the SIEI campaign, the school's UAI…; null when the hub holds none here. */
  groundsReference: string | null;
  /** The mutation, `Mutation.openPsadCase`. */
  operation: string;
}

/**
 * The grounds on which the policy allowed the caller's organisation to begin following the person
 * (WRITE_CONDITIONS.GROUNDED): called once the write is authorised, so that there are some.
 */
export function policyGrounds(caller: Caller, subject: Subject): GroundsKind {
  const grounds = groundsOf(caller, subject);
  if (grounds === null) throw new Error('A follow is being opened without grounds: GROUNDED was not decided');
  return grounds;
}

/** Records one opening, in the write's own transaction: no follow stands without its line. */
export async function recordFollowOpening(
  manager: EntityManager,
  context: { caller: Caller; now(): Date },
  opening: FollowOpeningWrite,
): Promise<void> {
  const { caller } = context;
  await manager.query(
    `INSERT INTO follow_opening (id, at, caller_sub, caller_role, caller_org, young_id, follower_org,
       grounds_kind, grounds_reference, operation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      randomUUID(),
      context.now(),
      caller.sub,
      caller.role,
      caller.org,
      opening.youngId,
      opening.followerOrg,
      opening.grounds,
      opening.groundsReference,
      opening.operation,
    ],
  );
}

@ObjectType({
  description:
    'One follow relationship created: who made an organisation a follower of a person, when, and on which grounds. ' +
    'Hub ids and organisation codes only: never a name.',
})
@Directive('@shareable')
export class FollowOpening {
  @Field(() => Date, { description: 'When the follow was created (ISO 8601 date-time).' })
  at: Date;

  @Field({ description: 'The caller’s identifier (`sub`).' })
  callerSub: string;

  @Field({ description: 'The caller’s role.' })
  callerRole: string;

  @Field({ description: 'The caller’s organisation code.' })
  callerOrg: string;

  @Field({ description: 'The person’s hub id (pseudonymous).' })
  youngId: string;

  @Field({ description: 'The organisation that follows the person from then on.' })
  followerOrg: string;

  @Field({
    description:
      'REFERRAL (an accepted fiche de liaison), OWN_PUPIL, ALREADY_FOLLOWS, SIEI_LISTING, PERIMETER_PSAD, PJJ_MANDATE.',
  })
  grounds: string;

  @Field(() => String, {
    nullable: true,
    description: 'The referral id, SIEI campaign or school the grounds rest on, when this partner holds it.',
  })
  groundsReference: string | null;

  @Field({ description: 'The mutation that created the follow (`Mutation.openPsadCase`…).' })
  operation: string;

  @Field(() => Int, { description: 'The caller’s openings in this subgraph over the whole period asked.' })
  callerOpenings: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median openings of the other callers of the same role over the period; null without peers.',
  })
  peerMedian: number | null;

  @Field({
    description: `The caller opened more than ${OUTLIER_FACTOR}× their peers’ median, and at least ${OUTLIER_MINIMUM}.`,
  })
  flagged: boolean;
}

@ObjectType({ description: 'A page of follow openings, oldest first.' })
@Directive('@shareable')
export class FollowOpeningPage {
  @Field(() => [FollowOpening])
  nodes: FollowOpening[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Openings matching the period and organisation, all pages.' })
  totalCount: number;
}

/** The median of counts (0 entries: null). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface CallerCount {
  sub: string;
  role: string;
  openings: number;
}

/**
 * Each caller's peer median (the other callers of their role who opened at least once) and flag. The
 * caller is left out of their own benchmark: with two peers, a median including the outlier could
 * never be exceeded threefold.
 */
export function outliers(
  counts: readonly CallerCount[],
): Map<string, { openings: number; peerMedian: number | null; flagged: boolean }> {
  const result = new Map<string, { openings: number; peerMedian: number | null; flagged: boolean }>();
  for (const caller of counts) {
    const peers = counts.filter((other) => other.role === caller.role && other.sub !== caller.sub);
    const peerMedian = median(peers.map((peer) => peer.openings));
    const flagged =
      peerMedian !== null &&
      caller.openings >= OUTLIER_MINIMUM &&
      caller.openings > OUTLIER_FACTOR * peerMedian;
    result.set(`${caller.role}\u0000${caller.sub}`, { openings: caller.openings, peerMedian, flagged });
  }
  return result;
}

interface OpeningRow {
  id: string;
  at: Date;
  caller_sub: string;
  caller_role: string;
  caller_org: string;
  young_id: string;
  follower_org: string;
  grounds_kind: string;
  grounds_reference: string | null;
  operation: string;
}

type Position = [string, string];
const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  !Number.isNaN(Date.parse(value[0])) &&
  typeof value[1] === 'string' &&
  isHubId(value[1]);

const ORGANISATION = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export interface FollowOpeningQuery {
  from: Date;
  to: Date;
  organisation: string | null;
  first: number;
  after: string | null;
}

/**
 * One page of the register, oldest first, with each caller's flag computed on every opening of the
 * period in this subgraph (whatever `organisation` narrows the page to: peers are the role's
 * callers across the subgraph).
 */
export async function readFollowOpenings(
  db: DataSource,
  caller: Caller,
  query: FollowOpeningQuery,
): Promise<FollowOpeningPage> {
  checkPageSize(query.first);
  if (!(query.from < query.to)) throw badUserInput('"from" must be before "to"', 'from');
  if (query.organisation !== null && !ORGANISATION.test(query.organisation))
    throw badUserInput('"organisation" must be an organisation code', 'organisation');
  const binding = JSON.stringify([
    caller.sub,
    query.from.toISOString(),
    query.to.toISOString(),
    query.organisation,
  ]);
  const position = query.after === null ? null : openCursor(query.after, binding, isPosition);
  const period = [query.from, query.to, query.organisation];
  const filter = `at >= $1 AND at < $2 AND ($3::text IS NULL OR follower_org = $3 OR caller_org = $3)`;
  const rows: OpeningRow[] = await db.query(
    `SELECT id, at, caller_sub, caller_role, caller_org, young_id, follower_org, grounds_kind, grounds_reference,
            operation FROM follow_opening
      WHERE ${filter} AND ($4::timestamptz IS NULL OR (at, id) > ($4::timestamptz, $5::uuid))
      ORDER BY at, id LIMIT $6`,
    [...period, position?.[0] ?? null, position?.[1] ?? null, query.first + 1],
  );
  const [{ total }]: { total: number }[] = await db.query(
    `SELECT count(*)::int AS total FROM follow_opening WHERE ${filter}`,
    period,
  );
  const counts: CallerCount[] = (
    await db.query(
      `SELECT caller_sub AS sub, caller_role AS role, count(*)::int AS openings FROM follow_opening
        WHERE at >= $1 AND at < $2 GROUP BY caller_sub, caller_role`,
      [query.from, query.to],
    )
  ).map((row: CallerCount) => ({ ...row, openings: Number(row.openings) }));
  const flags = outliers(counts);
  const page = rows.slice(0, query.first);
  const nodes = page.map((row): FollowOpening => {
    const flag = flags.get(`${row.caller_role}\u0000${row.caller_sub}`)!;
    return {
      at: row.at,
      callerSub: row.caller_sub,
      callerRole: row.caller_role,
      callerOrg: row.caller_org,
      youngId: row.young_id,
      followerOrg: row.follower_org,
      grounds: row.grounds_kind,
      groundsReference: row.grounds_reference,
      operation: row.operation,
      callerOpenings: flag.openings,
      peerMedian: flag.peerMedian,
      flagged: flag.flagged,
    };
  });
  const cursorOf = (row: OpeningRow) => sealCursor([row.at.toISOString(), row.id], binding);
  return {
    nodes,
    totalCount: total,
    pageInfo: {
      hasNextPage: rows.length > query.first,
      hasPreviousPage: position !== null,
      startCursor: page.length > 0 ? cursorOf(page[0]) : null,
      endCursor: page.length > 0 ? cursorOf(page[page.length - 1]) : null,
    },
  };
}

/** The name of a subgraph's register query: `psadFollowOpenings`, `missionsLocalesFollowOpenings`… */
export function followOpeningsField(profile: SubgraphProfile): string {
  return `${profile.fieldPrefix}FollowOpenings`;
}

/**
 * A subgraph's root query on its register, for the DPO only (FOLLOW_REGISTER, rules.ts): the
 * gateway and this subgraph's guard refuse every other role before anything is read. The read is
 * itself traced, against each person listed.
 */
export function defineFollowRegister(profile: SubgraphProfile) {
  const field = followOpeningsField(profile);

  @Resolver()
  class FollowRegisterResolver {
    @Query(() => FollowOpeningPage, {
      name: field,
      description:
        `The DPO’s register of the follows ${profile.label} created in [from, to), oldest first: who, when, ` +
        'about which hub id, for which organisation, on which grounds; each caller flagged when they opened far ' +
        'more than their peers of the same role. `organisation`: only follows by or for this organisation code.',
    })
    @Category('FOLLOW_REGISTER')
    async followOpenings(
      @Arg('from', () => Date) from: Date,
      @Arg('to', () => Date) to: Date,
      @Arg('organisation', () => String, { nullable: true }) organisation: string | null,
      @Arg('first', () => Int, { defaultValue: 50 }) first: number,
      @Arg('after', () => String, { nullable: true }) after: string | null,
      @Ctx() context: GuardContext & { db: DataSource },
    ): Promise<FollowOpeningPage> {
      const page = await readFollowOpenings(context.db, context.caller, {
        from,
        to,
        organisation: organisation ?? null,
        first,
        after: after ?? null,
      });
      // The DPO's reading of the register is accountable too: in each listed person's trail.
      for (const node of page.nodes)
        context.access.note(node.youngId, 'FOLLOW_REGISTER', `Query.${field}`, true);
      return page;
    }
  }
  return FollowRegisterResolver;
}
