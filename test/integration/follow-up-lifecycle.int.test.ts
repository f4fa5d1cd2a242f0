import {
  hub,
  adviser,
  otherAdviser,
  missionLocale,
  youngId,
  personBassin,
  OPEN,
  UPDATE,
  CLOSE,
  EVENT,
  mlDb,
  localId,
  heldAbout,
  fieldErrors,
  trajectoryOf,
  usePartnerWritesHub,
} from '../support/partner-writes';
import { referAndAccept } from '../support/referrals';

/**
 * A partner's follow-ups through the gateway: opened, a step recorded, closed, and shown in the
 * merged trajectory at once, only ever changed by their own organisation; the same for every partner
 * with follow-ups. Validation, idempotency and offers: partner-writes.int.test.ts.
 */
usePartnerWritesHub();

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
          // The hub's phrase for the kind: the adviser's words are follow-up detail (FollowUp.events).
          summary: `Entrée dans le programme (${missionLocale.name})`,
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
      // Its grounds: a referral to its organisation, which it accepted.
      await referAndAccept(hub, youngId, organisation.code, token);
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
