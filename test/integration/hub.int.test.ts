import { Client } from 'pg';
import { showcaseYoungId } from '../../demo/generate';
import { bassinsCoveredBy } from '../../platform/reference/territories';
import { stepsOf, type DemoWorld } from '../../demo/world';
import { roleOf } from '../../platform/database/embedded-cluster';
import { ageAt } from '../../platform/calendar';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '../../platform/partners';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

let hub: TestHub;
let world: DemoWorld;

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
});

afterAll(async () => {
  await hub?.stop();
});

const YOUNG_FIELDS = `
  id ine firstName lastName birthDate age sex commune
  contact { phone email address }
  legalRepresentatives { name relationship phone }
  bassin { code name kind }
  sieiListings { campaign detectedOn lastSchoolUai lastSchoolName lastClass diploma }
  psadCases { campaign status followerOrg openedOn closedOn contacts { at channel outcome } }
  enrolments { schoolYear classLevel startedOn endedOn exitReason school { name code } }
  dropoutSignals { id }
  foqualeContracts { id tutorName signedOn reviews { id } network { name territory } }
  missionsLocalesFollowUps { programme status openedOn organisation { name } events { at kind summary } }
  obligationDeFormation { status since }
  e2cFollowUps { programme status organisation { name } }
  cfaFollowUps { programme status }
  apprenticeshipContracts { trade employer startedOn brokenOn breakReason }
  agricultureFollowUps { programme status }
  pjjSignal { active contactName unit { name } }
  trajectory { id partner at kind summary }
`;

describe('the federated Young', () => {
  /**
   * The person themself sees every category of their own record (GDPR art. 15): the whole merge, nothing
   * withheld.
   */
  const asSelf = async (id: string) => ({
    token: await hub.tokenFor({ role: 'young', sub: id, org: 'SELF', territories: [] }),
  });

  it('answers the README example: one trajectory merged from at least four partners, in time order', async () => {
    const id = showcaseYoungId(world);
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { firstName trajectory { partner at kind summary } } }`,
      { id },
      await asSelf(id),
    );
    expect(answer.errors).toBeUndefined();
    const trajectory = answer.data!.young.trajectory as { partner: string; at: string; summary: string }[];
    expect(new Set(trajectory.map((event) => event.partner)).size).toBeGreaterThanOrEqual(4);
    const times = trajectory.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(trajectory.every((event) => event.summary.length > 0)).toBe(true);
  });

  it('shows every partner’s data about a person, matching what each partner holds', async () => {
    const candidates = world.youngs
      .filter((young) => new Set(young.path.map((step) => step.type)).size >= 5)
      .slice(0, 25);
    for (const young of candidates) {
      const answer = await hub.query(
        `query ($id: ID!) { young(id: $id) { ${YOUNG_FIELDS} } }`,
        { id: young.id },
        await asSelf(young.id),
      );
      expect(answer.errors).toBeUndefined();
      const data = answer.data!.young;
      expect(data).toMatchObject({
        id: young.id,
        ine: young.ine,
        firstName: young.firstName,
        lastName: young.lastName,
        birthDate: young.birthDate,
        bassin: { code: young.bassin },
      });
      expect(data.contact.email).toMatch(/@example\.org$/);
      expect(data.legalRepresentatives.map((r: { relationship: string }) => r.relationship).sort()).toEqual([
        'FATHER',
        'MOTHER',
      ]);
      expect(data.sieiListings).toHaveLength(stepsOf(young, 'siei-listing').length);
      expect(data.psadCases).toHaveLength(stepsOf(young, 'psad-case').length);
      expect(data.psadCases.flatMap((c: { contacts: unknown[] }) => c.contacts)).toHaveLength(
        stepsOf(young, 'psad-case').flatMap((c) => c.contacts).length,
      );
      expect(data.enrolments).toHaveLength(stepsOf(young, 'enrolment').length);
      expect(data.dropoutSignals).toHaveLength(stepsOf(young, 'dropout-signal').length);
      expect(data.foqualeContracts).toHaveLength(stepsOf(young, 'foquale-contract').length);
      const followUps = stepsOf(young, 'follow-up');
      expect(data.missionsLocalesFollowUps).toHaveLength(
        followUps.filter((f) => f.owner === 'missions-locales').length,
      );
      expect(data.e2cFollowUps).toHaveLength(followUps.filter((f) => f.owner === 'e2c').length);
      expect(data.cfaFollowUps).toHaveLength(followUps.filter((f) => f.owner === 'cfa').length);
      expect(data.agricultureFollowUps).toHaveLength(
        followUps.filter((f) => f.owner === 'agriculture').length,
      );
      expect(data.apprenticeshipContracts).toHaveLength(stepsOf(young, 'apprenticeship').length);
      expect(data.obligationDeFormation === null).toBe(
        stepsOf(young, 'obligation-de-formation').length === 0,
      );
      const signal = stepsOf(young, 'pjj-signal').find((s) => s.withdrawnOn === null);
      expect(data.pjjSignal?.contactName ?? null).toBe(signal?.contactName ?? null);
      const partnersInPath = new Set(
        young.path.map((step) =>
          step.type === 'follow-up'
            ? SUBGRAPHS[step.owner].partner
            : step.type === 'siei-listing' || step.type === 'psad-case'
              ? 'PSAD'
              : step.type === 'apprenticeship'
                ? 'CFA'
                : step.type === 'obligation-de-formation'
                  ? 'MISSIONS_LOCALES'
                  : step.type === 'pjj-signal'
                    ? 'PJJ'
                    : 'EDUCATION_NATIONALE',
        ),
      );
      const partnersInTrajectory = new Set(
        data.trajectory.map((event: { partner: string }) => event.partner),
      );
      for (const partner of partnersInPath)
        if (partner !== 'PJJ' || signal) expect(partnersInTrajectory).toContain(partner);
    }
  });

  it('limits the trajectory to [from, to]', async () => {
    const id = showcaseYoungId(world);
    const all = (
      await hub.query(`query ($id: ID!) { young(id: $id) { trajectory { at } } }`, { id }, await asSelf(id))
    ).data!.young.trajectory as { at: string }[];
    const from = all[1].at;
    const to = all[all.length - 2].at;
    const window = await hub.query(
      `query ($id: ID!, $from: DateTimeISO, $to: DateTimeISO) { young(id: $id) { trajectory(from: $from, to: $to) { at } } }`,
      { id, from, to },
      await asSelf(id),
    );
    const times = (window.data!.young.trajectory as { at: string }[]).map((e) => Date.parse(e.at));
    expect(times.length).toBe(
      all.filter((e) => Date.parse(e.at) >= Date.parse(from) && Date.parse(e.at) <= Date.parse(to)).length,
    );
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(from));
  });

  it('is null for an unknown id and refuses a malformed one with BAD_USER_INPUT', async () => {
    const unknown = await hub.query(`{ young(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.young).toBeNull();
    const malformed = await hub.query(`{ young(id: "'; DROP TABLE young; --") { id } }`);
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(malformed)).not.toMatch(/at .*\.ts|stacktrace/i);
  });

  it('refuses a trajectory window whose start is after its end', async () => {
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { trajectory(from: "2026-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { id } } }`,
      { id: showcaseYoungId(world) },
    );
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the public schema', () => {
  it('hides the partners’ contribution fields, which only feed psad’s merges', async () => {
    const answer = await hub.query(
      `{ young: __type(name: "Young") { fields { name } } offers: __type(name: "OfferConnection") { fields { name } } }`,
    );
    const youngFields = answer.data!.young.fields.map((field: { name: string }) => field.name);
    const offerFields = answer.data!.offers.fields.map((field: { name: string }) => field.name);
    expect(youngFields).toEqual(
      expect.arrayContaining(['trajectory', 'enrolments', 'missionsLocalesFollowUps', 'pjjSignal']),
    );
    expect(youngFields.filter((name: string) => name.endsWith('Events'))).toEqual([]);
    expect(offerFields.sort()).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
  });
});

describe('the caseload (youngs)', () => {
  const PAGE = `query ($filter: YoungFilter, $after: String) { youngs(filter: $filter, first: 37, after: $after) {
    totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

  async function walk(filter: Record<string, unknown>) {
    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 100; page += 1) {
      const answer: GraphQLAnswer = await hub.query(PAGE, { filter, after });
      expect(answer.errors).toBeUndefined();
      const connection: {
        totalCount: number;
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
      } = answer.data!.youngs;
      totalCount = connection.totalCount;
      ids.push(...connection.nodes.map((node: { id: string }) => node.id));
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return { ids, totalCount };
  }

  it('pages through a département without gaps or repeats, in name order', async () => {
    const expected = world.youngs
      // The caseload holds no one under 16 (DESIGN.md §5): only their own school's staff may see them.
      .filter(
        (young) => bassinsCoveredBy('38').includes(young.bassin) && ageAt(young.birthDate, new Date()) >= 16,
      )
      .sort((a, b) =>
        a.lastName < b.lastName
          ? -1
          : a.lastName > b.lastName
            ? 1
            : a.firstName < b.firstName
              ? -1
              : a.firstName > b.firstName
                ? 1
                : a.id < b.id
                  ? -1
                  : 1,
      );
    const { ids, totalCount } = await walk({ territory: '38' });
    expect(totalCount).toBe(expected.length);
    expect(ids).toEqual(expected.map((young) => young.id));
  });

  it('filters by SIEI campaign and by case status', async () => {
    const campaign = stepsOf(
      world.youngs.find((young) => stepsOf(young, 'siei-listing').length > 0)!,
      'siei-listing',
    )[0].campaign;
    const listed = world.youngs.filter((young) =>
      stepsOf(young, 'siei-listing').some((listing) => listing.campaign === campaign),
    );
    expect((await walk({ campaign })).totalCount).toBe(listed.length);
    const unreachable = world.youngs.filter((young) =>
      stepsOf(young, 'psad-case').some((c) => c.status === 'UNREACHABLE'),
    );
    expect((await walk({ caseStatus: 'UNREACHABLE' })).ids.sort()).toEqual(
      unreachable.map((young) => young.id).sort(),
    );
  });

  it('refuses bad pagination and filter input precisely', async () => {
    const tooMany = await hub.query(`{ youngs(first: 1000) { totalCount } }`);
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    const forged = await hub.query(`{ youngs(after: "bm90IGEgY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    const territory = await hub.query(`{ youngs(filter: { territory: "99-XXX" }) { totalCount } }`);
    expect(territory.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'filter.territory' },
    });
  });
});

describe('offers across partners', () => {
  const OFFERS = `query ($filter: OfferFilter, $first: Int, $after: String) { offers(filter: $filter, first: $first, after: $after) {
    totalCount nodes { id partner kind title provider territory vacancies capacity ageMin ageMax startsOn } pageInfo { hasNextPage endCursor } } }`;

  const matching = (filter: {
    territory?: string;
    age?: number;
    hasVacancy?: boolean;
    kinds?: string[];
    startsBefore?: string;
  }) =>
    world.offers.filter(
      (offer) =>
        (!filter.territory || bassinsCoveredBy(filter.territory).includes(offer.bassin)) &&
        (filter.age === undefined || (offer.ageMin <= filter.age && filter.age <= offer.ageMax)) &&
        (!filter.hasVacancy || offer.taken < offer.capacity) &&
        (!filter.kinds || filter.kinds.includes(offer.kind)) &&
        (!filter.startsBefore || offer.startsOn < filter.startsBefore),
    );

  it('lists every partner’s offers in one list, each with its partner and vacancies', async () => {
    const answer = await hub.query(OFFERS, { filter: { territory: '38' }, first: 100 });
    expect(answer.errors).toBeUndefined();
    const { nodes, totalCount } = answer.data!.offers;
    expect(totalCount).toBe(matching({ territory: '38' }).length);
    expect(new Set(nodes.map((offer: { partner: string }) => offer.partner)).size).toBeGreaterThanOrEqual(4);
    const starts = nodes.map((offer: { startsOn: string }) => offer.startsOn);
    expect(starts).toEqual([...starts].sort());
    for (const offer of nodes) expect(offer.vacancies).toBeGreaterThanOrEqual(0);
  });

  it.each([
    { territory: '73-CHY', hasVacancy: true },
    { age: 17, kinds: ['APPRENTICESHIP', 'E2C_PATHWAY'] },
    { territory: '26', startsBefore: '2026-12-01' },
    { age: 22, hasVacancy: true, kinds: ['SUPPORT_PROGRAMME', 'AGRICULTURAL_TRAINING', 'MICRO_LYCEE'] },
  ])('applies the filter %p exactly', async (filter) => {
    const answer = await hub.query(OFFERS, { filter, first: 100 });
    expect(answer.errors).toBeUndefined();
    const expected = matching(filter);
    expect(answer.data!.offers.totalCount).toBe(expected.length);
    const firstHundred = expected
      .map((offer) => ({ id: `${offer.owner}:${offer.id}`, startsOn: offer.startsOn }))
      .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, 100);
    expect(answer.data!.offers.nodes.map((offer: { id: string }) => offer.id)).toEqual(
      firstHundred.map((offer) => offer.id),
    );
    if (filter.hasVacancy)
      for (const offer of answer.data!.offers.nodes) expect(offer.vacancies).toBeGreaterThan(0);
  });

  it('pages across partners: two pages equal one bigger page', async () => {
    const whole = (await hub.query(OFFERS, { filter: { territory: '74' }, first: 40 })).data!.offers;
    const first = (await hub.query(OFFERS, { filter: { territory: '74' }, first: 20 })).data!.offers;
    const second = (
      await hub.query(OFFERS, { filter: { territory: '74' }, first: 20, after: first.pageInfo.endCursor })
    ).data!.offers;
    expect([...first.nodes, ...second.nodes].map((o: { id: string }) => o.id)).toEqual(
      whole.nodes.map((o: { id: string }) => o.id),
    );
  });

  it('refuses an impossible age', async () => {
    const answer = await hub.query(OFFERS, { filter: { age: -3 } });
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.age' } });
  });
});

describe('batching', () => {
  const CASELOAD = `query ($first: Int) { youngs(first: $first) { nodes { ${YOUNG_FIELDS} } } }`;

  // The gateway sends one _entities fetch per list, whatever its length: only batching inside
  // each subgraph keeps the statement count flat. (Aliased root fields would be separate fetches.)
  // Each request's loaders batch by level of its resolver tree (platform/database/batch-window.ts),
  // not by when the database answers, so one run per size counts exactly; a per-row query would
  // add 45. The sizes are 45 and 90 because people 91 to 100 of the demo bring the first E2C
  // follow-up of the first fetch, one more statement that comes from the data, not from a row.
  beforeAll(async () => {
    // A subgraph's trail writer reads its chain's head once, with its first record: not counted here.
    await hub.query(CASELOAD, { first: 45 });
  });

  it('sends as many SQL statements for 90 young people as for 45, in every subgraph', async () => {
    const few = await hub.countStatements(() => hub.query(CASELOAD, { first: 45 }));
    const more = await hub.countStatements(() => hub.query(CASELOAD, { first: 90 }));
    expect(more).toEqual(few);
    expect(Object.values(few).every((count) => count > 0)).toBe(true);
  });

  // The bound is a ceiling on the page's fixed cost, not a per-row one (the test above holds that): psad's is
  // the highest, its subjects reading cases, listings, referrals and oppositions (the grounds of a follow
  // among them) at each level of the tree.
  it('sends at most 25 SQL statements for 100 young people, in every subgraph', async () => {
    const hundred = await hub.countStatements(() => hub.query(CASELOAD, { first: 100 }));
    for (const name of SUBGRAPH_NAMES)
      expect({ subgraph: name, beyondBound: Math.max(0, hundred[name] - 25) }).toEqual({
        subgraph: name,
        beyondBound: 0,
      });
  });

  it('sends as many statements for 100 offers as for 5', async () => {
    const small = await hub.countStatements(() =>
      hub.query(`{ offers(first: 5) { nodes { id } totalCount } }`),
    );
    const large = await hub.countStatements(() =>
      hub.query(`{ offers(first: 100) { nodes { id } totalCount } }`),
    );
    expect(large).toEqual(small);
  });
});

describe('one database and one role per partner', () => {
  it('lets each role into its own database and no other', async () => {
    const cluster = hub.stack.cluster!;
    for (const name of SUBGRAPH_NAMES) {
      const own = new Client({ connectionString: cluster.urlFor(name) });
      await own.connect();
      await own.end();
      const other = SUBGRAPH_NAMES[(SUBGRAPH_NAMES.indexOf(name) + 1) % SUBGRAPH_NAMES.length];
      const intruder = new Client({
        connectionString: cluster
          .urlFor(name)
          .replace(new RegExp(`/${SUBGRAPHS[name].database}$`), `/${SUBGRAPHS[other].database}`),
      });
      await expect(intruder.connect()).rejects.toThrow(/permission denied|not permitted/i);
      await intruder.end().catch(() => undefined);
      expect(roleOf(name)).toBe(`hub_${SUBGRAPHS[name].database}`);
    }
  });
});

describe('indicators', () => {
  const INDICATORS = `{ indicators(scope: "38", period: "2025-B2") { minimumCount rows { territory { code } listed suppressed } } }`;

  it('gives a dashboard the bimonthly counts of each bassin, small counts suppressed', async () => {
    const token = await hub.tokenFor({
      role: 'dashboard',
      org: 'RECTORAT-GRENOBLE',
      purpose: 'PILOTAGE_AGREGE',
    });
    const answer = await hub.query(INDICATORS, {}, { token });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data!.indicators.rows as {
      territory: { code: string };
      listed: number | null;
      suppressed: boolean;
    }[];
    expect(rows.map((row) => row.territory.code)).toEqual(bassinsCoveredBy('38').sort());
    for (const row of rows) {
      const listed = new Set(
        world.youngs
          .filter(
            (y) =>
              y.bassin === row.territory.code &&
              stepsOf(y, 'siei-listing').some(
                (l) => l.detectedOn >= '2025-03-01' && l.detectedOn < '2025-05-01',
              ),
          )
          .map((y) => y.id),
      ).size;
      expect({ bassin: row.territory.code, listed: row.listed }).toEqual({
        bassin: row.territory.code,
        listed: listed > 0 && listed < 5 ? null : listed,
      });
      if (row.listed === null) expect(row.suppressed).toBe(true);
    }
  });

  it('refuses them to a purpose other than PILOTAGE_AGREGE, before any subgraph is called', async () => {
    const answer = await hub.query(
      INDICATORS,
      {},
      { token: await hub.tokenFor({ purpose: 'ACCOMPAGNEMENT' }) },
    );
    expect(answer.data!.indicators).toBeNull();
    expect(answer.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PURPOSE_MISMATCH',
      category: 'AGGREGATES',
    });
  });

  it('refuses a malformed period precisely', async () => {
    const token = await hub.tokenFor({
      role: 'dashboard',
      org: 'RECTORAT-GRENOBLE',
      purpose: 'PILOTAGE_AGREGE',
    });
    const answer = await hub.query(`{ indicators(scope: "38", period: "2025-13") { scope } }`, {}, { token });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });
});

describe('logs', () => {
  it('never carry personal data, whatever happened', async () => {
    const young = world.youngs.find((candidate) => candidate.ine !== null)!;
    await hub.query(
      `query ($id: ID!) { young(id: $id) { firstName lastName birthDate ine contact { phone } } }`,
      { id: young.id },
    );
    await hub.query(
      `query ($id: ID!) { young(id: $id) { firstName } }`,
      { id: young.id },
      { token: await hub.tokenFor({ role: 'e2c-staff' }) },
    );
    await hub.query(`{ young(id: "${young.lastName}") { id } }`);
    await hub.query(`{ youngs(filter: { name: "${young.lastName}" }, first: 5) { nodes { firstName } } }`);
    await hub.query(`{ nonsense }`);
    await hub.query(`{ young(id: "${young.id}") { id } }`, {}, { token: 'not.a.token' });
    const logged = hub.logs.join('\n');
    for (const person of world.youngs.slice(0, 400)) {
      for (const value of [person.lastName, person.birthDate, person.ine].filter(
        (v): v is string => v !== null && v.length > 4,
      )) {
        expect({ leaked: logged.includes(value) ? value : null }).toEqual({ leaked: null });
      }
    }
  });
});
