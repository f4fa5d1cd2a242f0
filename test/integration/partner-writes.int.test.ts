import { randomUUID } from 'node:crypto';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * A partner's writes through the gateway: follow-ups (open, record a step, close) that show in the
 * merged trajectory at once, only ever changed by their own organisation; field-level validation
 * with nothing written; idempotent retries; offers (publish, change, close).
 */
let hub: TestHub;
/** Two Missions locales, and a token for an adviser of each. */
let adviser: string;
let otherAdviser: string;
let missionLocale: { code: string; name: string };
/** The person followed here: 17 to 28, in the coordinator's perimeter. */
let youngId: string;
/** That person's bassin. */
let personBassin: string;
/** Two CFAs, and a token for staff of each. */
let cfaStaff: string;
let otherCfaStaff: string;

const FOLLOW_UP_FIELDS = 'id status programme openedOn closedOn outcome organisation { code }';
const OPEN = `mutation ($input: OpenFollowUpInput!, $key: String) { missionsLocalesOpenFollowUp(input: $input, idempotencyKey: $key) { ${FOLLOW_UP_FIELDS} } }`;
const UPDATE = `mutation ($input: UpdateFollowUpInput!) { missionsLocalesUpdateFollowUp(input: $input) { ${FOLLOW_UP_FIELDS} } }`;
const CLOSE = `mutation ($input: CloseFollowUpInput!) { missionsLocalesCloseFollowUp(input: $input) { ${FOLLOW_UP_FIELDS} } }`;
const EVENT = `mutation ($input: RecordFollowUpEventInput!, $key: String) { missionsLocalesRecordFollowUpEvent(input: $input, idempotencyKey: $key) { id at kind summary } }`;
const TRAJECTORY = `query ($id: ID!) { young(id: $id) { trajectory { id partner kind summary at } missionsLocalesFollowUps { id status programme outcome } } }`;

const mlDb = () => hub.stack.subgraphs['missions-locales'].dataSource;
const cfaDb = () => hub.stack.subgraphs.cfa.dataSource;
const localId = (globalId: string) => globalId.split(':')[1];

/** What the Missions locales hold about the person: follow-ups and their steps. */
async function heldAbout(id: string): Promise<{ followUps: number; events: number }> {
  const [row] = await mlDb().query(
    'SELECT (SELECT count(*)::int FROM follow_up WHERE young_id = $1) AS "followUps", (SELECT count(*)::int FROM follow_up_event WHERE young_id = $1) AS events',
    [id],
  );
  return row;
}

function fieldErrors(answer: GraphQLAnswer): string[] {
  expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  return (answer.errors![0].extensions!.fieldErrors as { field: string }[])
    .map((error) => error.field)
    .sort();
}

async function trajectoryOf(id: string) {
  const answer = await hub.query(TRAJECTORY, { id });
  expect(answer.data?.young).toBeTruthy();
  return answer.data!.young as {
    trajectory: { id: string; partner: string; kind: string; summary: string; at: string }[];
    missionsLocalesFollowUps: { id: string; status: string; programme: string; outcome: string }[];
  };
}

beforeAll(async () => {
  hub = await startTestHub();
  const sites: { code: string; name: string; bassin_code: string }[] = await mlDb().query(
    "SELECT code, name, bassin_code FROM organisation WHERE kind = 'MISSION_LOCALE' ORDER BY code LIMIT 2",
  );
  missionLocale = sites[0];
  // A person of the first Mission locale's bassin: opening a follow-up needs the person in the staff's
  // territories.
  const [person]: { id: string; bassin_code: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
    `SELECT id, bassin_code FROM young WHERE bassin_code = $1 AND birth_date <= (current_date - interval '17 years') AND birth_date > (current_date - interval '28 years') ORDER BY id DESC LIMIT 1`,
    [sites[0].bassin_code],
  );
  youngId = person.id;
  personBassin = person.bassin_code;
  adviser = await hub.tokenFor({
    role: 'ml-advisor',
    org: sites[0].code,
    sub: 'ml-adviser-1',
    territories: [sites[0].bassin_code],
  });
  otherAdviser = await hub.tokenFor({
    role: 'ml-advisor',
    org: sites[1].code,
    sub: 'ml-adviser-2',
    territories: [sites[1].bassin_code],
  });
  const cfas: { code: string; bassin_code: string }[] = await cfaDb().query(
    "SELECT code, bassin_code FROM organisation WHERE kind = 'CFA' ORDER BY code LIMIT 2",
  );
  cfaStaff = await hub.tokenFor({
    role: 'cfa-staff',
    org: cfas[0].code,
    sub: 'cfa-staff-1',
    territories: [cfas[0].bassin_code],
  });
  otherCfaStaff = await hub.tokenFor({
    role: 'cfa-staff',
    org: cfas[1].code,
    sub: 'cfa-staff-2',
    territories: [cfas[1].bassin_code],
  });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
});

describe('a follow-up, from opening to closing', () => {
  let followUpId: string;

  it('an adviser opens one for their own Mission locale: it is in the trajectory and the follow-ups at once', async () => {
    const opened = await hub.query(
      OPEN,
      { input: { youngId, programme: 'CEJ', openedOn: '2026-10-05' } },
      { token: adviser },
    );
    expect(opened.errors).toBeUndefined();
    const followUp = opened.data!.missionsLocalesOpenFollowUp;
    expect(followUp).toMatchObject({
      status: 'OPEN',
      programme: 'CEJ',
      openedOn: '2026-10-05',
      closedOn: null,
      outcome: 'IN_PROGRESS',
      organisation: { code: missionLocale.code },
    });
    followUpId = followUp.id;
    const young = await trajectoryOf(youngId);
    expect(young.missionsLocalesFollowUps).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: followUpId, status: 'OPEN', programme: 'CEJ' })]),
    );
    expect(young.trajectory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          partner: 'MISSIONS_LOCALES',
          kind: 'FOLLOW_UP_OPENED',
          summary: `Accompagnement CEJ ouvert (${missionLocale.name})`,
        }),
      ]),
    );
  });

  it('a dated step recorded for it is in the trajectory at once', async () => {
    const recorded = await hub.query(
      EVENT,
      {
        input: {
          youngId,
          followUpId,
          at: '2026-10-12T10:30:00+02:00',
          kind: 'PROGRAMME_ENTRY',
          summary: 'Signature du contrat d’engagement jeune',
        },
      },
      { token: adviser },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.missionsLocalesRecordFollowUpEvent).toMatchObject({
      kind: 'PROGRAMME_ENTRY',
      at: '2026-10-12T08:30:00.000Z',
    });
    const { trajectory } = await trajectoryOf(youngId);
    expect(trajectory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: recorded.data!.missionsLocalesRecordFollowUpEvent.id,
          kind: 'PROGRAMME_ENTRY',
          summary: `Signature du contrat d’engagement jeune (${missionLocale.name})`,
        }),
      ]),
    );
  });

  it('another Mission locale cannot change it: NOT_OWN_ORGANISATION, nothing written', async () => {
    const before = await heldAbout(youngId);
    const attempts = [
      await hub.query(
        UPDATE,
        { input: { youngId, followUpId, programme: 'PACEA' } },
        { token: otherAdviser },
      ),
      await hub.query(
        CLOSE,
        { input: { youngId, followUpId, closedOn: '2026-11-02', outcome: 'ABANDONED' } },
        { token: otherAdviser },
      ),
      await hub.query(
        EVENT,
        {
          input: { youngId, followUpId, at: '2026-10-20T09:00:00Z', kind: 'INTERVIEW', summary: 'Entretien' },
        },
        { token: otherAdviser },
      ),
    ];
    for (const answer of attempts)
      expect(answer.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_OWN_ORGANISATION',
      });
    expect(await heldAbout(youngId)).toEqual(before);
    const [row] = await mlDb().query('SELECT programme, closed_on FROM follow_up WHERE id = $1', [
      localId(followUpId),
    ]);
    expect(row).toEqual({ programme: 'CEJ', closed_on: null });
  });

  it('nor can the PSAD coordinator, whose role writes no partner follow-up: ROLE_NOT_GRANTED', async () => {
    const answer = await hub.query(UPDATE, { input: { youngId, followUpId, programme: 'PACEA' } });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
  });

  it('its own adviser updates it', async () => {
    const updated = await hub.query(
      UPDATE,
      { input: { youngId, followUpId, programme: 'CEJ renforcé' } },
      { token: adviser },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.missionsLocalesUpdateFollowUp).toMatchObject({
      id: followUpId,
      programme: 'CEJ renforcé',
      openedOn: '2026-10-05',
    });
    // The opening cannot move after the first recorded step.
    const late = await hub.query(
      UPDATE,
      { input: { youngId, followUpId, openedOn: '2026-10-20' } },
      { token: adviser },
    );
    expect(fieldErrors(late)).toEqual(['input.openedOn']);
  });

  it('a step outside its dates, in the future, or of a kind a follow-up does not record is refused field by field, nothing written', async () => {
    const before = await heldAbout(youngId);
    const answer = await hub.query(
      EVENT,
      { input: { youngId, followUpId, at: '2099-01-01T09:00:00Z', kind: 'CASE_OPENED', summary: '' } },
      { token: adviser },
    );
    expect(fieldErrors(answer)).toEqual(['input.at', 'input.kind', 'input.summary']);
    const early = await hub.query(
      EVENT,
      {
        input: {
          youngId,
          followUpId,
          at: '2026-10-01T09:00:00Z',
          kind: 'INTERVIEW',
          summary: 'Avant l’ouverture',
        },
      },
      { token: adviser },
    );
    expect(fieldErrors(early)).toEqual(['input.at']);
    const malformed = await hub.query(
      EVENT,
      { input: { youngId, followUpId, at: '12/10/2026', kind: 'INTERVIEW', summary: 'Entretien' } },
      { token: adviser },
    );
    expect(fieldErrors(malformed)).toEqual(['input.at']);
    expect(await heldAbout(youngId)).toEqual(before);
  });

  it('closing before its opening or before its last step is refused; then it closes with its outcome, in the trajectory at once', async () => {
    const early = await hub.query(
      CLOSE,
      { input: { youngId, followUpId, closedOn: '2026-10-01', outcome: 'EMPLOYED' } },
      { token: adviser },
    );
    expect(fieldErrors(early)).toEqual(['input.closedOn']);
    const beforeStep = await hub.query(
      CLOSE,
      { input: { youngId, followUpId, closedOn: '2026-10-08', outcome: 'EMPLOYED' } },
      { token: adviser },
    );
    expect(fieldErrors(beforeStep)).toEqual(['input.closedOn']);
    const closed = await hub.query(
      CLOSE,
      { input: { youngId, followUpId, closedOn: '2026-11-20', outcome: 'EMPLOYED' } },
      { token: adviser },
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.missionsLocalesCloseFollowUp).toMatchObject({
      status: 'CLOSED',
      closedOn: '2026-11-20',
      outcome: 'EMPLOYED',
    });
    const young = await trajectoryOf(youngId);
    expect(young.trajectory).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'FOLLOW_UP_CLOSED',
          summary: `Accompagnement CEJ renforcé clos : accès à l’emploi (${missionLocale.name})`,
        }),
      ]),
    );
    expect(young.missionsLocalesFollowUps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: followUpId, status: 'CLOSED', outcome: 'EMPLOYED' }),
      ]),
    );
  });

  it('closing twice is refused (ILLEGAL_TRANSITION) and changes nothing; a closed follow-up is no longer updated', async () => {
    const again = await hub.query(
      CLOSE,
      { input: { youngId, followUpId, closedOn: '2026-11-25', outcome: 'TRAINING' } },
      { token: adviser },
    );
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'CLOSED',
      to: 'CLOSED',
    });
    const update = await hub.query(
      UPDATE,
      { input: { youngId, followUpId, programme: 'PACEA' } },
      { token: adviser },
    );
    expect(update.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.followUpId',
    });
    const [row] = await mlDb().query(
      "SELECT programme, to_char(closed_on, 'YYYY-MM-DD') AS closed_on, outcome FROM follow_up WHERE id = $1",
      [localId(followUpId)],
    );
    expect(row).toEqual({ programme: 'CEJ renforcé', closed_on: '2026-11-20', outcome: 'EMPLOYED' });
  });

  it('a follow-up of someone else, or of another partner, is not this person’s: BAD_USER_INPUT on followUpId', async () => {
    const [other]: { id: string; young_id: string }[] = await mlDb().query(
      'SELECT id, young_id FROM follow_up WHERE young_id <> $1 LIMIT 1',
      [youngId],
    );
    const answer = await hub.query(
      CLOSE,
      {
        input: {
          youngId,
          followUpId: `missions-locales:${other.id}`,
          closedOn: '2026-11-20',
          outcome: 'EMPLOYED',
        },
      },
      { token: adviser },
    );
    expect(answer.errors?.[0]).toMatchObject({
      message: 'This person has no follow-up with this id here',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.followUpId' },
    });
    const foreign = await hub.query(
      CLOSE,
      { input: { youngId, followUpId: `cfa:${other.id}`, closedOn: '2026-11-20', outcome: 'EMPLOYED' } },
      { token: adviser },
    );
    expect(fieldErrors(foreign)).toEqual(['input.followUpId']);
  });
});

describe('every partner with follow-ups', () => {
  it.each([
    ['e2c', 'e2c-staff', 'E2C_SITE', 'E2C'],
    ['cfa', 'cfa-staff', 'CFA', 'CFA'],
    ['agriculture', 'agri-staff', 'LYCEE_AGRICOLE', 'AGRICULTURE'],
  ] as const)(
    '%s: its staff open and close a follow-up, in the trajectory at once',
    async (subgraph, role, kind, partner) => {
      const prefix = { e2c: 'e2c', cfa: 'cfa', agriculture: 'agriculture' }[subgraph];
      const [organisation]: { code: string; name: string; bassin_code: string }[] = await hub.stack.subgraphs[
        subgraph
      ].dataSource.query(
        'SELECT code, name, bassin_code FROM organisation WHERE kind = $1 ORDER BY code LIMIT 1',
        [kind],
      );
      // Staff who recruit beyond their own bassin list those bassins in their territories.
      const token = await hub.tokenFor({
        role,
        org: organisation.code,
        sub: `${role}-writes`,
        territories: [organisation.bassin_code, personBassin],
      });
      const opened = await hub.query(
        `mutation ($input: OpenFollowUpInput!) { ${prefix}OpenFollowUp(input: $input) { id status organisation { code } } }`,
        { input: { youngId, programme: 'Parcours test', openedOn: '2026-09-14' } },
        { token },
      );
      expect(opened.errors).toBeUndefined();
      const followUp = opened.data![`${prefix}OpenFollowUp`];
      expect(followUp).toMatchObject({ status: 'OPEN', organisation: { code: organisation.code } });
      const closed = await hub.query(
        `mutation ($input: CloseFollowUpInput!) { ${prefix}CloseFollowUp(input: $input) { status outcome } }`,
        { input: { youngId, followUpId: followUp.id, closedOn: '2026-11-27', outcome: 'TRAINING' } },
        { token },
      );
      expect(closed.data![`${prefix}CloseFollowUp`]).toEqual({ status: 'CLOSED', outcome: 'TRAINING' });
      const answer = await hub.query(
        `query ($id: ID!) { young(id: $id) { ${prefix}FollowUps { id status } trajectory { partner kind summary } } }`,
        { id: youngId },
      );
      expect(answer.data!.young[`${prefix}FollowUps`]).toEqual(
        expect.arrayContaining([{ id: followUp.id, status: 'CLOSED' }]),
      );
      expect(answer.data!.young.trajectory).toEqual(
        expect.arrayContaining([
          {
            partner,
            kind: 'FOLLOW_UP_OPENED',
            summary: `Accompagnement Parcours test ouvert (${organisation.name})`,
          },
          {
            partner,
            kind: 'FOLLOW_UP_CLOSED',
            summary: `Accompagnement Parcours test clos : entrée en formation (${organisation.name})`,
          },
        ]),
      );
    },
  );
});

describe('opening: validation and idempotency', () => {
  it('every invalid field at once, with its name, and nothing written', async () => {
    const before = await heldAbout(youngId);
    const answer = await hub.query(
      OPEN,
      { input: { youngId: 'not-a-hub-id', programme: ' ', openedOn: '2026-02-30', offerId: 'cfa:123' } },
      { token: adviser },
    );
    expect(fieldErrors(answer)).toEqual([
      'input.offerId',
      'input.openedOn',
      'input.programme',
      'input.youngId',
    ]);
    const future = await hub.query(
      OPEN,
      { input: { youngId, programme: 'PACEA', openedOn: '2099-01-01' } },
      { token: adviser },
    );
    expect(fieldErrors(future)).toEqual(['input.openedOn']);
    const tooLong = await hub.query(
      OPEN,
      { input: { youngId, programme: 'P'.repeat(121), openedOn: '2026-10-01' } },
      { token: adviser },
    );
    expect(fieldErrors(tooLong)).toEqual(['input.programme']);
    expect(await heldAbout(youngId)).toEqual(before);
  });

  it('a person out of the adviser’s bassins, and a hub id nobody has, alike are OUT_OF_TERRITORY; an organisation that is not one of the Missions locales is refused plainly', async () => {
    // Opening would make the Mission locale a follower, and open the person's record to it: not for anyone,
    // anywhere.
    const [elsewhere]: { id: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
      `SELECT id FROM young WHERE bassin_code <> $1 AND birth_date <= (current_date - interval '17 years') ORDER BY id LIMIT 1`,
      [personBassin],
    );
    const heldBefore = await heldAbout(elsewhere.id);
    const far = await hub.query(
      OPEN,
      { input: { youngId: elsewhere.id, programme: 'PACEA', openedOn: '2026-10-01' } },
      { token: adviser },
    );
    expect(far.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });
    expect(await heldAbout(elsewhere.id)).toEqual(heldBefore);
    const nobody = await hub.query(
      OPEN,
      { input: { youngId: randomUUID(), programme: 'PACEA', openedOn: '2026-10-01' } },
      { token: adviser },
    );
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });
    const stranger = await hub.tokenFor({
      role: 'ml-advisor',
      org: '99999999999999',
      sub: 'ml-adviser-unknown',
      territories: ['38-GRE'],
    });
    const before = await heldAbout(youngId);
    const answer = await hub.query(
      OPEN,
      { input: { youngId, programme: 'PACEA', openedOn: '2026-10-01' } },
      { token: stranger },
    );
    expect(answer.errors?.[0]).toMatchObject({
      message:
        'The caller’s organisation is not an organisation of Missions locales: a follow-up is opened by one of its own organisations',
      extensions: { code: 'FORBIDDEN', reason: 'NOT_OWN_ORGANISATION' },
    });
    expect(await heldAbout(youngId)).toEqual(before);
  });

  it('a retry with the same key returns the same follow-up and step, written once', async () => {
    const before = await heldAbout(youngId);
    const key = randomUUID();
    const input = { youngId, programme: 'PACEA', openedOn: '2026-11-02' };
    const [first, second] = [
      await hub.query(OPEN, { input, key }, { token: adviser }),
      await hub.query(OPEN, { input, key }, { token: adviser }),
    ];
    expect(first.errors).toBeUndefined();
    expect(second.data!.missionsLocalesOpenFollowUp.id).toBe(first.data!.missionsLocalesOpenFollowUp.id);
    const followUpId = first.data!.missionsLocalesOpenFollowUp.id;
    const eventKey = randomUUID();
    const step = {
      youngId,
      followUpId,
      at: '2026-11-03T14:00:00+01:00',
      kind: 'INTERVIEW',
      summary: 'Entretien de diagnostic',
    };
    const steps = await Promise.all(
      [1, 2, 3].map(() => hub.query(EVENT, { input: step, key: eventKey }, { token: adviser })),
    );
    for (const answer of steps) expect(answer.errors).toBeUndefined();
    expect(new Set(steps.map((answer) => answer.data!.missionsLocalesRecordFollowUpEvent.id)).size).toBe(1);
    expect(await heldAbout(youngId)).toEqual({ followUps: before.followUps + 1, events: before.events + 1 });
  });
});

describe('offers', () => {
  const CREATE = `mutation ($input: CreateOfferInput!, $key: String) { cfaCreateOffer(input: $input, idempotencyKey: $key) { id partner kind title provider territory capacity vacancies ageMin ageMax startsOn endsOn } }`;
  const UPDATE_OFFER = `mutation ($input: UpdateOfferInput!) { cfaUpdateOffer(input: $input) { id capacity vacancies startsOn endsOn title } }`;
  const CLOSE_OFFER = `mutation ($input: CloseOfferInput!) { cfaCloseOffer(input: $input) { id } }`;
  const valid = {
    kind: 'APPRENTICESHIP',
    title: 'BP Boulanger (test)',
    track: 'Boulangerie',
    level: 'BP',
    bassin: '38-GRE',
    commune: 'Grenoble',
    capacity: 2,
    ageMin: 16,
    ageMax: 29,
    startsOn: '2027-09-06',
    endsOn: '2029-06-30',
  };
  /**
   * The offer as the merged `offers` list shows it (every page of the bassin's apprenticeships starting
   * before 2028).
   */
  const listed = async (offerId: string): Promise<{ id: string; vacancies: number } | undefined> => {
    let after: string | null = null;
    for (;;) {
      const answer: GraphQLAnswer = await hub.query(
        `query ($after: String) { offers(filter: { territory: "38-GRE", kinds: [APPRENTICESHIP], startsBefore: "2028-01-01" }, first: 100, after: $after) { nodes { id vacancies } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(answer.errors).toBeUndefined();
      const found = (answer.data!.offers.nodes as { id: string; vacancies: number }[]).find(
        (node) => node.id === offerId,
      );
      if (found || !answer.data!.offers.pageInfo.hasNextPage) return found;
      after = answer.data!.offers.pageInfo.endCursor;
    }
  };
  const offerCount = async () =>
    (await cfaDb().query('SELECT count(*)::int AS count FROM offer'))[0].count as number;

  it('invalid fields are all named, and nothing is written', async () => {
    const before = await offerCount();
    const answer = await hub.query(
      CREATE,
      {
        input: {
          ...valid,
          kind: 'SCHOOL_PLACE',
          title: '',
          bassin: '99-XXX',
          capacity: 1001,
          ageMin: 13,
          ageMax: 31,
          startsOn: '2027-09-06',
          endsOn: '2027-09-01',
        },
      },
      { token: cfaStaff },
    );
    expect(fieldErrors(answer)).toEqual([
      'input.ageMax',
      'input.ageMin',
      'input.bassin',
      'input.capacity',
      'input.endsOn',
      'input.kind',
      'input.title',
    ]);
    const crossed = await hub.query(
      CREATE,
      { input: { ...valid, ageMin: 25, ageMax: 18 } },
      { token: cfaStaff },
    );
    expect(fieldErrors(crossed)).toEqual(['input.ageMax']);
    const unknownOrganisation = await hub.query(
      CREATE,
      { input: { ...valid, organisationCode: '0389999Z' } },
      { token: cfaStaff },
    );
    expect(fieldErrors(unknownOrganisation)).toEqual(['input.organisationCode']);
    expect(await offerCount()).toBe(before);
  });

  it('CFA staff publish, change and close their own CFA’s offer; capacity never below the places taken; a retry publishes once', async () => {
    const before = await offerCount();
    const key = randomUUID();
    const created = await hub.query(CREATE, { input: valid, key }, { token: cfaStaff });
    expect(created.errors).toBeUndefined();
    const offer = created.data!.cfaCreateOffer;
    expect(offer).toMatchObject({
      partner: 'CFA',
      kind: 'APPRENTICESHIP',
      territory: '38-GRE',
      capacity: 2,
      vacancies: 2,
      startsOn: '2027-09-06',
      endsOn: '2029-06-30',
    });
    expect(
      (await hub.query(CREATE, { input: valid, key }, { token: cfaStaff })).data!.cfaCreateOffer.id,
    ).toBe(offer.id);
    expect(await offerCount()).toBe(before + 1);

    // Listed in `offers` at once.
    expect(await listed(offer.id)).toEqual({ id: offer.id, vacancies: 2 });

    // Another CFA cannot touch it.
    const foreign = await hub.query(
      UPDATE_OFFER,
      { input: { offerId: offer.id, capacity: 5 } },
      { token: otherCfaStaff },
    );
    expect(foreign.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_OWN_ORGANISATION',
    });

    // Two places reserved by the coordinator: the capacity cannot go below 2.
    const people: { id: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
      `SELECT id FROM young WHERE birth_date <= (current_date - interval '17 years') AND birth_date > (current_date - interval '28 years') ORDER BY id LIMIT 2`,
    );
    for (const person of people) {
      const reserved = await hub.query(
        `mutation ($input: ReservePlaceInput!) { cfaReservePlace(input: $input) { id } }`,
        { input: { youngId: person.id, offerId: offer.id } },
      );
      expect(reserved.errors).toBeUndefined();
    }
    const below = await hub.query(
      UPDATE_OFFER,
      { input: { offerId: offer.id, capacity: 1 } },
      { token: cfaStaff },
    );
    expect(below.errors?.[0]).toMatchObject({
      message: '"capacity" (1) must not be below the places already taken (2)',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.capacity' },
    });
    const misordered = await hub.query(
      UPDATE_OFFER,
      { input: { offerId: offer.id, endsOn: '2027-01-01' } },
      { token: cfaStaff },
    );
    expect(fieldErrors(misordered)).toEqual(['input.endsOn']);
    const updated = await hub.query(
      UPDATE_OFFER,
      { input: { offerId: offer.id, capacity: 4, title: 'BP Boulanger (session de septembre)' } },
      { token: cfaStaff },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.cfaUpdateOffer).toMatchObject({
      capacity: 4,
      vacancies: 2,
      title: 'BP Boulanger (session de septembre)',
      startsOn: '2027-09-06',
    });

    const closed = await hub.query(CLOSE_OFFER, { input: { offerId: offer.id } }, { token: cfaStaff });
    expect(closed.errors).toBeUndefined();
    const [row] = await cfaDb().query(
      'SELECT closed_at IS NOT NULL AS closed, capacity, taken FROM offer WHERE id = $1',
      [localId(offer.id)],
    );
    expect(row).toEqual({ closed: true, capacity: 4, taken: 2 });
    const twice = await hub.query(CLOSE_OFFER, { input: { offerId: offer.id } }, { token: cfaStaff });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'CLOSED' });
    const afterClose = await hub.query(
      UPDATE_OFFER,
      { input: { offerId: offer.id, capacity: 6 } },
      { token: cfaStaff },
    );
    expect(afterClose.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.offerId',
    });
    expect(await listed(offer.id)).toBeUndefined();
  });

  it('a PSAD coordinator publishes no partner offer: ROLE_NOT_GRANTED', async () => {
    const answer = await hub.query(CREATE, {
      input: {
        ...valid,
        organisationCode: (await cfaDb().query('SELECT code FROM organisation LIMIT 1'))[0].code,
      },
    });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
  });
});

describe('what opening a follow-up tells of who exists', () => {
  it('refuses another partner’s staff for the record, whoever the person, or if nobody has the hub id', async () => {
    const answers = await Promise.all(
      [randomUUID(), youngId].map((id) =>
        hub.query(
          `mutation ($input: OpenFollowUpInput!) { cfaOpenFollowUp(input: $input) { id } }`,
          { input: { youngId: id, programme: 'CAP', openedOn: '2026-10-01' } },
          { token: adviser },
        ),
      ),
    );
    expect(answers.map((answer) => answer.errors?.[0].extensions)).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' }),
      answers[0].errors?.[0].extensions,
    ]);
  });
});

describe('one open follow-up per organisation and person', () => {
  it('refuses a second opening, even two sent at once without a key, and opens again once closed', async () => {
    const [person]: { id: string }[] = await hub.stack.subgraphs.psad.dataSource.query(
      `SELECT id FROM young WHERE bassin_code = $1 AND birth_date <= (current_date - interval '17 years') ORDER BY id LIMIT 1 OFFSET 3`,
      [personBassin],
    );
    const [existing]: { count: number }[] = await mlDb().query(
      'SELECT count(*)::int AS count FROM follow_up f JOIN organisation o ON o.id = f.organisation_id WHERE f.young_id = $1 AND o.code = $2 AND f.closed_on IS NULL',
      [person.id, missionLocale.code],
    );
    expect(existing.count).toBe(0);
    const open = () =>
      hub.query(
        OPEN,
        { input: { youngId: person.id, programme: 'PACEA', openedOn: '2026-10-01' } },
        { token: adviser },
      );
    const answers = await Promise.all([open(), open(), open()]);
    const opened = answers.filter((answer) => !answer.errors);
    expect(opened).toHaveLength(1);
    for (const answer of answers.filter((candidate) => candidate.errors))
      expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.youngId' });
    const followUpId = opened[0].data!.missionsLocalesOpenFollowUp.id;
    const closed = await hub.query(
      `mutation ($input: CloseFollowUpInput!) { missionsLocalesCloseFollowUp(input: $input) { status } }`,
      { input: { youngId: person.id, followUpId, closedOn: '2026-11-02', outcome: 'TRAINING' } },
      { token: adviser },
    );
    expect(closed.errors).toBeUndefined();
    expect((await open()).errors).toBeUndefined();
  });
});
