import { randomUUID } from 'node:crypto';
import type { GraphQLAnswer } from '../harness';
import {
  hub,
  adviser,
  missionLocale,
  youngId,
  personBassin,
  cfaStaff,
  otherCfaStaff,
  OPEN,
  EVENT,
  mlDb,
  cfaDb,
  localId,
  heldAbout,
  fieldErrors,
  usePartnerWritesHub,
} from '../support/partner-writes';
import { referAndAccept } from '../support/referrals';

/**
 * A partner's writes through the gateway: field-level validation with nothing written; idempotent
 * retries; offers (publish, change, close); what opening a follow-up tells of who exists; one open
 * follow-up per organisation and person. The follow-up lifecycle: follow-up-lifecycle.int.test.ts.
 */
usePartnerWritesHub();

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

  it('a person out of the adviser’s bassins, and a hub id nobody has, alike are NO_GROUNDS; an organisation that is not one of the Missions locales is refused plainly', async () => {
    // Opening would make the Mission locale a follower, and open the person's record to it: not for anyone,
    // anywhere. No referral to it, no grounds: the answer a hub id nobody has gets (the grounds are checked
    // before the territory; test/adversarial/grounds.adv.test.ts).
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
    expect(far.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_GROUNDS' });
    expect(await heldAbout(elsewhere.id)).toEqual(heldBefore);
    const nobody = await hub.query(
      OPEN,
      { input: { youngId: randomUUID(), programme: 'PACEA', openedOn: '2026-10-01' } },
      { token: adviser },
    );
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_GROUNDS' });
    // With grounds, the territory still holds: a referral does not carry a follow-up across bassins.
    await referAndAccept(hub, elsewhere.id, missionLocale.code, adviser);
    const referredFar = await hub.query(
      OPEN,
      { input: { youngId: elsewhere.id, programme: 'PACEA', openedOn: '2026-10-01' } },
      { token: adviser },
    );
    expect(referredFar.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OUT_OF_TERRITORY',
    });
    expect(await heldAbout(elsewhere.id)).toEqual(heldBefore);
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
    await referAndAccept(hub, person.id, missionLocale.code, adviser);
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
