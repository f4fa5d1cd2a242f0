import { randomUUID } from 'node:crypto';
import { showcaseYoungId } from '../../demo/generate';
import { stepsOf, type DemoWorld, type DemoYoung } from '../../demo/world';
import type { Caller } from '../../platform/auth/claims';
import { readTrail } from '../../platform/audit/trail';
import { signInternalToken } from '../../platform/auth/internal-token';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../../platform/partners';
import { startTestHub, TEST_CALLER, type GraphQLAnswer, type TestHub } from '../harness';

let hub: TestHub;
let world: DemoWorld;
/** The person whose log is read: 16+, with a path across at least four partners. */
let person: DemoYoung;
/** Someone else, for the refusals. */
let other: DemoYoung;

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
  person = world.youngs.find((young) => young.id === showcaseYoungId(world))!;
  other = world.youngs.find((young) => young.id !== person.id && young.bassin === person.bassin)!;
});

afterAll(async () => {
  await hub?.stop();
});

const RECORD_FIELDS =
  'at partner requestId callerSub callerRole callerOrg purpose categoriesReturned categoriesDenied fieldsReturned fieldsDenied';
const ACCESS_LOG = `query ($id: ID!) { accessLog(youngId: $id) { youngId totalCount records { ${RECORD_FIELDS} } } }`;

interface Entry {
  at: string;
  partner: string;
  requestId: string;
  callerSub: string;
  callerRole: string;
  callerOrg: string;
  purpose: string;
  categoriesReturned: string[];
  categoriesDenied: string[];
  fieldsReturned: string[];
  fieldsDenied: string[];
}

/** The coordinator whose reading the person will find in their log. */
const COORDINATOR_SUB = 'coordinator-under-audit';
const coordinator = () => hub.tokenFor({ sub: COORDINATOR_SUB });
const self = (id = person.id) => hub.tokenFor({ role: 'young', sub: id, org: 'SELF', territories: [] });
const DPO: Partial<Caller> = {
  role: 'dpo',
  sub: 'dpd-academie',
  org: 'DPD-ACADEMIE',
  purpose: 'ACCOMPAGNEMENT',
};
const dpo = () => hub.tokenFor(DPO);

/** What a coordinator reads of a person's record: something from every partner. */
const RECORD = `query ($id: ID!) { young(id: $id) {
  firstName lastName birthDate ine
  enrolments { schoolYear classLevel }
  missionsLocalesFollowUps { programme } e2cFollowUps { programme } cfaFollowUps { programme } agricultureFollowUps { programme }
  pjjSignal { contactName }
  trajectory { partner kind summary }
} }`;

async function readLog(token: string, id = person.id): Promise<{ answer: GraphQLAnswer; records: Entry[] }> {
  const answer = await hub.query(ACCESS_LOG, { id }, { token });
  return { answer, records: (answer.data?.accessLog?.records ?? []) as Entry[] };
}

const partnersOf = (records: Entry[]) => [...new Set(records.map((record) => record.partner))].sort();
const ALL_PARTNERS = SUBGRAPH_NAMES.map((name) => SUBGRAPHS[name].partner).sort();

describe('the access log of a person', () => {
  let read: GraphQLAnswer;

  beforeAll(async () => {
    read = await hub.query(RECORD, { id: person.id }, { token: await coordinator() });
    expect(read.data!.young.firstName).toBe(person.firstName);
  });

  it('shows the coordinator’s reading in every subgraph that served it, with role, organisation, purpose and categories', async () => {
    const { answer, records } = await readLog(await self());
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.accessLog.youngId).toBe(person.id);
    const reading = records.filter((record) => record.callerSub === COORDINATOR_SUB);
    // psad and the six partners each served part of the record (the trajectory asks every partner).
    expect(partnersOf(reading)).toEqual(ALL_PARTNERS);
    expect(new Set(reading.map((record) => record.requestId)).size).toBe(1);
    for (const record of reading) {
      expect(record).toMatchObject({
        callerRole: 'psad-coordinator',
        callerOrg: TEST_CALLER.org,
        purpose: 'ACCOMPAGNEMENT',
      });
    }
    const byPartner = Object.fromEntries(reading.map((record) => [record.partner, record]));
    expect(byPartner.PSAD.categoriesReturned).toContain('IDENTITY');
    expect(byPartner.PSAD.fieldsReturned).toEqual(
      expect.arrayContaining(['Young.firstName', 'Young.lastName', 'Young.birthDate']),
    );
    expect(byPartner.EDUCATION_NATIONALE.fieldsReturned).toContain('Young.enrolments');
    expect(byPartner.EDUCATION_NATIONALE.categoriesReturned).toContain('SCHOOLING');
    expect(byPartner.MISSIONS_LOCALES.categoriesReturned).toContain('FOLLOW_UP_SUMMARY');
    // The coordinator does not follow this person: the PJJ signal was refused, and the refusal is in the log.
    expect(byPartner.PJJ.categoriesDenied).toContain('PJJ_SIGNAL');
    expect(answer.data!.accessLog.totalCount).toBe(records.length);
  });

  it('lists the newest first', async () => {
    await hub.query(
      RECORD,
      { id: person.id },
      { token: await hub.tokenFor({ sub: COORDINATOR_SUB, purpose: 'REPERAGE_SIEI' }) },
    );
    const { records } = await readLog(await self());
    const times = records.map((record) => Date.parse(record.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const readings = records.filter((record) => record.callerSub === COORDINATOR_SUB);
    // The second reading (REPERAGE_SIEI), in every subgraph, comes before the first.
    const second = readings.filter((record) => record.purpose === 'REPERAGE_SIEI');
    expect(partnersOf(second)).toEqual(ALL_PARTNERS);
    expect(readings.slice(0, second.length)).toEqual(second);
  });

  it('holds no personal data: neither the values read, nor the other people a request touched', async () => {
    const { answer } = await readLog(await self());
    const text = JSON.stringify(answer);
    for (const value of [person.firstName, person.lastName, person.birthDate, person.ine, person.commune])
      if (value) expect(text).not.toContain(value);
    for (const event of read.data!.young.trajectory as { summary: string }[])
      expect(text).not.toContain(event.summary);
    expect(text).not.toContain(other.id);
    expect(text).not.toMatch(/"(hash|previousHash|youngIds|chain|position)"/);
  });

  it('traces reading the log itself, under ACCESS_LOG only, so the person sees who consulted it', async () => {
    await readLog(await dpo());
    const { records } = await readLog(await self());
    const consultations = records.filter((record) => record.callerRole === 'dpo');
    expect(partnersOf(consultations)).toEqual(ALL_PARTNERS);
    for (const record of consultations) {
      expect(record.categoriesReturned).toEqual(['ACCESS_LOG']);
      expect(record.categoriesDenied).toEqual([]);
    }
    expect(consultations.flatMap((record) => record.fieldsReturned)).toEqual(
      expect.arrayContaining(['Query.accessLog', 'AccessLog.records', 'AccessLog.e2cAccessRecords']),
    );
  });

  it('is given to the DPO for anyone, the same as to the person', async () => {
    const token = await dpo();
    let asDpo!: Awaited<ReturnType<typeof readLog>>;
    const statements = await hub.countStatements(async () => {
      asDpo = await readLog(token);
    });
    // Every subgraph read its own trail (and traced the reading).
    for (const name of SUBGRAPH_NAMES) expect(statements[name]).toBeGreaterThan(0);
    const asSelf = await readLog(await self());
    expect(asDpo.answer.errors).toBeUndefined();
    const coordinatorReads = (records: Entry[]) =>
      records.filter((record) => record.callerSub === COORDINATOR_SUB);
    expect(coordinatorReads(asDpo.records)).toEqual(coordinatorReads(asSelf.records));
  });

  it.each([
    [
      'another coordinator',
      { sub: 'another-coordinator', org: 'PSAD-38-GRE', territories: ['38-GRE'] },
      'ROLE_NOT_GRANTED',
    ],
    ['a Mission locale adviser', { role: 'ml-advisor', sub: 'adviser' }, 'ROLE_NOT_GRANTED'],
    ['a FOQUALE network', { role: 'foquale-network', sub: 'network' }, 'ROLE_NOT_GRANTED'],
    ['a dashboard', { role: 'dashboard', sub: 'rectorat', purpose: 'PILOTAGE_AGREGE' }, 'AGGREGATES_ONLY'],
  ] as [string, Partial<Caller>, string][])(
    'is refused to %s, before any subgraph is asked',
    async (_who, claims, reason) => {
      const token = await hub.tokenFor(claims);
      let answer!: GraphQLAnswer;
      const statements = await hub.countStatements(async () => {
        answer = (await readLog(token)).answer;
      });
      expect(Object.values(statements).every((count) => count === 0)).toBe(true);
      expect(answer.data!.accessLog).toBeNull();
      expect(answer.errors).toEqual([
        expect.objectContaining({
          path: ['accessLog'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN', reason, category: 'ACCESS_LOG' }),
        }),
      ]);
    },
  );

  it('is refused to another young person (NOT_SELF, decided by psad)', async () => {
    const { answer } = await readLog(await self(other.id));
    expect(answer.data!.accessLog).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        path: ['accessLog'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_SELF' }),
      }),
    ]);
    expect(JSON.stringify(answer)).not.toContain(COORDINATOR_SUB);
    // The attempt itself is in the person's log, refused.
    const { records } = await readLog(await self());
    expect(records.filter((record) => record.callerSub === other.id)).toEqual([
      expect.objectContaining({
        partner: 'PSAD',
        callerRole: 'young',
        categoriesReturned: [],
        categoriesDenied: ['ACCESS_LOG'],
        fieldsDenied: ['Query.accessLog'],
      }),
    ]);
  });

  it('rejects an id that is not a hub id', async () => {
    const { answer } = await readLog(await dpo(), 'not-a-hub-id');
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'youngId' });
    const tooLong = await hub.query(
      `query ($id: ID!) { accessLog(youngId: $id) { records(first: 501) { at } } }`,
      { id: person.id },
      { token: await dpo() },
    );
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('each subgraph’s own trail, asked without the gateway (defence in depth)', () => {
  it('is read in a bounded window, newest first, with the count of all the person’s records', async () => {
    const db = hub.stack.subgraphs.psad.dataSource;
    const all = await readTrail(db, person.id);
    expect(all.length).toBeGreaterThan(3);
    const window = await readTrail(db, person.id, { newest: 3 });
    expect(window.total).toBe(all.length);
    expect(window.records).toEqual(all.slice(-3).reverse());
  });

  const asCaller = async (caller: Caller, subgraph: SubgraphName) => ({
    internalToken: (body: string) =>
      signInternalToken({ caller, requestId: randomUUID() }, subgraph, hub.keys.internal.privateKey, body),
  });
  const dpoCaller: Caller = { ...TEST_CALLER, ...DPO } as Caller;

  it.each(['e2c', 'pjj'] as SubgraphName[])(
    '%s gives its records to the DPO and refuses them to a coordinator',
    async (name) => {
      const field = `${SUBGRAPHS[name].fieldPrefix}AccessRecords`;
      const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on AccessLog { ${field} { partner callerSub } } } }`;
      const representations = [{ __typename: 'AccessLog', youngId: person.id }];
      const refused = await hub.querySubgraph(
        name,
        query,
        { r: representations },
        await asCaller(TEST_CALLER, name),
      );
      expect(refused.data!._entities[0][field]).toBeNull();
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE_NOT_GRANTED',
        category: 'ACCESS_LOG',
      });
      const allowed = await hub.querySubgraph(
        name,
        query,
        { r: representations },
        await asCaller(dpoCaller, name),
      );
      expect(allowed.errors).toBeUndefined();
      expect(
        allowed.data!._entities[0][field].some(
          (record: Entry) =>
            record.callerSub === COORDINATOR_SUB && record.partner === SUBGRAPHS[name].partner,
        ),
      ).toBe(true);
    },
  );

  it('psad refuses its merged log to someone who is not the person', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on AccessLog { records { callerSub } totalCount } } }`;
    const answer = await hub.querySubgraph(
      'psad',
      query,
      { r: [{ __typename: 'AccessLog', youngId: person.id }] },
      await asCaller({ ...TEST_CALLER, role: 'young', sub: other.id }, 'psad'),
    );
    expect(answer.data?._entities?.[0] ?? null).toBeNull();
    expect(answer.errors?.map((error) => error.extensions?.reason)).toContain('NOT_SELF');
  });
});

describe('the export (RGPD art. 15)', () => {
  const EXPORT = `query ($id: ID!) { exportYoung(youngId: $id) {
    youngId generatedAt
    young { id firstName lastName birthDate ine
      enrolments { schoolYear } psadCases { status }
      missionsLocalesFollowUps { programme } e2cFollowUps { programme } cfaFollowUps { programme } agricultureFollowUps { programme }
      trajectory { partner at kind summary } }
    accessLog { totalCount records { ${RECORD_FIELDS} } }
  } }`;

  it('gives the person their record — trajectory and every partner’s follow-ups — and their access log', async () => {
    const before = Date.now();
    const answer = await hub.query(EXPORT, { id: person.id }, { token: await self() });
    expect(answer.errors).toBeUndefined();
    const copy = answer.data!.exportYoung;
    expect(copy.youngId).toBe(person.id);
    expect(Date.parse(copy.generatedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(copy.young).toMatchObject({
      id: person.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
    });
    const followUps = stepsOf(person, 'follow-up');
    expect(copy.young.missionsLocalesFollowUps).toHaveLength(
      followUps.filter((f) => f.owner === 'missions-locales').length,
    );
    expect(copy.young.e2cFollowUps).toHaveLength(followUps.filter((f) => f.owner === 'e2c').length);
    expect(copy.young.cfaFollowUps).toHaveLength(followUps.filter((f) => f.owner === 'cfa').length);
    expect(copy.young.agricultureFollowUps).toHaveLength(
      followUps.filter((f) => f.owner === 'agriculture').length,
    );
    expect(followUps.length).toBeGreaterThan(0);
    expect(copy.young.enrolments).toHaveLength(stepsOf(person, 'enrolment').length);
    expect(
      new Set(copy.young.trajectory.map((event: { partner: string }) => event.partner)).size,
    ).toBeGreaterThanOrEqual(4);
    const log = copy.accessLog.records as Entry[];
    expect(partnersOf(log.filter((record) => record.callerSub === COORDINATOR_SUB))).toEqual(ALL_PARTNERS);
    expect(copy.accessLog.totalCount).toBeGreaterThanOrEqual(log.length);
  });

  it('is refused for someone else, whoever asks but the DPO', async () => {
    const asOther = await hub.query(EXPORT, { id: other.id }, { token: await self() });
    expect(asOther.data!.exportYoung).toBeNull();
    expect(asOther.errors).toEqual([
      expect.objectContaining({
        path: ['exportYoung'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_SELF' }),
      }),
    ]);
    expect(JSON.stringify(asOther)).not.toContain(other.firstName);
    const asCoordinator = await hub.query(EXPORT, { id: person.id }, { token: await coordinator() });
    expect(asCoordinator.data!.exportYoung).toBeNull();
    expect(asCoordinator.errors?.map((error) => error.extensions?.reason)).toEqual(['ROLE_NOT_GRANTED']);
  });

  it('gives the DPO, acting for the person, the log and no case content', async () => {
    const answer = await hub.query(
      `query ($id: ID!) { exportYoung(youngId: $id) { youngId generatedAt young { id firstName } accessLog { records { partner callerSub } } } }`,
      { id: person.id },
      { token: await dpo() },
    );
    const copy = answer.data!.exportYoung;
    expect(copy.youngId).toBe(person.id);
    expect(copy.young).toBeNull();
    expect(copy.accessLog.records.some((record: Entry) => record.callerSub === COORDINATOR_SUB)).toBe(true);
    expect(answer.errors?.map((error) => [error.extensions?.field, error.extensions?.reason])).toEqual(
      expect.arrayContaining([
        ['Young.firstName', 'ROLE_NOT_GRANTED'],
        ['YoungExport.young', 'ROLE_NOT_GRANTED'],
      ]),
    );
    expect(JSON.stringify(answer)).not.toContain(person.firstName);
  });
});

describe('when a partner is down', () => {
  it('still gives the other partners’ records and names the missing partner', async () => {
    await hub.stack.stopSubgraph('cfa');
    const { answer, records } = await readLog(await self());
    expect(records.length).toBeGreaterThan(0);
    expect(partnersOf(records)).not.toContain('CFA');
    expect(partnersOf(records)).toContain('E2C');
    expect(
      answer.errors?.some(
        (error) => error.extensions?.code === 'PARTNER_UNAVAILABLE' && error.extensions?.partner === 'CFA',
      ),
    ).toBe(true);
  });
});
