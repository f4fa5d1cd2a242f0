/**
 * The PSAD case workflow through the gateway, against the real stack and its PostgreSQL: a
 * coordinator takes a listed young person from TO_CONTACT to IN_SOLUTION with contact attempts and
 * an assignment, and the trajectory shows each step; illegal transitions, stale and concurrent
 * writes change nothing. Retries, validation and who may drive a case: psad-case-rules.int.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { stepsOf, type DemoYoung } from '../../demo/world';
import {
  hub,
  world,
  db,
  nextPerson,
  REASONS,
  OPEN,
  TRANSITION,
  ASSIGN,
  CONTACT,
  caseOf,
  errorOf,
  open,
  move,
  stored,
  parisToday,
  usePsadCaseHub,
  type Case,
} from '../support/psad-case-workflow';
import { referAndAccept } from '../support/referrals';

usePsadCaseHub();

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
    // Handing the case over needs the Mission locale's grounds: a referral to it, which it accepted.
    await referAndAccept(
      hub,
      young.id,
      missionLocale().code,
      await hub.tokenFor({
        sub: 'ml-adviser',
        role: 'ml-advisor',
        org: missionLocale().code,
        territories: [],
      }),
    );
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
      'REFERRAL_MADE',
      'REFERRAL_ACCEPTED',
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
          // The PSAD of the person's perimeter: grounds of its own.
          followerOrg: `PSAD-${person.young.bassin}`,
          followerName: 'PSAD du bassin',
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
