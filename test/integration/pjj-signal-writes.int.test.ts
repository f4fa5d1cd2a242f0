import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { readTrail } from '../../platform/audit/trail';
import { roleOf } from '../../platform/database/embedded-cluster';
import type { DemoOrganisation, DemoWorld, DemoYoung } from '../../demo/world';
import { ageAt } from '../../platform/calendar';
import { startTestHub, type TestHub } from '../harness';

let hub: TestHub;
let world: DemoWorld;
/** A unit of the PJJ, and one of the PJJ's young people who has no signal yet. */
let unit: DemoOrganisation;
let otherUnit: DemoOrganisation;
let person: DemoYoung;

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
  const units = world.organisations.filter((organisation) => organisation.owner === 'pjj');
  [unit, otherUnit] = units;
  const withSignal = new Set(
    world.youngs
      .filter((young) => young.path.some((step) => step.type === 'pjj-signal'))
      .map((young) => young.id),
  );
  person = world.youngs.find(
    (young) =>
      !withSignal.has(young.id) && ageAt(young.birthDate, new Date()) >= 16 && young.bassin === unit.bassin,
  )!;
});

afterAll(async () => {
  await hub?.stop();
});

const educator = (organisation = unit) =>
  hub.tokenFor({
    role: 'pjj-educator',
    sub: `educator-${organisation.code}`,
    org: organisation.code,
    territories: [organisation.bassin],
  });

const PUBLISH = `mutation ($input: PublishPjjSignalInput!, $key: String) { pjjPublishSignal(input: $input, idempotencyKey: $key) { active contactName contactPhone publishedOn unit { code } } }`;
const WITHDRAW = `mutation ($input: WithdrawPjjSignalInput!) { pjjWithdrawSignal(input: $input) { youngId withdrawnOn } }`;
const SIGNAL = `query ($id: ID!) { young(id: $id) { pjjSignal { contactName } trajectory { partner kind summary } } }`;

const signalRows = async (youngId: string) =>
  Number(
    (
      await hub.stack.subgraphs.pjj.dataSource.query(
        'SELECT count(*) AS n FROM pjj_signal WHERE young_id = $1',
        [youngId],
      )
    )[0].n,
  );

describe('the PJJ publishes and withdraws its signal through the gateway', () => {
  it('publishes a signal, shown at once to the unit and in the trajectory, once per key', async () => {
    const token = await educator();
    const input = {
      youngId: person.id,
      contactName: 'Mme Durand, éducatrice',
      contactPhone: '04 76 00 00 00',
    };
    const first = await hub.query(PUBLISH, { input, key: 'publish-1' }, { token });
    expect(first.errors).toBeUndefined();
    expect(first.data!.pjjPublishSignal).toMatchObject({
      active: true,
      contactName: input.contactName,
      unit: { code: unit.code },
    });
    const retry = await hub.query(PUBLISH, { input, key: 'publish-1' }, { token });
    expect(retry.data).toEqual(first.data);
    expect(await signalRows(person.id)).toBe(1);

    const read = await hub.query(SIGNAL, { id: person.id }, { token });
    expect(read.data!.young.pjjSignal).toEqual({ contactName: input.contactName });
    expect(read.data!.young.trajectory).toContainEqual({
      partner: 'PJJ',
      kind: 'PJJ_SIGNAL',
      summary: expect.stringContaining(input.contactName),
    });
  });

  it('refuses a second signal of the same unit, and a key reused for another request', async () => {
    const token = await educator();
    const again = await hub.query(
      PUBLISH,
      { input: { youngId: person.id, contactName: 'M. Martin', contactPhone: '0476000001' } },
      { token },
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.youngId' });
    const reused = await hub.query(
      PUBLISH,
      {
        input: { youngId: person.id, contactName: 'M. Martin', contactPhone: '0476000001' },
        key: 'publish-1',
      },
      { token },
    );
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await signalRows(person.id)).toBe(1);
  });

  it('reports every invalid field at once and writes nothing', async () => {
    const other = world.youngs.find(
      (young) => young.id !== person.id && ageAt(young.birthDate, new Date()) >= 16,
    )!;
    const before = await signalRows(other.id);
    const answer = await hub.query(
      PUBLISH,
      { input: { youngId: other.id, contactName: ' ', contactPhone: 'call me', publishedOn: '2999-01-01' } },
      { token: await educator() },
    );
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0].extensions?.fieldErrors.map((error: { field: string }) => error.field)).toEqual(
      ['input.contactName', 'input.contactPhone', 'input.publishedOn'],
    );
    expect(await signalRows(other.id)).toBe(before);
  });

  it('refuses whom the policy does not allow, and a hub id nobody has, naming why', async () => {
    const adviser = await hub.tokenFor({
      role: 'ml-advisor',
      org: '12345678901234',
      territories: [person.bassin],
    });
    const refused = await hub.query(
      PUBLISH,
      { input: { youngId: person.id, contactName: 'X', contactPhone: '0476000002' } },
      { token: adviser },
    );
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
    // A hub id nobody has gets what someone out of the unit's bassins gets: a write tells no more than a read
    // of who exists.
    const unknown = await hub.query(
      PUBLISH,
      { input: { youngId: randomUUID(), contactName: 'X', contactPhone: '0476000002' } },
      { token: await educator() },
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUT_OF_TERRITORY' });
    const elsewhere = world.youngs.find(
      (young) => young.bassin !== unit.bassin && ageAt(young.birthDate, new Date()) >= 16,
    )!;
    const signalsBefore = await signalRows(elsewhere.id);
    const outOfReach = await hub.query(
      PUBLISH,
      { input: { youngId: elsewhere.id, contactName: 'X', contactPhone: '0476000002' } },
      { token: await educator() },
    );
    expect(outOfReach.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OUT_OF_TERRITORY',
    });
    expect(await signalRows(elsewhere.id)).toBe(signalsBefore);
    // Whoever may never publish learns nothing of who exists: the same refusal for a hub id nobody has.
    const probe = await hub.query(
      PUBLISH,
      { input: { youngId: randomUUID(), contactName: 'X', contactPhone: '0476000002' } },
      { token: adviser },
    );
    expect(probe.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_GRANTED' });
    // The refused attempt is in the PJJ's own access trail, under the write's category.
    const [trace] = await hub.stack.subgraphs.pjj.dataSource.query(
      `SELECT categories_denied, fields_denied FROM access_trail WHERE caller_role = 'ml-advisor' AND $1 = ANY(young_ids)`,
      [person.id],
    );
    expect(trace).toEqual({
      categories_denied: ['PJJ_SIGNAL'],
      fields_denied: ['Mutation.pjjPublishSignal'],
    });
  });

  it('lets only the publishing unit withdraw it, after which nobody sees it', async () => {
    const notOurs = await hub.query(
      WITHDRAW,
      { input: { youngId: person.id } },
      { token: await educator(otherUnit) },
    );
    expect(notOurs.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const token = await educator();
    const withdrawn = await hub.query(WITHDRAW, { input: { youngId: person.id } }, { token });
    expect(withdrawn.errors).toBeUndefined();
    expect(withdrawn.data!.pjjWithdrawSignal.youngId).toBe(person.id);
    const twice = await hub.query(WITHDRAW, { input: { youngId: person.id } }, { token });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const [row] = await hub.stack.subgraphs.pjj.dataSource.query(
      "SELECT to_char(withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on FROM pjj_signal WHERE young_id = $1",
      [person.id],
    );
    expect(row.withdrawn_on).toBe(withdrawn.data!.pjjWithdrawSignal.withdrawnOn);
    // The unit no longer follows the person: the signal, and the person, are out of its sight.
    const after = await hub.query(SIGNAL, { id: person.id }, { token });
    expect(after.data?.young?.pjjSignal ?? null).toBeNull();
  });
});

describe('what withdrawing tells of who exists', () => {
  it('answers a hub id nobody has, a person of 16 or more and one under 16 alike when the unit publishes nothing for them', async () => {
    const adult = world.youngs.find(
      (young) =>
        ageAt(young.birthDate, new Date()) >= 16 && !young.path.some((step) => step.type === 'pjj-signal'),
    )!;
    const child = world.youngs.find((young) => ageAt(young.birthDate, new Date()) < 16)!;
    const token = await educator();
    const answers = await Promise.all(
      [randomUUID(), adult.id, child.id].map((youngId) =>
        hub.query(WITHDRAW, { input: { youngId } }, { token }),
      ),
    );
    expect(answers.map((answer) => answer.errors?.[0].extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.youngId' }),
      answers[0].errors?.[0].extensions,
      answers[0].errors?.[0].extensions,
    ]);
    expect(new Set(answers.map((answer) => answer.errors?.[0].message)).size).toBe(1);
  });
});

describe('no write without its trace', () => {
  it('commits the allowed attempt to the access trail before writing, and writes nothing when the trail cannot take it', async () => {
    const other = world.youngs.find(
      (young) =>
        young.bassin === unit.bassin &&
        young.id !== person.id &&
        ageAt(young.birthDate, new Date()) >= 16 &&
        !young.path.some((step) => step.type === 'pjj-signal'),
    )!;
    const input = { youngId: other.id, contactName: 'M. Faure', contactPhone: '0476000003' };
    const superuser = new Client({ connectionString: hub.stack.cluster!.superuserUrlFor('pjj') });
    await superuser.connect();
    try {
      await superuser.query(`REVOKE INSERT ON access_trail FROM ${roleOf('pjj')}`);
      const refused = await hub.query(PUBLISH, { input }, { token: await educator() });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
      expect(await signalRows(other.id)).toBe(0);
    } finally {
      await superuser.query(`GRANT INSERT ON access_trail TO ${roleOf('pjj')}`);
      await superuser.end();
    }
    const published = await hub.query(PUBLISH, { input }, { token: await educator() });
    expect(published.errors).toBeUndefined();
    expect(await readTrail(hub.stack.subgraphs.pjj.dataSource, other.id)).toContainEqual(
      expect.objectContaining({
        callerSub: `educator-${unit.code}`,
        fieldsReturned: ['Mutation.pjjPublishSignal'],
        categoriesReturned: ['PJJ_SIGNAL'],
      }),
    );
  });
});
