import { randomUUID } from 'node:crypto';
import { stepsOf, type DemoOrganisation, type DemoWorld, type DemoYoung } from '../../demo/world';
import { ageAt, parisDay } from '../../platform/calendar';
import { startTestHub, type TestHub } from '../harness';

/**
 * Prevention inside a school, through the gateway: the référent décrochage (GPDS) records the
 * signs shown by one of the school's own pupils — whatever their age — and they show in the
 * pupil's schooling and trajectory at once; nobody else may record them.
 */
let hub: TestHub;
let world: DemoWorld;
/** A pupil under 16 currently enrolled in a school, and that school. */
let pupil: DemoYoung;
let school: DemoOrganisation;
let otherSchool: DemoOrganisation;

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
  const enrolled = world.youngs.find(
    (young) =>
      ageAt(young.birthDate, new Date()) < 16 &&
      stepsOf(young, 'enrolment').some((step) => step.endedOn === null),
  )!;
  pupil = enrolled;
  const schoolId = stepsOf(pupil, 'enrolment').find((step) => step.endedOn === null)!.schoolId;
  school = world.organisations.find((organisation) => organisation.id === schoolId)!;
  otherSchool = world.organisations.find(
    (organisation) =>
      organisation.owner === 'education-nationale' &&
      organisation.kind === school.kind &&
      organisation.id !== school.id,
  )!;
});

afterAll(async () => {
  await hub?.stop();
});

const referentOf = (organisation: DemoOrganisation) =>
  hub.tokenFor({
    role: 'en-referent',
    org: organisation.code,
    territories: [organisation.bassin],
    sub: `referent-${organisation.code}`,
  });

const RECORD = `mutation ($input: RecordDropoutSignalInput!, $key: String) { recordDropoutSignal(input: $input, idempotencyKey: $key) { id signalledOn reason actionTaken } }`;
const READ = `query ($id: ID!) { young(id: $id) { dropoutSignals { id reason actionTaken } trajectory { partner kind summary } } }`;

const signalCount = async (youngId: string): Promise<number> =>
  Number(
    (
      await hub.stack.subgraphs['education-nationale'].dataSource.query(
        'SELECT count(*) AS n FROM dropout_signal WHERE young_id = $1',
        [youngId],
      )
    )[0].n,
  );

describe('a GPDS signal', () => {
  const today = parisDay(new Date());
  const input = () => ({
    youngId: pupil.id,
    signalledOn: today,
    reason: 'ABSENTEEISM',
    actionTaken: 'Entretien avec la famille et le CPE',
  });

  it('is recorded by the référent of the pupil’s school, under 16 as they are, once per key, and shows at once', async () => {
    const token = await referentOf(school);
    const before = await signalCount(pupil.id);
    const first = await hub.query(RECORD, { input: input(), key: 'gpds-1' }, { token });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recordDropoutSignal).toMatchObject({
      signalledOn: today,
      reason: 'ABSENTEEISM',
      actionTaken: 'Entretien avec la famille et le CPE',
    });
    const retry = await hub.query(RECORD, { input: input(), key: 'gpds-1' }, { token });
    expect(retry.data).toEqual(first.data);
    expect(await signalCount(pupil.id)).toBe(before + 1);

    const read = await hub.query(READ, { id: pupil.id }, { token });
    expect(read.data!.young.dropoutSignals).toContainEqual({
      id: first.data!.recordDropoutSignal.id,
      reason: 'ABSENTEEISM',
      actionTaken: 'Entretien avec la famille et le CPE',
    });
    expect(read.data!.young.trajectory).toContainEqual({
      partner: 'EDUCATION_NATIONALE',
      kind: 'DROPOUT_SIGNAL',
      summary: expect.stringMatching(/^Signalement GPDS au /),
    });
    // Why the school signalled, and what it did, stay out of the trajectory's summary.
    expect(JSON.stringify(read.data!.young.trajectory)).not.toContain('CPE');
    expect(JSON.stringify(read.data!.young.trajectory)).not.toContain('absentéisme');
  });

  it('is refused to another school’s référent, to a PSAD coordinator, and for a hub id nobody has, writing nothing', async () => {
    const before = await signalCount(pupil.id);
    const elsewhere = await hub.query(RECORD, { input: input() }, { token: await referentOf(otherSchool) });
    expect(elsewhere.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_FOLLOWING',
      category: 'SCHOOLING',
    });
    const coordinator = await hub.query(RECORD, { input: input() });
    expect(coordinator.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_GRANTED',
    });
    const nobody = await hub.query(
      RECORD,
      { input: { ...input(), youngId: randomUUID() } },
      { token: await referentOf(school) },
    );
    expect(nobody.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_FOLLOWING' });
    expect(await signalCount(pupil.id)).toBe(before);
  });

  it('reports every invalid field at once', async () => {
    const answer = await hub.query(
      RECORD,
      { input: { ...input(), signalledOn: '2999-01-01', actionTaken: ' ' } },
      { token: await referentOf(school) },
    );
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].extensions?.fieldErrors.map((error: { field: string }) => error.field)).toEqual(
      ['input.signalledOn', 'input.actionTaken'],
    );
  });
});
