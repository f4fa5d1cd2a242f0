/**
 * The PSAD case workflow through the gateway, against the real stack and its PostgreSQL: a
 * coordinator takes a listed young person from TO_CONTACT to IN_SOLUTION with contact attempts and
 * an assignment, and the trajectory shows each step; illegal transitions, stale and concurrent
 * writes, idempotent retries, validation and refusals change nothing, and refusals are traced.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { readTrail } from '../../platform/audit/trail';
import { stepsOf, type DemoWorld, type DemoYoung } from '../../demo/world';
import { ageAt } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

let hub: TestHub;
let world: DemoWorld;
let db: DataSource;
/**
 * People of the demo aged 16 or more, each on a SIEI list of a campaign for which psad holds no case: one per
 * scenario.
 */
let candidates: { young: DemoYoung; campaign: string }[];

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
  db = hub.stack.subgraphs.psad.dataSource;
  const now = new Date();
  candidates = world.youngs
    .filter((young) => ageAt(young.birthDate, now) >= 17)
    .flatMap((young) => {
      const caseCampaigns = new Set(stepsOf(young, 'psad-case').map((step) => step.campaign));
      const campaign = stepsOf(young, 'siei-listing').find(
        (listing) => !caseCampaigns.has(listing.campaign),
      )?.campaign;
      return campaign ? [{ young, campaign }] : [];
    });
  expect(candidates.length).toBeGreaterThanOrEqual(8);
});

afterAll(async () => {
  await hub?.stop();
});

let taken = 0;
/** A person no other scenario touches. */
const nextPerson = () => candidates[taken++];

const CASE_FIELDS = `id status version campaign followerOrg followerName openedOn closedOn
  contacts { at channel outcome }
  transitions { kind version from to actorSub actorRole actorOrg followerOrg followerName fromFollowerOrg fromFollowerName }`;
/**
 * A transition's reason is follow-up detail: read apart, since whether the caller may see it changes along
 * the path.
 */
const REASONS = `query ($id: ID!) { young(id: $id) { psadCases { id transitions { reason } } } }`;

const OPEN = `mutation ($input: OpenPsadCaseInput!, $key: String) { openPsadCase(input: $input, idempotencyKey: $key) { ${CASE_FIELDS} } }`;
const TRANSITION = `mutation ($input: TransitionPsadCaseInput!, $key: String) { transitionPsadCase(input: $input, idempotencyKey: $key) { ${CASE_FIELDS} } }`;
const ASSIGN = `mutation ($input: AssignPsadCaseInput!) { assignPsadCase(input: $input) { ${CASE_FIELDS} } }`;
const CONTACT = `mutation ($input: RecordContactAttemptInput!, $key: String) { recordContactAttempt(input: $input, idempotencyKey: $key) { ${CASE_FIELDS} } }`;

interface Case {
  id: string;
  status: string;
  version: number;
  closedOn: string | null;
  followerOrg: string;
  contacts: { channel: string; outcome: string }[];
  transitions: {
    kind: string;
    version: number;
    from: string | null;
    to: string;
    actorSub: string;
    actorOrg: string;
    followerOrg: string;
    fromFollowerOrg: string | null;
  }[];
}

const caseOf = (answer: GraphQLAnswer, field: string): Case => {
  expect(answer.errors).toBeUndefined();
  return answer.data![field] as Case;
};
/**
 * The error of the mutation itself (the gateway may add others, on payload fields the caller can never see).
 */
const errorOf = (answer: GraphQLAnswer) => {
  expect(answer.data?.[Object.keys(answer.data ?? {})[0]] ?? null).toBeNull();
  const own = (answer.errors ?? []).filter((error) => (error.path?.length ?? 1) === 1);
  expect(own).toHaveLength(1);
  return own[0];
};

async function open(young: DemoYoung, campaign: string, key: string | null = randomUUID()): Promise<Case> {
  return caseOf(await hub.query(OPEN, { input: { youngId: young.id, campaign }, key }), 'openPsadCase');
}

async function move(
  young: DemoYoung,
  psadCase: Pick<Case, 'id' | 'version'>,
  to: string,
  reason = `Vers ${to}`,
): Promise<Case> {
  return caseOf(
    await hub.query(TRANSITION, {
      input: { youngId: young.id, caseId: psadCase.id, to, reason, expectedVersion: psadCase.version },
      key: randomUUID(),
    }),
    'transitionPsadCase',
  );
}

/** What psad's database holds about a case: the row and the counts of its history and contacts. */
async function stored(caseId: string) {
  const [row] = await db.query(
    'SELECT status, version, closed_on::text AS closed_on, follower_org FROM psad_case WHERE id = $1',
    [caseId],
  );
  const [{ transitions }] = await db.query(
    'SELECT count(*)::int AS transitions FROM case_transition WHERE case_id = $1',
    [caseId],
  );
  const [{ contacts }] = await db.query(
    'SELECT count(*)::int AS contacts FROM case_contact WHERE case_id = $1',
    [caseId],
  );
  return {
    ...(row as { status: string; version: number; closed_on: string | null; follower_org: string }),
    transitions: transitions as number,
    contacts: contacts as number,
  };
}

const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

describe('a coordinator drives a case from "to contact" to "in solution"', () => {
  let person: { young: DemoYoung; campaign: string };
  let final: Case;
  /** A Mission locale that does not follow the person already (no follow-up of theirs there). */
  const missionLocale = () => {
    const own = new Set([
      ...stepsOf(person.young, 'follow-up').map((step) => step.organisationId),
      ...stepsOf(person.young, 'obligation-de-formation').map((step) => step.missionLocaleId),
    ]);
    return world.organisations.find((o) => o.kind === 'MISSION_LOCALE' && !own.has(o.id))!;
  };
  const adviserSees = async () => {
    const token = await hub.tokenFor({
      sub: 'ml-adviser',
      role: 'ml-advisor',
      org: missionLocale().code,
      territories: [],
    });
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { firstName } }`,
      { id: person.young.id },
      { token },
    );
    return answer.data?.young?.firstName ?? null;
  };

  beforeAll(async () => {
    person = nextPerson();
  });

  it('walks the whole path, each write on the version it read, with contacts and an assignment', async () => {
    const { young, campaign } = person;
    let current = await open(young, campaign);
    expect(current).toMatchObject({
      status: 'TO_CONTACT',
      version: 1,
      campaign,
      followerOrg: 'PSAD-TEST',
      closedOn: null,
      openedOn: parisToday(),
    });
    expect(current.transitions).toEqual([
      expect.objectContaining({
        kind: 'OPENED',
        version: 1,
        from: null,
        to: 'TO_CONTACT',
        actorSub: 'test-psad-coordinator',
        actorOrg: 'PSAD-TEST',
      }),
    ]);

    const contact = async (channel: string, outcome: string, note: string) =>
      caseOf(
        await hub.query(CONTACT, {
          input: {
            youngId: young.id,
            caseId: current.id,
            at: new Date().toISOString(),
            channel,
            outcome,
            note,
          },
          key: randomUUID(),
        }),
        'recordContactAttempt',
      );
    current = await contact('PHONE', 'NO_ANSWER', 'Messagerie, message laissé');
    current = await contact(
      'SMS',
      'APPOINTMENT_SET',
      'Rendez-vous fixé mardi pour un entretien de situation',
    );
    expect(current.contacts.slice(-2)).toEqual([
      { at: expect.any(String), channel: 'PHONE', outcome: 'NO_ANSWER' },
      { at: expect.any(String), channel: 'SMS', outcome: 'APPOINTMENT_SET' },
    ]);
    expect(current.version).toBe(1);

    current = await move(young, current, 'CONTACTED', 'Joint par SMS, rendez-vous fixé');
    current = await move(
      young,
      current,
      'REVIEW_DONE',
      'Entretien de situation avec la PsyEN : souhaite un CAP en cuisine',
    );
    expect(current).toMatchObject({ status: 'REVIEW_DONE', version: 3, closedOn: null });
    // The reason is follow-up detail: the organisation that follows the case reads it.
    const reasons = await hub.query(REASONS, { id: young.id });
    expect(reasons.errors).toBeUndefined();
    const ours = (
      reasons.data!.young.psadCases as { id: string; transitions: { reason: string | null }[] }[]
    ).find((c) => c.id === current.id)!;
    expect(ours.transitions.map((t) => t.reason)).toEqual([
      null,
      'Joint par SMS, rendez-vous fixé',
      'Entretien de situation avec la PsyEN : souhaite un CAP en cuisine',
    ]);

    expect(await adviserSees()).toBeNull();
    const assigned = await hub.query(ASSIGN, {
      input: {
        youngId: young.id,
        caseId: current.id,
        followerOrg: missionLocale().code,
        followerName: missionLocale().name,
        expectedVersion: 3,
      },
    });
    current = caseOf(assigned, 'assignPsadCase');
    expect(current).toMatchObject({ status: 'REVIEW_DONE', version: 4, followerOrg: missionLocale().code });
    expect(current.transitions[3]).toMatchObject({
      kind: 'ASSIGNED',
      version: 4,
      from: 'REVIEW_DONE',
      to: 'REVIEW_DONE',
      followerOrg: missionLocale().code,
      fromFollowerOrg: 'PSAD-TEST',
    });

    // Handed the case, the Mission locale follows the person: it sees them now.
    expect(await adviserSees()).toBe(young.firstName);

    current = await move(
      young,
      current,
      'SOLUTION_PROPOSED',
      'CAP cuisine au lycée professionnel, place disponible',
    );
    final = await move(young, current, 'IN_SOLUTION', 'Entrée en formation confirmée');
    expect(final).toMatchObject({ status: 'IN_SOLUTION', version: 6, closedOn: parisToday() });
    expect(final.transitions.map((t) => [t.kind, t.from, t.to, t.version])).toEqual([
      ['OPENED', null, 'TO_CONTACT', 1],
      ['STATUS_CHANGED', 'TO_CONTACT', 'CONTACTED', 2],
      ['STATUS_CHANGED', 'CONTACTED', 'REVIEW_DONE', 3],
      ['ASSIGNED', 'REVIEW_DONE', 'REVIEW_DONE', 4],
      ['STATUS_CHANGED', 'REVIEW_DONE', 'SOLUTION_PROPOSED', 5],
      ['STATUS_CHANGED', 'SOLUTION_PROPOSED', 'IN_SOLUTION', 6],
    ]);
    expect(await stored(final.id)).toEqual({
      status: 'IN_SOLUTION',
      version: 6,
      closed_on: parisToday(),
      follower_org: missionLocale().code,
      transitions: 6,
      contacts: 2,
    });
  });

  it('shows every step in the trajectory, in order, in French, without the reasons', async () => {
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { trajectory { partner at kind summary } } }`,
      { id: person.young.id },
    );
    const events = (
      answer.data!.young.trajectory as { partner: string; at: string; kind: string; summary: string }[]
    ).filter((event) => event.partner === 'PSAD' && Date.parse(event.at) >= Date.now() - 3_600_000);
    expect(events.map((event) => event.kind)).toEqual([
      'CASE_OPENED',
      'CONTACT_ATTEMPT',
      'CONTACT_ATTEMPT',
      'CASE_STATUS_CHANGED',
      'CASE_STATUS_CHANGED',
      'CASE_ASSIGNED',
      'CASE_STATUS_CHANGED',
      'CASE_STATUS_CHANGED',
      'CASE_CLOSED',
    ]);
    const summaries = events.map((event) => event.summary);
    expect(summaries).toContain('Dossier PSAD passé de « à contacter » à « contacté(e) »');
    expect(summaries).toContain(`Dossier PSAD confié à ${missionLocale().name} (auparavant PSAD-TEST)`);
    expect(summaries).toContain(
      'Dossier PSAD passé de « solution proposée » à « en solution » : dossier clos',
    );
    expect(summaries).toContain('Prise de contact par SMS : rendez-vous fixé');
    for (const summary of summaries)
      expect(summary).not.toMatch(/PsyEN|cuisine|confirmée|SMS, rendez-vous|Messagerie/);
  });

  it('withholds the reasons once the PSAD no longer follows the case (handed over, then closed), and the Mission locale no longer sees the person', async () => {
    expect(await adviserSees()).toBeNull();
    const answer = await hub.query(REASONS, { id: person.young.id });
    const denied = (answer.errors ?? []).filter(
      (error) => error.extensions?.code === 'FORBIDDEN' && error.extensions.category === 'FOLLOW_UP_DETAIL',
    );
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((error) => error.extensions!.reason === 'NOT_FOLLOWING')).toBe(true);
  });

  it('reopens the case when the solution breaks', async () => {
    const reopened = await move(
      person.young,
      final,
      'REVIEW_DONE',
      'Abandon de la formation après trois semaines',
    );
    expect(reopened).toMatchObject({ status: 'REVIEW_DONE', version: 7, closedOn: null });
    const answer = await hub.query(`query ($id: ID!) { young(id: $id) { trajectory { kind summary } } }`, {
      id: person.young.id,
    });
    const summaries = (answer.data!.young.trajectory as { summary: string }[]).map((event) => event.summary);
    expect(summaries).toContain(
      'Dossier PSAD passé de « en solution » à « bilan réalisé » : dossier rouvert',
    );
  });
});

describe('what the workflow refuses changes nothing', () => {
  let person: { young: DemoYoung; campaign: string };
  let psadCase: Case;

  beforeAll(async () => {
    person = nextPerson();
    psadCase = await open(person.young, person.campaign);
  });

  it('refuses an illegal transition with ILLEGAL_TRANSITION, naming the current, requested and allowed states', async () => {
    const before = await stored(psadCase.id);
    const error = errorOf(
      await hub.query(TRANSITION, {
        input: {
          youngId: person.young.id,
          caseId: psadCase.id,
          to: 'IN_SOLUTION',
          reason: 'Trop tôt',
          expectedVersion: 1,
        },
      }),
    );
    expect(error.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'TO_CONTACT',
      to: 'IN_SOLUTION',
      allowed: ['CONTACTED', 'UNREACHABLE', 'REFUSED', 'MOVED', 'ALREADY_IN_TRAINING'],
    });
    expect(error.message).toMatch(/TO_CONTACT.*IN_SOLUTION/);
    expect(await stored(psadCase.id)).toEqual(before);
  });

  it('refuses a second open case for the same person and campaign', async () => {
    const error = errorOf(
      await hub.query(OPEN, {
        input: { youngId: person.young.id, campaign: person.campaign },
        key: randomUUID(),
      }),
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.campaign' });
    const [{ count }] = await db.query(
      'SELECT count(*)::int AS count FROM psad_case WHERE young_id = $1 AND campaign = $2',
      [person.young.id, person.campaign],
    );
    expect(count).toBe(1);
  });

  it('refuses a stale version with CONFLICT and the version in force', async () => {
    const moved = await move(person.young, psadCase, 'CONTACTED', 'Joint au téléphone');
    const before = await stored(psadCase.id);
    const error = errorOf(
      await hub.query(TRANSITION, {
        input: {
          youngId: person.young.id,
          caseId: psadCase.id,
          to: 'UNREACHABLE',
          reason: 'Plus de nouvelles',
          expectedVersion: 1,
        },
      }),
    );
    expect(error.extensions).toMatchObject({
      code: 'CONFLICT',
      expectedVersion: 1,
      currentVersion: moved.version,
    });
    const assign = errorOf(
      await hub.query(ASSIGN, {
        input: {
          youngId: person.young.id,
          caseId: psadCase.id,
          followerOrg: 'PSAD-38-GRE',
          followerName: 'PSAD Grenoble',
          expectedVersion: 1,
        },
      }),
    );
    expect(assign.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: moved.version });
    expect(await stored(psadCase.id)).toEqual(before);
    psadCase = moved;
  });

  it('lets exactly one of concurrent writers on the same version win; the others get CONFLICT', async () => {
    const targets = [
      'REVIEW_DONE',
      'UNREACHABLE',
      'REFUSED',
      'MOVED',
      'ALREADY_IN_TRAINING',
      'REVIEW_DONE',
      'UNREACHABLE',
      'REFUSED',
    ];
    const answers = await Promise.all(
      targets.map((to, index) =>
        hub.query(TRANSITION, {
          input: {
            youngId: person.young.id,
            caseId: psadCase.id,
            to,
            reason: `Écrivain ${index}`,
            expectedVersion: psadCase.version,
          },
          key: randomUUID(),
        }),
      ),
    );
    const winners = answers.filter((answer) => !answer.errors);
    const losers = answers.filter((answer) => answer.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map((answer) => answer.errors![0].extensions!.code)).toEqual(
      Array(targets.length - 1).fill('CONFLICT'),
    );
    const winner = winners[0].data!.transitionPsadCase as Case;
    const after = await stored(psadCase.id);
    expect(after).toMatchObject({
      status: winner.status,
      version: psadCase.version + 1,
      transitions: psadCase.version + 1,
    });
    const reasons = await db.query(
      "SELECT reason FROM case_transition WHERE case_id = $1 AND kind = 'STATUS_CHANGED' AND reason LIKE 'Écrivain%'",
      [psadCase.id],
    );
    expect(reasons).toHaveLength(1);
  });

  it('lets exactly one of concurrent openings of the same case through', async () => {
    const other = nextPerson();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        hub.query(OPEN, { input: { youngId: other.young.id, campaign: other.campaign }, key: randomUUID() }),
      ),
    );
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.errors))
      expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.campaign' });
    const [{ count }] = await db.query(
      'SELECT count(*)::int AS count FROM psad_case WHERE young_id = $1 AND campaign = $2',
      [other.young.id, other.campaign],
    );
    expect(count).toBe(1);
  });
});

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
        followerOrg: 'PSAD-38-GRE',
        followerName: 'PSAD Grenoble',
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
