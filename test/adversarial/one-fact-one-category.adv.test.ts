import { randomUUID } from 'node:crypto';
import { ageAt } from '../../platform/calendar';
import { habilitationStatus } from '../../platform/policy/habilitations';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * Class 3 of issue 11 (docs/threat-model.md): one fact, one category. A partner's free text is
 * follow-up detail wherever it is read: the trajectory's summaries are the hub's own phrases, never
 * the partner's words; the detail stays with the organisation that wrote it, not with its whole
 * partner family; a GPDS signal's reason and action stay with the school that recorded them.
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

const NOW = new Date();
const forbiddenDetail = (answer: GraphQLAnswer) =>
  (answer.errors ?? []).filter(
    (error) => error.extensions?.code === 'FORBIDDEN' && error.extensions.category === 'FOLLOW_UP_DETAIL',
  );

/**
 * Two Missions locales of one bassin whose advisers may read interview notes, and an adult of that
 * bassin: the first wrote a note on its follow-up of the person, the second follows them too.
 */
async function twoMissionsLocalesFollowingOnePerson() {
  const world = hub.stack.world!;
  const detailAllowed = (code: string) =>
    habilitationStatus(
      { role: 'ml-advisor', org: code, purpose: 'ACCOMPAGNEMENT', category: 'FOLLOW_UP_DETAIL' },
      NOW,
    ) === 'IN_FORCE';
  const missionsLocales = world.organisations.filter(
    (o) => o.kind === 'MISSION_LOCALE' && detailAllowed(o.code),
  );
  const [writer, other] = missionsLocales
    .flatMap((a) => missionsLocales.filter((b) => b !== a && b.bassin === a.bassin).map((b) => [a, b]))
    .at(0)!;
  const young = world.youngs.find((y) => y.bassin === writer.bassin && ageAt(y.birthDate, NOW) >= 18)!;
  const note = `Note confidentielle ${randomUUID()}`;
  const db = hub.stack.subgraphs['missions-locales'].dataSource;
  const openFollowUp = async (organisationId: string) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO follow_up (id, young_id, organisation_id, programme, opened_on) VALUES ($1, $2, $3, 'PACEA', $4)`,
      [id, young.id, organisationId, NOW.toISOString().slice(0, 10)],
    );
    return id;
  };
  const written = await openFollowUp(writer.id);
  await openFollowUp(other.id);
  await db.query(
    `INSERT INTO follow_up_event (id, follow_up_id, young_id, at, kind, summary, recorded_by_org) VALUES ($1, $2, $3, $4, 'INTERVIEW', $5, $6)`,
    [randomUUID(), written, young.id, NOW, note, writer.code],
  );
  return { young, writer, other, note };
}

const READ_NOTES = `query ($id: ID!) {
  young(id: $id) {
    missionsLocalesFollowUps { organisation { code } events { kind summary } }
    trajectory { partner kind summary }
  }
}`;
const adviserOf = (org: { code: string; bassin: string }) =>
  hub.tokenFor({ sub: `adviser-${org.code}`, role: 'ml-advisor', org: org.code, territories: [org.bassin] });

describe('a partner’s note is detail on every path', () => {
  let setting: Awaited<ReturnType<typeof twoMissionsLocalesFollowingOnePerson>>;
  beforeAll(async () => {
    setting = await twoMissionsLocalesFollowingOnePerson();
  });

  it('is readable by the organisation that wrote it, and the trajectory says “Entretien” in the hub’s words', async () => {
    const answer = await hub.query(
      READ_NOTES,
      { id: setting.young.id },
      { token: await adviserOf(setting.writer) },
    );
    expect(JSON.stringify(answer.data)).toContain(setting.note);
    const interviews = answer.data!.young.trajectory.filter(
      (event: { kind: string; partner: string }) =>
        event.kind === 'INTERVIEW' && event.partner === 'MISSIONS_LOCALES',
    );
    expect(interviews).toContainEqual(
      expect.objectContaining({ summary: `Entretien (${setting.writer.name})` }),
    );
  });

  it('is refused to a PSAD coordinator as FOLLOW_UP_DETAIL, and appears in none of the answer’s strings', async () => {
    const answer = await hub.query(READ_NOTES, { id: setting.young.id });
    expect(forbiddenDetail(answer).length).toBeGreaterThan(0);
    expect(answer.data!.young.trajectory.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer)).not.toContain(setting.note);
  });

  it('is refused to an adviser of another Mission locale who follows the same person', async () => {
    const answer = await hub.query(
      READ_NOTES,
      { id: setting.young.id },
      { token: await adviserOf(setting.other) },
    );
    const followUps = answer.data!.young.missionsLocalesFollowUps as {
      organisation: { code: string };
      events: unknown[] | null;
    }[];
    expect(followUps.find((f) => f.organisation.code === setting.writer.code)!.events).toBeNull();
    expect(followUps.find((f) => f.organisation.code === setting.other.code)!.events).toEqual([]);
    expect(forbiddenDetail(answer).map((error) => error.extensions!.reason)).toEqual(['ROLE_NOT_GRANTED']);
    expect(JSON.stringify(answer)).not.toContain(setting.note);
  });
});

describe('a GPDS signal’s reason and action', () => {
  it('stay with the school that recorded them: a coordinator of the bassin reads neither', async () => {
    const world = hub.stack.world!;
    const db = hub.stack.subgraphs['education-nationale'].dataSource;
    const enrolled: { young_id: string; school_id: string; code: string }[] = await db.query(
      `SELECT e.young_id, e.school_id, o.code FROM enrolment e JOIN organisation o ON o.id = e.school_id
        WHERE e.ended_on IS NULL ORDER BY e.young_id`,
    );
    const pupil = enrolled.find((row) => {
      const young = world.youngs.find((y) => y.id === row.young_id);
      return young !== undefined && ageAt(young.birthDate, NOW) >= 16;
    })!;
    const action = `Action confidentielle ${randomUUID()}`;
    await db.query(
      `INSERT INTO dropout_signal (id, young_id, school_id, signalled_on, reason, action_taken) VALUES ($1, $2, $3, $4, 'HEALTH', $5)`,
      [randomUUID(), pupil.young_id, pupil.school_id, NOW.toISOString().slice(0, 10), action],
    );
    const read = `query ($id: ID!) { young(id: $id) { dropoutSignals { signalledOn reason actionTaken } trajectory { summary } } }`;

    const coordinator = await hub.query(read, { id: pupil.young_id });
    const signals = coordinator.data!.young.dropoutSignals as {
      reason: string | null;
      actionTaken: string | null;
    }[];
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((signal) => signal.reason === null && signal.actionTaken === null)).toBe(true);
    expect(forbiddenDetail(coordinator).length).toBe(2 * signals.length);
    expect(JSON.stringify(coordinator)).not.toContain(action);
    expect(JSON.stringify(coordinator.data)).not.toContain('HEALTH');

    const school = world.organisations.find((o) => o.code === pupil.code)!;
    const referent = await hub.tokenFor({
      sub: `referent-${school.code}`,
      role: 'en-referent',
      org: school.code,
      territories: [school.bassin],
    });
    const own = await hub.query(read, { id: pupil.young_id }, { token: referent });
    expect(own.data!.young.dropoutSignals).toContainEqual(
      expect.objectContaining({ reason: 'HEALTH', actionTaken: action }),
    );
  });
});
