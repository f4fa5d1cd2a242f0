import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { REFERENCE_DATE } from '../../demo/generate';
import { verifyTrail } from '../../platform/audit/trail';
import { databaseUrlVariable, migrationDatabaseUrlVariable } from '../../platform/config';
import { OFFERING_SUBGRAPHS, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../../platform/partners';
import { runRetentionPlan, type PurgeReport } from '../../platform/retention/purge';
import { retentionPurge, type RetentionPurgeResult } from '../../scripts/lib/retention-purge';
import { RETENTION_PLAN as E2C_PLAN } from '../../subgraphs/e2c/retention';
import { startTestHub, type TestHub } from '../harness';

// The real stack on the demo (embedded PostgreSQL, seven subgraphs, the gateway); the purges run
// through `npm run retention:purge`'s own code, as each subgraph's schema owner, with the clock set
// by the test. They are destructive, so the tests below run in order on the same databases.
let hub: TestHub;
let env: NodeJS.ProcessEnv;

const db = (name: SubgraphName): DataSource => hub.stack.subgraphs[name].dataSource;

async function count(name: SubgraphName, table: string, where = 'true'): Promise<number> {
  const [row]: { count: number }[] = await db(name).query(
    `SELECT count(*)::int AS count FROM ${table} WHERE ${where}`,
  );
  return row.count;
}

/** Row counts of every table the oracle below covers (every table some subgraph purges). */
async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { subgraph, table } of expectations(IN_2040))
    counts[`${subgraph}.${table}`] ??= await count(subgraph, table);
  return counts;
}

function purge(
  now: string,
  options: { dryRun?: boolean; subgraphs?: SubgraphName[] } = {},
): Promise<RetentionPurgeResult> {
  return retentionPurge({
    subgraphs: options.subgraphs ?? SUBGRAPH_NAMES,
    dataDirectory: '',
    env,
    now: new Date(`${now}T12:00:00Z`),
    dryRun: options.dryRun ?? false,
    print: () => undefined,
    quiet: true,
  });
}

/** Rows purged per `<subgraph>.<table>`, from the reports. */
function purgedPerTable(reports: PurgeReport[]): Record<string, number> {
  const purged: Record<string, number> = {};
  // The access trail has a test of its own: these maps are about the partners' records.
  for (const report of reports) {
    for (const entry of report.purged)
      if (entry.table !== 'access_trail')
        purged[`${report.subgraph}.${entry.table}`] =
          (purged[`${report.subgraph}.${entry.table}`] ?? 0) + entry.rows;
  }
  return purged;
}

function difference(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(before).map((key) => [key, before[key] - after[key]]));
}

/**
 * The oracle: the period of each category, restated with the cutoff days worked out by hand for
 * each clock (not with the code's own arithmetic). `gone`: rows that must have disappeared after a
 * purge with that clock; `kept`: rows that must all still be there.
 */
interface Cutoffs {
  /**
   * 3 years: SCHOOLING, FOLLOW_UP_SUMMARY, FOQUALE_CONTRACT, ACCESS_LOG; and the end of an obligation (since
   * + 2 years) plus its 1 year.
   */
  threeYears: string;
  /** 2 years: FOLLOW_UP_DETAIL. */
  twoYears: string;
  /** 1 year: OFFERS. */
  oneYear: string;
  /** 3 years before an apprenticeship contract's latest term (started + 4 years). */
  sevenYears: string;
  /** PJJ_SIGNAL: none. */
  today: string;
  /** IDENTITY: the 30th birthday. */
  thirtyYears: string;
  /** LEGAL_REPRESENTATIVES: the 19th birthday. */
  nineteenYears: string;
  /** Idempotency keys: 7 days before the clock (an instant, not a day). */
  sevenDays: string;
}

const AT_REFERENCE: Cutoffs = {
  threeYears: '2023-11-01',
  twoYears: '2024-11-01',
  oneYear: '2025-11-01',
  sevenYears: '2019-11-01',
  today: '2026-11-01',
  thirtyYears: '1996-11-01',
  nineteenYears: '2007-11-01',
  sevenDays: '2026-10-25T12:00:00Z',
};
const IN_2040: Cutoffs = {
  threeYears: '2037-01-01',
  twoYears: '2038-01-01',
  oneYear: '2039-01-01',
  sevenYears: '2033-01-01',
  today: '2040-01-01',
  thirtyYears: '2010-01-01',
  nineteenYears: '2021-01-01',
  sevenDays: '2039-12-25T12:00:00Z',
};

interface Expectation {
  subgraph: SubgraphName;
  table: string;
  gone: string;
  kept: string;
}

/** The Paris day a referral was answered on (its retention runs from there). */
const referralAnswered = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')::date`;

function expectations(c: Cutoffs): Expectation[] {
  const live = (column: string, cutoff: string) => `(${column} IS NULL OR ${column} >= '${cutoff}')`;
  const liveFollowUp = live('closed_on', c.threeYears);
  // A reservation's period (FOLLOW_UP_SUMMARY) runs from its cancellation, or else from its offer's end or
  // closing.
  const reservationGone = `(status = 'CANCELLED' AND cancelled_at < '${c.threeYears}')
    OR (status = 'RESERVED' AND offer_id IN (SELECT id FROM offer WHERE ends_on < '${c.threeYears}' OR closed_at < '${c.threeYears}'))`;
  const reservationKept = `(status = 'CANCELLED' AND cancelled_at >= '${c.threeYears}')
    OR (status = 'RESERVED' AND offer_id IN (SELECT id FROM offer WHERE ${live('ends_on', c.threeYears)} AND ${live('closed_at', c.threeYears)}))`;
  const stillReserved = `EXISTS (SELECT 1 FROM place_reservation WHERE place_reservation.offer_id = offer.id AND (${reservationKept}))`;
  const reservations = (subgraph: SubgraphName): Expectation => ({
    subgraph,
    table: 'place_reservation',
    gone: reservationGone,
    kept: reservationKept,
  });
  const followUps = (subgraph: SubgraphName): Expectation[] => [
    {
      subgraph,
      table: 'follow_up_event',
      gone: `follow_up_id IN (SELECT id FROM follow_up WHERE closed_on < '${c.twoYears}')`,
      kept: `follow_up_id IN (SELECT id FROM follow_up WHERE ${live('closed_on', c.twoYears)})`,
    },
    { subgraph, table: 'follow_up', gone: `closed_on < '${c.threeYears}'`, kept: liveFollowUp },
    reservations(subgraph),
    {
      subgraph,
      table: 'offer',
      gone: `closed_at < '${c.oneYear}' AND NOT EXISTS (SELECT 1 FROM follow_up WHERE follow_up.offer_id = offer.id AND ${liveFollowUp}) AND NOT ${stillReserved}`,
      kept: `${live('closed_at', c.oneYear)} OR EXISTS (SELECT 1 FROM follow_up WHERE follow_up.offer_id = offer.id AND ${liveFollowUp}) OR ${stillReserved}`,
    },
  ];
  const stillAbout = `EXISTS (SELECT 1 FROM siei_listing s WHERE s.young_id = young.id AND s.detected_on >= '${c.threeYears}')
    OR EXISTS (SELECT 1 FROM psad_case p WHERE p.young_id = young.id AND ${live('p.closed_on', c.threeYears)})
    OR EXISTS (SELECT 1 FROM opposition o WHERE o.young_id = young.id AND ${live('o.withdrawn_at', c.threeYears)})
    OR EXISTS (SELECT 1 FROM referral r WHERE r.young_id = young.id AND ${live(referralAnswered('r.decided_at'), c.threeYears)})`;
  const identityGone = `birth_date < '${c.thirtyYears}' AND NOT (${stillAbout})`;
  const identityKept = `birth_date >= '${c.thirtyYears}' OR ${stillAbout}`;
  return [
    {
      subgraph: 'psad',
      table: 'case_contact',
      gone: `case_id IN (SELECT id FROM psad_case WHERE closed_on < '${c.twoYears}')`,
      kept: `case_id IN (SELECT id FROM psad_case WHERE ${live('closed_on', c.twoYears)})`,
    },
    {
      subgraph: 'psad',
      table: 'case_transition',
      gone: `case_id IN (SELECT id FROM psad_case WHERE closed_on < '${c.twoYears}')`,
      kept: `case_id IN (SELECT id FROM psad_case WHERE ${live('closed_on', c.twoYears)})`,
    },
    {
      subgraph: 'psad',
      table: 'psad_case',
      gone: `closed_on < '${c.threeYears}'`,
      kept: live('closed_on', c.threeYears),
    },
    {
      subgraph: 'psad',
      table: 'siei_listing',
      gone: `detected_on < '${c.threeYears}'`,
      kept: `detected_on >= '${c.threeYears}'`,
    },
    {
      // A referral from its answer, as a follow-up summary; a pending one stays.
      subgraph: 'psad',
      table: 'referral',
      gone: `${referralAnswered('decided_at')} < '${c.threeYears}'`,
      kept: live(referralAnswered('decided_at'), c.threeYears),
    },
    {
      subgraph: 'psad',
      table: 'opposition',
      gone: `withdrawn_at < '${c.threeYears}'`,
      kept: live('withdrawn_at', c.threeYears),
    },
    {
      subgraph: 'psad',
      table: 'legal_representative',
      gone: `young_id IN (SELECT id FROM young WHERE birth_date < '${c.nineteenYears}')`,
      kept: `young_id IN (SELECT id FROM young WHERE birth_date >= '${c.nineteenYears}')`,
    },
    {
      subgraph: 'psad',
      table: 'young_contact',
      gone: `young_id IN (SELECT id FROM young WHERE ${identityGone})`,
      kept: `young_id IN (SELECT id FROM young WHERE ${identityKept})`,
    },
    { subgraph: 'psad', table: 'young', gone: identityGone, kept: identityKept },
    {
      subgraph: 'education-nationale',
      table: 'situation_review',
      gone: `contract_id IN (SELECT id FROM foquale_contract WHERE closed_on < '${c.threeYears}')`,
      kept: `contract_id IN (SELECT id FROM foquale_contract WHERE ${live('closed_on', c.threeYears)})`,
    },
    {
      subgraph: 'education-nationale',
      table: 'foquale_contract',
      gone: `closed_on < '${c.threeYears}'`,
      kept: live('closed_on', c.threeYears),
    },
    {
      subgraph: 'education-nationale',
      table: 'enrolment',
      gone: `ended_on < '${c.threeYears}'`,
      kept: live('ended_on', c.threeYears),
    },
    {
      subgraph: 'education-nationale',
      table: 'dropout_signal',
      gone: `signalled_on < '${c.threeYears}'`,
      kept: `signalled_on >= '${c.threeYears}'`,
    },
    reservations('education-nationale'),
    {
      subgraph: 'education-nationale',
      table: 'offer',
      gone: `closed_at < '${c.oneYear}' AND NOT ${stillReserved}`,
      kept: `${live('closed_at', c.oneYear)} OR ${stillReserved}`,
    },
    ...followUps('missions-locales'),
    // The obligation ended at the latest 2 years after `since`, and is kept 1 year more: 3 years after
    // `since`.
    {
      subgraph: 'missions-locales',
      table: 'obligation_de_formation',
      gone: `since < '${c.threeYears}'`,
      kept: `since >= '${c.threeYears}'`,
    },
    {
      subgraph: 'missions-locales',
      table: 'obligation_step',
      gone: `young_id IN (SELECT young_id FROM obligation_de_formation WHERE since < '${c.threeYears}')`,
      kept: `young_id IN (SELECT young_id FROM obligation_de_formation WHERE since >= '${c.threeYears}')`,
    },
    ...followUps('e2c'),
    ...followUps('cfa'),
    {
      subgraph: 'cfa',
      table: 'apprenticeship_contract',
      gone: `broken_on < '${c.threeYears}' OR (broken_on IS NULL AND started_on < '${c.sevenYears}')`,
      kept: `broken_on >= '${c.threeYears}' OR (broken_on IS NULL AND started_on >= '${c.sevenYears}')`,
    },
    ...followUps('agriculture'),
    {
      subgraph: 'pjj',
      table: 'pjj_signal',
      gone: `withdrawn_on < '${c.today}'`,
      kept: live('withdrawn_on', c.today),
    },
    // Every subgraph forgets its idempotency keys after 7 days.
    ...SUBGRAPH_NAMES.map((subgraph) => ({
      subgraph,
      table: 'idempotent_write',
      gone: `created_at < '${c.sevenDays}'`,
      kept: `created_at >= '${c.sevenDays}'`,
    })),
  ];
}

async function countEach(list: Expectation[], which: 'gone' | 'kept'): Promise<number[]> {
  return Promise.all(list.map((e) => count(e.subgraph, e.table, e[which])));
}

/** Runs a purge and checks it against the oracle: exactly the expired rows go, and the report counts them. */
async function purgeAndCheck(
  now: string,
  cutoffs: Cutoffs,
): Promise<{ reports: PurgeReport[]; gone: Record<string, number> }> {
  const list = expectations(cutoffs);
  const keptBefore = await countEach(list, 'kept');
  const before = await tableCounts();
  const { status, reports } = await purge(now);
  expect(status).toBe(0);
  const after = await tableCounts();
  const gone = difference(before, after);
  // The report counts what disappeared, table by table.
  expect(purgedPerTable(reports)).toEqual(gone);
  const checks = list.map((e, index) => ({
    table: `${e.subgraph}.${e.table}`,
    expiredLeft: 0,
    keptLeft: keptBefore[index],
  }));
  const goneAfter = await countEach(list, 'gone');
  const keptAfter = await countEach(list, 'kept');
  expect(
    list.map((e, index) => ({
      table: `${e.subgraph}.${e.table}`,
      expiredLeft: goneAfter[index],
      keptLeft: keptAfter[index],
    })),
  ).toEqual(checks);
  return { reports, gone };
}

// Cases the demo does not have: withdrawn oppositions and closed offers.
const people: Record<'withdrawnLongAgo' | 'withdrawnRecently' | 'opposing', string> = {
  withdrawnLongAgo: '',
  withdrawnRecently: '',
  opposing: '',
};
/**
 * In every subgraph holding offers: one closed in 2024. In e2c, also one closed in 2026, and one closed in
 * 2020 that an open follow-up names.
 */
const closedLongAgo = Object.fromEntries(OFFERING_SUBGRAPHS.map((name) => [name, randomUUID()])) as Record<
  SubgraphName,
  string
>;
const offers = { closedRecently: randomUUID(), closedButNamed: '' };
/** In every subgraph holding offers: another closed in 2024, on which a place is still reserved. */
const closedButReserved = Object.fromEntries(
  OFFERING_SUBGRAPHS.map((name) => [name, randomUUID()]),
) as Record<SubgraphName, string>;

async function insertClosedOffer(name: SubgraphName, id: string, closedAt: string): Promise<void> {
  await db(name).query(
    `INSERT INTO offer (id, organisation_id, kind, title, track, level, bassin_code, commune, capacity, taken, age_min, age_max, starts_on, ends_on, closed_at)
     SELECT $1, organisation_id, kind, title, track, level, bassin_code, commune, capacity, 0, age_min, age_max, starts_on, ends_on, $2 FROM offer ORDER BY id LIMIT 1`,
    [id, closedAt],
  );
}

beforeAll(async () => {
  hub = await startTestHub();
  const cluster = hub.stack.cluster!;
  env = Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name) => [
      [databaseUrlVariable(name), cluster.urlFor(name)],
      [migrationDatabaseUrlVariable(name), cluster.migrationUrlFor(name)],
    ]),
  );

  // People of the demo born before 2010 (30 in 2040) with no open PSAD case: only an opposition can keep
  // them.
  const candidates: { id: string }[] = await db('psad').query(
    `SELECT id FROM young WHERE birth_date < '2009-06-01' AND NOT EXISTS (SELECT 1 FROM psad_case WHERE psad_case.young_id = young.id AND closed_on IS NULL) ORDER BY id LIMIT 3`,
  );
  [people.withdrawnLongAgo, people.withdrawnRecently, people.opposing] = candidates.map((row) => row.id);
  const insertOpposition = (youngId: string, recordedAt: string, withdrawnAt: string | null) =>
    db('psad').query(
      'INSERT INTO opposition (id, young_id, partner, recorded_at, recorded_by, withdrawn_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [randomUUID(), youngId, 'CFA', recordedAt, youngId, withdrawnAt],
    );
  await insertOpposition(people.withdrawnLongAgo, '2021-05-01T10:00:00Z', '2022-03-01T10:00:00Z');
  await insertOpposition(people.withdrawnRecently, '2025-05-01T10:00:00Z', '2026-06-01T10:00:00Z');
  await insertOpposition(people.opposing, '2026-01-10T10:00:00Z', null);
  // The demo has no referral: one answered long ago, one answered this year, one still pending (about a
  // person the opposition keeps anyway).
  const insertReferral = (proposedAt: string, decidedAt: string | null) =>
    db('psad').query(
      `INSERT INTO referral (id, young_id, from_org, from_role, from_sub, to_org, reason, status, proposed_at, decided_at, decided_by_sub)
       VALUES ($1, $2, 'PSAD-38-GRE', 'psad-coordinator', 'retention-test', '0380001A', 'GUIDANCE', $3, $4, $5, $6)`,
      [
        randomUUID(),
        people.opposing,
        decidedAt ? 'ACCEPTED' : 'PROPOSED',
        proposedAt,
        decidedAt,
        decidedAt ? 'retention-test' : null,
      ],
    );
  await insertReferral('2022-01-10T10:00:00Z', '2022-02-01T10:00:00Z');
  await insertReferral('2026-05-10T10:00:00Z', '2026-06-01T10:00:00Z');
  await insertReferral('2026-10-10T10:00:00Z', null);

  // The demo has no case history nor idempotency keys: a transition of a case closed long ago and of
  // an open one, and keys from a retry long ago and from last week.
  const insertTransition = (closed: boolean) =>
    db('psad').query(
      `INSERT INTO case_transition (id, case_id, young_id, kind, version, at, actor_sub, actor_role, actor_org, from_status, to_status, follower_org, follower_name, reason, closure)
       SELECT $1, id, young_id, 'STATUS_CHANGED', version + 1, now(), 'retention-test', 'psad-coordinator', 'PSAD-TEST', 'TO_CONTACT', status, follower_org, follower_name, 'fixture', 'STAYS_OPEN'
         FROM psad_case WHERE ${closed ? 'closed_on IS NOT NULL' : 'closed_on IS NULL'} AND status <> 'TO_CONTACT' ORDER BY closed_on, id LIMIT 1`,
      [randomUUID()],
    );
  await insertTransition(true);
  await insertTransition(false);
  for (const name of SUBGRAPH_NAMES) {
    for (const [key, createdAt] of [
      ['long-ago', '2026-01-05T10:00:00Z'],
      ['last-week', '2026-10-30T10:00:00Z'],
    ]) {
      await db(name).query(
        `INSERT INTO idempotent_write (caller_sub, operation, key, request_hash, result_id, created_at) VALUES ('retention-test', 'Mutation.any', $1, 'h', 'r', $2)`,
        [key, createdAt],
      );
    }
  }

  for (const name of OFFERING_SUBGRAPHS)
    await insertClosedOffer(name, closedLongAgo[name], '2024-06-01T10:00:00Z');
  // Place reservations, in every subgraph holding offers: one cancelled in 2022; one still held on an offer
  // closed in 2024, which keeps that offer.
  const insertReservation = (name: SubgraphName, offerId: string, cancelledAt: string | null) =>
    db(name).query(
      `INSERT INTO place_reservation (id, offer_id, young_id, reserved_at, reserved_by_sub, reserved_by_org, reserved_by_role, status, cancelled_at, cancelled_by_sub, cancelled_by_org, cancelled_by_role, cancel_reason)
       VALUES ($1, $2, $3, '2022-01-10T10:00:00Z', 'retention-test', 'PSAD-TEST', 'psad-coordinator', $4, $5::timestamptz, $6, $6, $6, $6)`,
      [
        randomUUID(),
        offerId,
        randomUUID(),
        cancelledAt ? 'CANCELLED' : 'RESERVED',
        cancelledAt,
        cancelledAt ? 'retention-test' : null,
      ],
    );
  for (const name of OFFERING_SUBGRAPHS) {
    const [open]: { id: string }[] = await db(name).query(
      'SELECT id FROM offer WHERE closed_at IS NULL ORDER BY id LIMIT 1',
    );
    await insertReservation(name, open.id, '2022-03-01T10:00:00Z');
    await insertClosedOffer(name, closedButReserved[name], '2024-06-01T10:00:00Z');
    await insertReservation(name, closedButReserved[name], null);
  }
  await insertClosedOffer('e2c', offers.closedRecently, '2026-06-01T10:00:00Z');
  // An offer closed long ago that an open follow-up still names.
  const [named]: { offer_id: string }[] = await db('e2c').query(
    'SELECT offer_id FROM follow_up WHERE closed_on IS NULL AND offer_id IS NOT NULL ORDER BY id LIMIT 1',
  );
  offers.closedButNamed = named.offer_id;
  await db('e2c').query("UPDATE offer SET closed_at = '2020-01-01T10:00:00Z' WHERE id = $1", [
    offers.closedButNamed,
  ]);

  // Something in every access trail, which the purge must leave intact.
  const answer = await hub.query(
    '{ youngs(first: 3) { nodes { firstName enrolments { schoolYear } e2cFollowUps { programme } pjjSignal { active } } } }',
  );
  expect(answer.status).toBe(200);
});

afterAll(async () => {
  await hub?.stop();
});

describe('retention purge, with a clock the test controls', () => {
  it('has something past its period in 2040 in every table (the fixtures fill what the demo lacks)', async () => {
    expect(Object.values(people).every(Boolean)).toBe(true);
    const list = expectations(IN_2040);
    const gone = await countEach(list, 'gone');
    expect(list.filter((_, index) => gone[index] === 0).map((e) => `${e.subgraph}.${e.table}`)).toEqual([]);
  });

  it('a purge that fails part-way deletes nothing: one transaction per subgraph', async () => {
    const before = await count('e2c', 'follow_up_event');
    const broken = [
      ...E2C_PLAN,
      { table: 'no_such_table', category: 'OFFERS' as const, endsOn: 'closed_on' },
    ];
    await expect(
      db('e2c').transaction((manager) =>
        runRetentionPlan(manager, new Date('2040-01-01T12:00:00Z'), SUBGRAPHS.e2c, broken),
      ),
    ).rejects.toThrow(/no_such_table/);
    expect(await count('e2c', 'follow_up_event')).toBe(before);
  });

  it('refuses an identifier that is not a plain one, before running anything', async () => {
    const sneaky = [{ table: 'offer; DROP TABLE offer', category: 'OFFERS' as const, endsOn: 'closed_at' }];
    await expect(
      db('e2c').transaction((manager) => runRetentionPlan(manager, new Date(), SUBGRAPHS.e2c, sneaky)),
    ).rejects.toThrow(/Not a plain SQL identifier/);
    expect(await count('e2c', 'offer')).toBeGreaterThan(0);
  });

  it('a dry run counts what would go and changes nothing', async () => {
    const before = await tableCounts();
    const { status, reports } = await purge('2040-01-01', { dryRun: true });
    expect(status).toBe(0);
    expect(reports.map((report) => report.subgraph)).toEqual([...SUBGRAPH_NAMES]);
    expect(reports.reduce((sum, report) => sum + report.total, 0)).toBeGreaterThan(0);
    expect(await tableCounts()).toEqual(before);
  });

  it(`at the demo's reference date (${REFERENCE_DATE}), only what is past its period goes: nothing open, nothing recent`, async () => {
    const { reports, gone } = await purgeAndCheck(REFERENCE_DATE, AT_REFERENCE);
    // Nobody is 30 yet, so no identity goes, nor their contact details.
    expect(gone['psad.young']).toBe(0);
    expect(gone['psad.young_contact']).toBe(0);
    // Withdrawn PJJ signals have no period; published ones stay.
    expect(await count('pjj', 'pjj_signal', 'withdrawn_on IS NOT NULL')).toBe(0);
    expect(await count('pjj', 'pjj_signal')).toBeGreaterThan(0);
    // The fixtures: the opposition withdrawn in 2022 and the offers closed in 2024 are gone; the recent ones
    // stay.
    expect(await count('psad', 'opposition', `young_id = '${people.withdrawnLongAgo}'`)).toBe(0);
    expect(
      await count('psad', 'opposition', `young_id IN ('${people.withdrawnRecently}', '${people.opposing}')`),
    ).toBe(2);
    for (const name of OFFERING_SUBGRAPHS)
      expect({ name, left: await count(name, 'offer', `id = '${closedLongAgo[name]}'`) }).toEqual({
        name,
        left: 0,
      });
    // A place still reserved keeps its closed offer (and itself: its period runs until 2027).
    for (const name of OFFERING_SUBGRAPHS)
      expect({ name, left: await count(name, 'offer', `id = '${closedButReserved[name]}'`) }).toEqual({
        name,
        left: 1,
      });
    expect(
      await count('e2c', 'offer', `id IN ('${offers.closedRecently}', '${offers.closedButNamed}')`),
    ).toBe(2);
    expect(reports.every((report) => report.now === `${REFERENCE_DATE}T12:00:00.000Z`)).toBe(true);
  });

  let dryRun2040: PurgeReport[];

  it('a dry run in 2040, after that, changes nothing either', async () => {
    const before = await tableCounts();
    dryRun2040 = (await purge('2040-01-01', { dryRun: true })).reports;
    expect(await tableCounts()).toEqual(before);
  });

  it('far in the future (2040-01-01), every closed record goes and every open one stays; the dry run had counted exactly that', async () => {
    const openBefore = {
      followUps: await count('missions-locales', 'follow_up', 'closed_on IS NULL'),
      cases: await count('psad', 'psad_case', 'closed_on IS NULL'),
      contracts: await count('education-nationale', 'foquale_contract', 'closed_on IS NULL'),
      enrolments: await count('education-nationale', 'enrolment', 'ended_on IS NULL'),
      signals: await count('pjj', 'pjj_signal', 'withdrawn_on IS NULL'),
    };
    const { reports } = await purgeAndCheck('2040-01-01', IN_2040);
    expect(reports.map(({ subgraph, purged, total }) => ({ subgraph, purged, total }))).toEqual(
      dryRun2040.map(({ subgraph, purged, total }) => ({ subgraph, purged, total })),
    );

    // Nothing closed is left…
    expect(await count('missions-locales', 'follow_up', 'closed_on IS NOT NULL')).toBe(0);
    expect(await count('psad', 'psad_case', 'closed_on IS NOT NULL')).toBe(0);
    expect(await count('education-nationale', 'foquale_contract', 'closed_on IS NOT NULL')).toBe(0);
    expect(await count('education-nationale', 'enrolment', 'ended_on IS NOT NULL')).toBe(0);
    expect(await count('psad', 'legal_representative')).toBe(0);
    // …and everything open is.
    expect({
      followUps: await count('missions-locales', 'follow_up', 'closed_on IS NULL'),
      cases: await count('psad', 'psad_case', 'closed_on IS NULL'),
      contracts: await count('education-nationale', 'foquale_contract', 'closed_on IS NULL'),
      enrolments: await count('education-nationale', 'enrolment', 'ended_on IS NULL'),
      signals: await count('pjj', 'pjj_signal', 'withdrawn_on IS NULL'),
    }).toEqual(openBefore);
    expect(openBefore.followUps + openBefore.cases + openBefore.enrolments).toBeGreaterThan(0);

    // Identities: past 30, kept only by what psad still holds about them, here an opposition in force.
    expect(await count('psad', 'young', `id = '${people.opposing}'`)).toBe(1);
    expect(
      await count('psad', 'young', `id IN ('${people.withdrawnLongAgo}', '${people.withdrawnRecently}')`),
    ).toBe(0);
    expect(await count('psad', 'young', "birth_date >= '2010-01-01'")).toBeGreaterThan(0);
    // A closed offer an open follow-up names stays with it; the others are gone.
    expect(await count('e2c', 'offer', `id = '${offers.closedButNamed}'`)).toBe(1);
    expect(await count('e2c', 'offer', `id = '${offers.closedRecently}'`)).toBe(0);
  });

  it('is idempotent: a second run purges nothing', async () => {
    const { status, reports } = await purge('2040-01-01');
    expect(status).toBe(0);
    expect(reports.map((report) => [report.subgraph, report.total])).toEqual(
      SUBGRAPH_NAMES.map((name) => [name, 0]),
    );
  });

  it('purges the access trail past its period behind checkpoints: every chain still verifies, and goes on', async () => {
    // The 2040 purge above removed every record written today (past 3 years by then).
    for (const name of SUBGRAPH_NAMES) {
      expect({ name, left: await count(name, 'access_trail') }).toEqual({ name, left: 0 });
      expect(await verifyTrail(db(name))).toEqual({ ok: true, records: 0 });
    }
    const [checkpoints]: { count: number }[] = await db('psad').query(
      'SELECT count(*)::int AS count FROM access_trail_checkpoint',
    );
    expect(checkpoints.count).toBeGreaterThan(0);
    // New reads chain on from the checkpoints.
    expect((await hub.query('{ youngs(first: 2) { nodes { firstName } } }')).status).toBe(200);
    expect(await verifyTrail(db('psad'))).toEqual({ ok: true, records: expect.any(Number) });
    expect(await count('psad', 'access_trail')).toBeGreaterThan(0);
  });

  it('leaves a graph that still answers for the people kept', async () => {
    const answer = await hub.query(
      '{ youngs(first: 20) { totalCount nodes { id firstName enrolments { schoolYear } missionsLocalesFollowUps { status events { kind } } apprenticeshipContracts { trade } trajectory { kind } } } }',
    );
    // Refusals (under 16, not following…) are the policy's business; anything else would be the purge's.
    expect((answer.errors ?? []).filter((error) => error.extensions?.code !== 'FORBIDDEN')).toEqual([]);
    expect(answer.data!.youngs.totalCount).toBeGreaterThan(0);
  });

  it('reports a subgraph it cannot purge, purges the others, and exits non-zero', async () => {
    const lines: string[] = [];
    // e2c pointed at the PJJ's database, which lacks e2c's tables.
    const result = await retentionPurge({
      subgraphs: ['e2c', 'pjj'],
      dataDirectory: '',
      env: { ...env, [migrationDatabaseUrlVariable('e2c')]: env[migrationDatabaseUrlVariable('pjj')] },
      now: new Date('2040-01-01T12:00:00Z'),
      dryRun: false,
      print: (line) => void lines.push(line),
      quiet: true,
    });
    expect(result.status).toBe(1);
    expect(result.reports.map((report) => report.subgraph)).toEqual(['pjj']);
    expect(lines).toContainEqual(
      expect.stringMatching(/^e2c: FAILED, nothing purged: its database is not migrated/),
    );
  });
});
