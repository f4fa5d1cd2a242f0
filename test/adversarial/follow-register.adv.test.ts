import { ageAt } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';
import { referAndAccept } from '../support/referrals';
import { OUTLIER_MINIMUM } from '../../platform/audit/follow-register';

/**
 * Class 5 of issue 11 (docs/threat-model.md), last part: the DPO's register of follow relationships.
 * Every follow created is listed with who made it, when and on which grounds; a caller who opens far
 * more than the other callers of their role is flagged; nobody but the DPO reads the register.
 */
let hub: TestHub;
let bassin: string;
let missionLocale: string;
let otherMissionLocale: string;
let heavy: string;
let light: string;
let coordinator: string;
let dpo: string;

const OPEN_FOLLOW_UP = `mutation ($input: OpenFollowUpInput!) { missionsLocalesOpenFollowUp(input: $input) { id } }`;
const OPEN_CASE = `mutation ($input: OpenPsadCaseInput!) { openPsadCase(input: $input) { id version } }`;
const ASSIGN = `mutation ($input: AssignPsadCaseInput!) { assignPsadCase(input: $input) { id followerOrg } }`;
const NODE = `at callerSub callerRole callerOrg youngId followerOrg grounds groundsReference operation
  callerOpenings peerMedian flagged`;
const REGISTER = (field: string) => `query ($from: DateTimeISO!, $to: DateTimeISO!, $organisation: String,
  $first: Int, $after: String) {
  ${field}(from: $from, to: $to, organisation: $organisation, first: $first, after: $after) {
    totalCount nodes { ${NODE} } pageInfo { hasNextPage endCursor }
  }
}`;
const PERIOD = { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };

interface Opening {
  at: string;
  callerSub: string;
  callerRole: string;
  callerOrg: string;
  youngId: string;
  followerOrg: string;
  grounds: string;
  groundsReference: string | null;
  operation: string;
  callerOpenings: number;
  peerMedian: number | null;
  flagged: boolean;
}

const psadDb = () => hub.stack.subgraphs.psad.dataSource;
const mlDb = () => hub.stack.subgraphs['missions-locales'].dataSource;

/** People of the bassin aged 17 to 28 of whom the Missions locales hold nothing. */
async function people(where: string, count: number): Promise<string[]> {
  const rows: { id: string }[] = await psadDb().query(
    `SELECT id FROM young y WHERE bassin_code = $1 AND birth_date <= (current_date - interval '17 years')
       AND birth_date > (current_date - interval '28 years') AND ${where} ORDER BY id DESC`,
    [bassin],
  );
  const held: { young_id: string }[] = await mlDb().query(
    'SELECT young_id FROM follow_up UNION SELECT young_id FROM obligation_de_formation',
  );
  const known = new Set(held.map((row) => row.young_id));
  return rows
    .map((row) => row.id)
    .filter((id) => !known.has(id))
    .slice(0, count);
}

const openFollowUp = (youngId: string, token: string) =>
  hub.query(OPEN_FOLLOW_UP, { input: { youngId, programme: 'PACEA', openedOn: '2026-10-01' } }, { token });

async function register(field: string, token: string, variables: Record<string, unknown> = {}) {
  return hub.query(REGISTER(field), { ...PERIOD, ...variables }, { token });
}

/** Every row of a register, page by page (pages of 4, so that the cursor is exercised). */
async function allOpenings(field: string): Promise<Opening[]> {
  const openings: Opening[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: GraphQLAnswer = await register(field, dpo, { first: 4, after });
    expect(answer.errors).toBeUndefined();
    const page = answer.data![field];
    openings.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return openings;
    after = page.pageInfo.endCursor;
  }
}

const HEAVY_OPENINGS = OUTLIER_MINIMUM + 1;

beforeAll(async () => {
  hub = await startTestHub();
  const sites: { code: string; bassin_code: string }[] = await mlDb().query(
    "SELECT code, bassin_code FROM organisation WHERE kind = 'MISSION_LOCALE' ORDER BY code LIMIT 2",
  );
  [missionLocale, otherMissionLocale] = sites.map((site) => site.code);
  bassin = sites[0].bassin_code;
  const ml = (org: string, sub: string) =>
    hub.tokenFor({ role: 'ml-advisor', org, sub, territories: [bassin], purpose: 'ACCOMPAGNEMENT' });
  heavy = await ml(missionLocale, 'ml-register-heavy');
  light = await ml(otherMissionLocale, 'ml-register-light');
  coordinator = await hub.tokenFor({
    role: 'psad-coordinator',
    org: `PSAD-${bassin}`,
    sub: 'psad-register',
    territories: [bassin],
  });
  dpo = await hub.tokenFor({ role: 'dpo', org: 'DPD-ACADEMIE', sub: 'dpo-register', territories: [] });
  // Two advisers of the same role, each opening on referrals their organisation accepted.
  const everyone = await people('true', HEAVY_OPENINGS + 1);
  expect(everyone).toHaveLength(HEAVY_OPENINGS + 1);
  const [lightPerson, ...heavyPeople] = everyone;
  for (const person of heavyPeople) {
    await referAndAccept(hub, person, missionLocale, heavy);
    expect((await openFollowUp(person, heavy)).errors).toBeUndefined();
  }
  await referAndAccept(hub, lightPerson, otherMissionLocale, light);
  expect((await openFollowUp(lightPerson, light)).errors).toBeUndefined();
}, 600_000);

afterAll(async () => {
  await hub?.stop();
});

describe('the DPO’s register of follow relationships', () => {
  it('lists every opening with who, when and on which grounds; flags the heavy opener, not the other', async () => {
    const openings = await allOpenings('missionsLocalesFollowOpenings');
    expect(openings).toHaveLength(HEAVY_OPENINGS + 1);
    const referrals: { id: string; young_id: string; to_org: string }[] = await psadDb().query(
      "SELECT id, young_id, to_org FROM referral WHERE status = 'ACCEPTED'",
    );
    for (const opening of openings) {
      expect(opening.callerRole).toBe('ml-advisor');
      expect(opening.grounds).toBe('REFERRAL');
      expect(opening.operation).toBe('Mutation.missionsLocalesOpenFollowUp');
      expect(opening.followerOrg).toBe(opening.callerOrg);
      expect(Number.isNaN(Date.parse(opening.at))).toBe(false);
      // The grounds exist: psad holds the accepted referral of this person to this organisation.
      expect(referrals).toContainEqual(
        expect.objectContaining({ young_id: opening.youngId, to_org: opening.followerOrg }),
      );
    }
    const heavyRows = openings.filter((opening) => opening.callerSub === 'ml-register-heavy');
    const lightRows = openings.filter((opening) => opening.callerSub === 'ml-register-light');
    expect(heavyRows).toHaveLength(HEAVY_OPENINGS);
    expect(lightRows).toHaveLength(1);
    expect(heavyRows[0]).toMatchObject({
      callerOrg: missionLocale,
      callerOpenings: HEAVY_OPENINGS,
      peerMedian: 1,
      flagged: true,
    });
    expect(heavyRows.every((row) => row.flagged)).toBe(true);
    expect(lightRows[0]).toMatchObject({
      callerOrg: otherMissionLocale,
      callerOpenings: 1,
      peerMedian: HEAVY_OPENINGS,
      flagged: false,
    });
    // Nothing personal but hub ids and organisation codes: no name, no birth date of anyone.
    const names: { first_name: string; last_name: string }[] = await psadDb().query(
      'SELECT first_name, last_name FROM young WHERE id = ANY($1)',
      [openings.map((opening) => opening.youngId)],
    );
    const text = JSON.stringify(openings);
    for (const { first_name, last_name } of names) {
      expect(text).not.toContain(last_name);
      expect(text).not.toContain(first_name);
    }
    // Narrowed to one organisation, the flags still compare the callers of the whole period.
    const narrowed = await register('missionsLocalesFollowOpenings', dpo, {
      organisation: otherMissionLocale,
    });
    expect(narrowed.data!.missionsLocalesFollowOpenings.totalCount).toBe(1);
    expect(narrowed.data!.missionsLocalesFollowOpenings.nodes[0]).toMatchObject({
      callerSub: 'ml-register-light',
      peerMedian: HEAVY_OPENINGS,
    });
    // A period before the openings holds none.
    const before = await register('missionsLocalesFollowOpenings', dpo, { to: '2001-01-01T00:00:00Z' });
    expect(before.data!.missionsLocalesFollowOpenings.totalCount).toBe(0);
  });

  it('records a PSAD case’s opening and hand-over with their grounds and references', async () => {
    const listed = `EXISTS (SELECT 1 FROM siei_listing l WHERE l.young_id = y.id AND l.campaign = '2026-S2')
      AND NOT EXISTS (SELECT 1 FROM psad_case c WHERE c.young_id = y.id AND c.campaign = '2026-S2')`;
    const [person] = await people(listed, 1);
    expect(person).toBeDefined();
    const opened = await hub.query(
      OPEN_CASE,
      { input: { youngId: person, campaign: '2026-S2' } },
      { token: coordinator },
    );
    expect(opened.errors).toBeUndefined();
    const referral = await referAndAccept(hub, person, missionLocale, heavy);
    const handed = await hub.query(
      ASSIGN,
      {
        input: {
          youngId: person,
          caseId: opened.data!.openPsadCase.id,
          followerOrg: missionLocale,
          followerName: 'Conseillère',
          expectedVersion: opened.data!.openPsadCase.version,
        },
      },
      { token: coordinator },
    );
    expect(handed.errors).toBeUndefined();
    const openings = (await allOpenings('psadFollowOpenings')).filter((row) => row.youngId === person);
    expect(openings).toEqual([
      expect.objectContaining({
        callerSub: 'psad-register',
        followerOrg: `PSAD-${bassin}`,
        grounds: 'SIEI_LISTING',
        groundsReference: '2026-S2',
        operation: 'Mutation.openPsadCase',
        flagged: false,
      }),
      expect.objectContaining({
        callerSub: 'psad-register',
        followerOrg: missionLocale,
        grounds: 'REFERRAL',
        groundsReference: referral,
        operation: 'Mutation.assignPsadCase',
      }),
    ]);
  });

  it('records a PJJ signal’s publication on the PJJ’s mandate, which the hub does not hold', async () => {
    const world = hub.stack.world!;
    const unit = world.organisations.find((organisation) => organisation.owner === 'pjj')!;
    const signalled = new Set(
      world.youngs.filter((y) => y.path.some((step) => step.type === 'pjj-signal')).map((y) => y.id),
    );
    const chosen = world.youngs.find(
      (y) => !signalled.has(y.id) && ageAt(y.birthDate, new Date()) >= 16 && y.bassin === unit.bassin,
    )!.id;
    const educator = await hub.tokenFor({
      role: 'pjj-educator',
      sub: 'pjj-register',
      org: unit.code,
      territories: [unit.bassin],
    });
    const published = await hub.query(
      `mutation ($input: PublishPjjSignalInput!) { pjjPublishSignal(input: $input) { active } }`,
      { input: { youngId: chosen, contactName: 'Mme Durand', contactPhone: '04 76 00 00 00' } },
      { token: educator },
    );
    expect(published.errors).toBeUndefined();
    expect(await allOpenings('pjjFollowOpenings')).toEqual([
      expect.objectContaining({
        callerSub: 'pjj-register',
        youngId: chosen,
        followerOrg: unit.code,
        grounds: 'PJJ_MANDATE',
        groundsReference: null,
        operation: 'Mutation.pjjPublishSignal',
      }),
    ]);
  });

  it('refuses every other caller FORBIDDEN before anything is read, telling them nothing', async () => {
    const young = await hub.tokenFor({
      role: 'young',
      sub: (await people('true', 1))[0],
      org: 'SELF',
      territories: [],
    });
    for (const [token, field] of [
      [heavy, 'missionsLocalesFollowOpenings'],
      [coordinator, 'psadFollowOpenings'],
      [young, 'missionsLocalesFollowOpenings'],
    ]) {
      const answer = await register(field, token);
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
      expect(answer.data?.[field] ?? null).toBeNull();
      expect(JSON.stringify(answer)).not.toContain('ml-register');
    }
  });

  it('traces the DPO’s reading against each person listed', async () => {
    await register('missionsLocalesFollowOpenings', dpo);
    const traces: { categories_returned: string[] }[] = await mlDb().query(
      "SELECT categories_returned FROM access_trail WHERE caller_sub = 'dpo-register'",
    );
    expect(traces.map((trace) => trace.categories_returned)).toContainEqual(['FOLLOW_REGISTER']);
  });
});
