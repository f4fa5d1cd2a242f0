/**
 * What the PSAD case workflow accepts, through the gateway: idempotent retries, validation (nothing
 * written), who may drive a case (refusals are traced), and what the existing reads still say. The
 * workflow itself: psad-case-workflow.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { readTrail } from '../../platform/audit/trail';
import { stepsOf, type DemoYoung } from '../../demo/world';
import { type GraphQLAnswer } from '../harness';
import {
  hub,
  world,
  db,
  candidates,
  nextPerson,
  OPEN,
  TRANSITION,
  ASSIGN,
  CONTACT,
  caseOf,
  errorOf,
  open,
  move,
  stored,
  usePsadCaseHub,
  type Case,
} from '../support/psad-case-workflow';

usePsadCaseHub();

describe('idempotent retries', () => {
  let person: { young: DemoYoung; campaign: string };

  beforeAll(async () => {
    person = nextPerson();
  });

  const casesOf = async (youngId: string) =>
    (await db.query('SELECT count(*)::int AS count FROM psad_case WHERE young_id = $1', [youngId]))[0]
      .count as number;

  it('open, transition and contact: the same key gives the same answer and one row; the same key with other arguments is refused', async () => {
    const { young, campaign } = person;
    const casesBefore = await casesOf(young.id);
    const openKey = randomUUID();
    const first = await open(young, campaign, openKey);
    expect(await open(young, campaign, openKey)).toEqual(first);
    expect(await casesOf(young.id)).toBe(casesBefore + 1);
    const reusedOpen = errorOf(
      await hub.query(OPEN, {
        input: { youngId: young.id, campaign, followerName: 'Quelqu’un d’autre' },
        key: openKey,
      }),
    );
    expect(reusedOpen.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });

    const transitionKey = randomUUID();
    const input = {
      youngId: young.id,
      caseId: first.id,
      to: 'CONTACTED',
      reason: 'Joint',
      expectedVersion: 1,
    };
    const moved = caseOf(await hub.query(TRANSITION, { input, key: transitionKey }), 'transitionPsadCase');
    // The retry is based on version 1, now stale: it is answered from the first write, not refused.
    expect(caseOf(await hub.query(TRANSITION, { input, key: transitionKey }), 'transitionPsadCase')).toEqual(
      moved,
    );
    expect(await stored(first.id)).toMatchObject({ version: 2, transitions: 2 });
    const reusedTransition = errorOf(
      await hub.query(TRANSITION, { input: { ...input, to: 'REFUSED' }, key: transitionKey }),
    );
    expect(reusedTransition.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    const contactKey = randomUUID();
    const contact = {
      youngId: young.id,
      caseId: first.id,
      at: new Date().toISOString(),
      channel: 'PHONE',
      outcome: 'REACHED',
      note: 'Joint, entretien prévu',
    };
    const recorded = caseOf(
      await hub.query(CONTACT, { input: contact, key: contactKey }),
      'recordContactAttempt',
    );
    const retried = await Promise.all(
      [1, 2, 3].map(() => hub.query(CONTACT, { input: contact, key: contactKey })),
    );
    for (const answer of retried) expect(caseOf(answer, 'recordContactAttempt')).toEqual(recorded);
    expect(await stored(first.id)).toMatchObject({ contacts: 1 });
    const reusedContact = errorOf(
      await hub.query(CONTACT, { input: { ...contact, outcome: 'NO_ANSWER' }, key: contactKey }),
    );
    expect(reusedContact.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await stored(first.id)).toMatchObject({ version: 2, transitions: 2, contacts: 1 });
  });
});

describe('validation', () => {
  let person: { young: DemoYoung; campaign: string };
  let psadCase: Case;

  beforeAll(async () => {
    person = nextPerson();
    psadCase = await open(person.young, person.campaign);
  });

  const fieldsOf = (answer: GraphQLAnswer) => {
    const error = errorOf(answer);
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    return (
      (error.extensions!.fieldErrors as { field: string }[] | undefined) ?? [
        { field: error.extensions!.field as string },
      ]
    )
      .map((entry) => entry.field)
      .sort();
  };

  it('names every invalid field of a transition, and writes nothing', async () => {
    const before = await stored(psadCase.id);
    const answer = await hub.query(TRANSITION, {
      input: {
        youngId: person.young.id,
        caseId: 'not-a-case',
        to: 'CONTACTED',
        reason: '  ',
        expectedVersion: 0,
      },
      key: randomUUID(),
    });
    expect(fieldsOf(answer)).toEqual(['input.caseId', 'input.expectedVersion', 'input.reason']);
    const tooLong = await hub.query(TRANSITION, {
      input: {
        youngId: person.young.id,
        caseId: psadCase.id,
        to: 'CONTACTED',
        reason: 'x'.repeat(1001),
        expectedVersion: 1,
      },
    });
    expect(fieldsOf(tooLong)).toEqual(['input.reason']);
    expect(await stored(psadCase.id)).toEqual(before);
  });

  it('names every invalid field of a contact attempt: in the future, before the case opened, a note too long', async () => {
    const before = await stored(psadCase.id);
    const input = { youngId: person.young.id, caseId: psadCase.id, channel: 'PHONE', outcome: 'NO_ANSWER' };
    const future = await hub.query(CONTACT, {
      input: { ...input, at: new Date(Date.now() + 3_600_000).toISOString(), note: 'x'.repeat(1001) },
      key: randomUUID(),
    });
    expect(fieldsOf(future)).toEqual(['input.at', 'input.note']);
    const early = await hub.query(CONTACT, {
      input: { ...input, at: '2020-01-06T09:00:00Z', note: 'Ancien appel' },
      key: randomUUID(),
    });
    expect(fieldsOf(early)).toEqual(['input.at']);
    expect(errorOf(early).message).toMatch(/before the case was opened/);
    expect(await stored(psadCase.id)).toEqual(before);
  });

  it('refuses an opening with a malformed campaign, an unknown follower organisation, a campaign the person is not listed in', async () => {
    const [{ count: before }] = await db.query(
      'SELECT count(*)::int AS count FROM psad_case WHERE young_id = $1',
      [person.young.id],
    );
    const malformed = await hub.query(OPEN, {
      input: {
        youngId: person.young.id,
        campaign: 'printemps',
        followerOrg: 'NOT-HABILITATED',
        followerName: 'x'.repeat(121),
      },
    });
    expect(fieldsOf(malformed)).toEqual(['input.campaign', 'input.followerName', 'input.followerOrg']);
    const listed = new Set(stepsOf(person.young, 'siei-listing').map((listing) => listing.campaign));
    const unlisted = ['2024-S1', '2024-S2', '2025-S1', '2025-S2', '2026-S1', '2026-S2'].find(
      (campaign) => !listed.has(campaign),
    )!;
    expect(
      fieldsOf(await hub.query(OPEN, { input: { youngId: person.young.id, campaign: unlisted } })),
    ).toEqual(['input.campaign']);
    const [{ count: after }] = await db.query(
      'SELECT count(*)::int AS count FROM psad_case WHERE young_id = $1',
      [person.young.id],
    );
    expect(after).toBe(before);
  });

  it('refuses an unknown person as one out of reach, and a case of someone else on the field that names it', async () => {
    // A write tells no more than a read of who exists: a hub id nobody has is refused like a person of
    // another territory.
    const unknown = await hub.query(OPEN, { input: { youngId: randomUUID(), campaign: '2025-S2' } });
    expect(errorOf(unknown).extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });
    const someoneElse = candidates[candidates.length - 1].young;
    const answer = await hub.query(TRANSITION, {
      input: {
        youngId: someoneElse.id,
        caseId: psadCase.id,
        to: 'CONTACTED',
        reason: 'Joint',
        expectedVersion: 1,
      },
    });
    expect(fieldsOf(answer)).toEqual(['input.caseId']);
    expect((await stored(psadCase.id)).version).toBe(1);
  });

  it('refuses to assign a closed case, or to its current follower', async () => {
    const same = await hub.query(ASSIGN, {
      input: {
        youngId: person.young.id,
        caseId: psadCase.id,
        followerOrg: psadCase.followerOrg,
        followerName: 'PSAD-TEST',
        expectedVersion: 1,
      },
    });
    expect(fieldsOf(same)).toEqual(['input.followerOrg']);
    const closed = await move(person.young, psadCase, 'UNREACHABLE', 'Cinq tentatives sans réponse');
    const answer = await hub.query(ASSIGN, {
      input: {
        youngId: person.young.id,
        caseId: psadCase.id,
        followerOrg: `PSAD-${person.young.bassin}`,
        followerName: 'PSAD du bassin',
        expectedVersion: closed.version,
      },
    });
    expect(fieldsOf(answer)).toEqual(['input.caseId']);
    expect(await stored(psadCase.id)).toMatchObject({ version: closed.version, follower_org: 'PSAD-TEST' });
    psadCase = closed;
  });

  it('refuses to reopen a case while another case of the same campaign is open', async () => {
    const second = await open(person.young, person.campaign);
    const before = await stored(psadCase.id);
    const answer = await hub.query(TRANSITION, {
      input: {
        youngId: person.young.id,
        caseId: psadCase.id,
        to: 'CONTACTED',
        reason: 'Joint finalement',
        expectedVersion: psadCase.version,
      },
    });
    expect(fieldsOf(answer)).toEqual(['input.to']);
    expect(await stored(psadCase.id)).toEqual(before);
    expect((await stored(second.id)).status).toBe('TO_CONTACT');
  });
});

describe('who may drive a case', () => {
  let person: { young: DemoYoung; campaign: string };
  let psadCase: Case;

  beforeAll(async () => {
    person = nextPerson();
    psadCase = await open(person.young, person.campaign);
  });

  const elsewhere = () => world.organisations.find((o) => o.bassin !== person.young.bassin)!.bassin;
  const missionLocale = () => world.organisations.find((o) => o.kind === 'MISSION_LOCALE')!.code;

  it.each([
    [
      'a coordinator outside the person’s territory',
      'OUT_OF_TERRITORY',
      () => ({ sub: 'coordinator-elsewhere', territories: [elsewhere()] }),
    ],
    [
      'a dashboard',
      'AGGREGATES_ONLY',
      () => ({
        sub: 'dashboard-rectorat',
        role: 'dashboard' as const,
        org: 'RECTORAT-GRENOBLE',
        purpose: 'PILOTAGE_AGREGE' as const,
      }),
    ],
    [
      'a Mission locale adviser',
      'ROLE_NOT_GRANTED',
      () => ({ sub: 'ml-adviser', role: 'ml-advisor' as const, org: missionLocale() }),
    ],
  ])(
    'refuses %s (FORBIDDEN %s), writes nothing, and traces the attempt in psad',
    async (_who, reason, claims) => {
      const token = await hub.tokenFor(claims());
      const sub = claims().sub;
      const before = await stored(psadCase.id);
      const attempts = [
        [
          'Mutation.transitionPsadCase',
          await hub.query(
            TRANSITION,
            {
              input: {
                youngId: person.young.id,
                caseId: psadCase.id,
                to: 'CONTACTED',
                reason: 'Joint',
                expectedVersion: 1,
              },
              key: randomUUID(),
            },
            { token },
          ),
        ],
        [
          'Mutation.assignPsadCase',
          await hub.query(
            ASSIGN,
            {
              input: {
                youngId: person.young.id,
                caseId: psadCase.id,
                followerOrg: 'PSAD-38-GRE',
                followerName: 'PSAD Grenoble',
                expectedVersion: 1,
              },
            },
            { token },
          ),
        ],
        [
          'Mutation.recordContactAttempt',
          await hub.query(
            CONTACT,
            {
              input: {
                youngId: person.young.id,
                caseId: psadCase.id,
                at: new Date().toISOString(),
                channel: 'PHONE',
                outcome: 'REACHED',
                note: 'Joint',
              },
            },
            { token },
          ),
        ],
        [
          'Mutation.openPsadCase',
          await hub.query(
            OPEN,
            { input: { youngId: person.young.id, campaign: person.campaign } },
            { token },
          ),
        ],
      ] as const;
      for (const [field, answer] of attempts) {
        expect(errorOf(answer).extensions).toMatchObject({
          code: 'FORBIDDEN',
          reason,
          field,
          category: 'FOLLOW_UP_SUMMARY',
        });
      }
      expect(await stored(psadCase.id)).toEqual(before);
      const trail = (await readTrail(db, person.young.id)).filter((record) => record.callerSub === sub);
      for (const [field] of attempts) {
        expect(
          trail.some(
            (record) =>
              record.fieldsDenied.includes(field) && record.categoriesDenied.includes('FOLLOW_UP_SUMMARY'),
          ),
        ).toBe(true);
      }
    },
  );

  it('traces an allowed write too', async () => {
    const trail = await readTrail(db, person.young.id);
    expect(
      trail.some(
        (record) =>
          record.callerSub === 'test-psad-coordinator' &&
          record.fieldsReturned.includes('Mutation.openPsadCase'),
      ),
    ).toBe(true);
  });
});

describe('what the existing reads still say', () => {
  it('loads the cases’ histories batched: as many psad statements for every case to contact as for 3', async () => {
    const caseload = `query ($first: Int!) { youngs(filter: { caseStatus: TO_CONTACT }, first: $first) { totalCount nodes { psadCases { version transitions { kind from to at } contacts { channel } } } } }`;
    const answers: GraphQLAnswer[] = [];
    const few = await hub.countStatements(async () => answers.push(await hub.query(caseload, { first: 3 })));
    const many = await hub.countStatements(async () =>
      answers.push(await hub.query(caseload, { first: 100 })),
    );
    expect(answers[1].data!.youngs.totalCount).toBeGreaterThan(20);
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    expect(
      answers[1].data!.youngs.nodes.flatMap((node: { psadCases: { transitions: unknown[] }[] }) =>
        node.psadCases.flatMap((c) => c.transitions),
      ).length,
    ).toBeGreaterThan(0);
    // The access trail may need a commit more for more people; the reads themselves do not grow.
    expect(many.psad - few.psad).toBeLessThanOrEqual(2);
  });

  it('lists the caseload by case status and counts the indicators, demo cases and new ones alike', async () => {
    const listed = await hub.query(
      `{ youngs(filter: { caseStatus: REVIEW_DONE }, first: 50) { totalCount nodes { psadCases { status version } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.youngs.totalCount).toBeGreaterThan(0);
    for (const node of listed.data!.youngs.nodes)
      expect(node.psadCases.some((c: { status: string }) => c.status === 'REVIEW_DONE')).toBe(true);
    const period = `${new Date().getUTCFullYear()}-B${Math.floor(new Date().getUTCMonth() / 2) + 1}`;
    const indicators = await hub.query(
      `query ($period: String!) { indicators(scope: "GRENOBLE", period: $period) { rows { casesOpened inSolution } } }`,
      { period },
      {
        token: await hub.tokenFor({
          role: 'dashboard',
          org: 'RECTORAT-GRENOBLE',
          purpose: 'PILOTAGE_AGREGE',
        }),
      },
    );
    expect(indicators.errors).toBeUndefined();
  });
});
