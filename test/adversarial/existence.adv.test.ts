import { randomUUID } from 'node:crypto';
import type { DemoYoung } from '../../demo/world';
import type { Caller, Role } from '../../platform/auth/claims';
import type { SubgraphName } from '../../platform/partners';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * Class 2 of issue 11 (docs/threat-model.md): no existence oracles. For a person the caller may
 * read nothing about, every read, write and error is the one a hub id nobody has gets — the same
 * JSON, the same statements, the same time — whatever the role.
 */
let hub: TestHub;
let youngs: DemoYoung[];

beforeAll(async () => {
  hub = await startTestHub();
  youngs = hub.stack.world!.youngs;
});

afterAll(async () => {
  await hub?.stop();
});

const BASSIN = '38-GRE';
/** Whole years today (UTC); the people picked below are chosen with a year's margin either side. */
function ageToday(birthDate: string): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const now = new Date();
  const before = now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  return now.getUTCFullYear() - year - (before ? 1 : 0);
}
const age = (young: DemoYoung) => ageToday(young.birthDate);

/** One caller per role of DESIGN.md §4, of bassin 38-GRE, with an organisation its habilitation covers. */
const CALLERS: Record<Role, Partial<Caller>> = {
  'psad-coordinator': { role: 'psad-coordinator', org: `PSAD-${BASSIN}` },
  'foquale-network': { role: 'foquale-network', org: '0380001A' },
  'en-referent': { role: 'en-referent', org: '0380002B' },
  'ml-advisor': { role: 'ml-advisor', org: '38000000000001' },
  'e2c-staff': { role: 'e2c-staff', org: '38000000000002' },
  'cfa-staff': { role: 'cfa-staff', org: '0380003C' },
  'agri-staff': { role: 'agri-staff', org: '0380004D' },
  'pjj-educator': { role: 'pjj-educator', org: '38000000000003' },
  dashboard: { role: 'dashboard', org: 'RECTORAT', purpose: 'PILOTAGE_AGREGE' },
  young: { role: 'young', org: 'SELF', territories: [] },
  dpo: { role: 'dpo', org: 'DPD-ACADEMIE', territories: [] },
};
const ROLES = Object.keys(CALLERS) as Role[];

/** Nobody of the demo follows as these organisations, so the people below are out of every such caller's reach. */
const claimsOf = (role: Role): Partial<Caller> => ({
  sub: role === 'young' ? selfId() : `adv-${role}`,
  territories: [BASSIN],
  purpose: 'ACCOMPAGNEMENT',
  ...CALLERS[role],
});

/** A young person using their own access: someone of the demo other than the people probed. */
const selfId = () => youngs.find((young) => young.bassin === BASSIN && age(young) >= 18)!.id;
/** A person of another bassin, of age, whom a PSAD case does follow: a real hub id out of reach. */
const elsewhere = () =>
  youngs.find(
    (young) =>
      young.bassin !== BASSIN && age(young) >= 19 && young.path.some((step) => step.type === 'psad-case'),
  )!;
/** A person of the caller's own bassin under 16: out of reach of everyone the age rule applies to. */
const under16 = () => youngs.find((young) => young.bassin === BASSIN && age(young) < 15)!;

/** What `young(id)` reaches into: psad's identity and every partner's trajectory, through references. */
const YOUNG = `query ($id: ID!) { young(id: $id) { id firstName lastName birthDate bassin { code } trajectory { kind } } }`;

/** The answer without what differs between any two requests (none today: kept for the trail's request ids). */
const body = (answer: GraphQLAnswer) =>
  JSON.stringify({ status: answer.status, data: answer.data, errors: answer.errors });

describe('young(id)', () => {
  it.each(ROLES)(
    'answers %s for a real person out of reach exactly as for a hub id nobody has',
    async (role) => {
      const token = await hub.tokenFor(claimsOf(role));
      const unknown = await hub.query(YOUNG, { id: randomUUID() }, { token });
      for (const person of [elsewhere(), under16()]) {
        const real = await hub.query(YOUNG, { id: person.id }, { token });
        expect(body(real)).toBe(body(unknown));
      }
    },
  );

  it('still answers the people in reach (the fix hides no one it should show)', async () => {
    const inBassin = youngs.find((young) => young.bassin === BASSIN && age(young) >= 17)!;
    const answer = await hub.query(
      YOUNG,
      { id: inBassin.id },
      { token: await hub.tokenFor(claimsOf('psad-coordinator')) },
    );
    expect(answer.data!.young).toMatchObject({ id: inBassin.id, firstName: inBassin.firstName });
  });

  /** Statements each subgraph sends for `young(id)`, on the fewest of three runs (a batch may split in two). */
  async function statements(token: string, id: string): Promise<Record<SubgraphName, number>> {
    const runs: Record<SubgraphName, number>[] = [];
    for (let run = 0; run < 3; run++)
      runs.push(await hub.countStatements(() => hub.query(YOUNG, { id }, { token })));
    return Object.fromEntries(
      Object.keys(runs[0]).map((name) => [
        name,
        Math.min(...runs.map((counts) => counts[name as SubgraphName])),
      ]),
    ) as Record<SubgraphName, number>;
  }

  // psad, which decides, sends the same statements; the reporting partner may send one more when it
  // holds an open follow-up of the person (its organisations' lookup), a residue the timing test bounds.
  it.each(['ml-advisor', 'psad-coordinator', 'en-referent'] as Role[])(
    'takes the same path for %s: the same subgraphs asked, the same SQL statements in psad, for a real person out of reach and for a hub id nobody has',
    async (role) => {
      const token = await hub.tokenFor(claimsOf(role));
      const unknown = await statements(token, randomUUID());
      const asked = (counts: Record<SubgraphName, number>) =>
        Object.keys(counts).filter((name) => counts[name as SubgraphName] > 0);
      for (const person of [elsewhere(), under16()]) {
        const real = await statements(token, person.id);
        expect(real.psad).toBe(unknown.psad);
        expect(asked(real)).toEqual(asked(unknown));
      }
    },
  );

  it('takes the same time for a real person out of reach and for a hub id nobody has (medians of 30)', async () => {
    const token = await hub.tokenFor(claimsOf('ml-advisor'));
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const real: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so that whatever else the machine does weighs on both alike.
    for (let run = 0; run < 30; run++) {
      for (const [id, times] of [
        [elsewhere().id, real],
        [randomUUID(), unknown],
      ] as const) {
        const start = process.hrtime.bigint();
        await hub.query(YOUNG, { id }, { token });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    const ratio = median(real) / median(unknown);
    expect(ratio).toBeLessThan(1.5);
    expect(ratio).toBeGreaterThan(1 / 1.5);
  });
});

describe('the opposition mutations', () => {
  const DPO = claimsOf('dpo');
  const mutate = async (mutation: 'recordOpposition' | 'withdrawOpposition', id: string) =>
    hub.query(
      `mutation ($id: ID!) { ${mutation}(youngId: $id, partner: CFA) { partner inForce withdrawnAt } }`,
      { id },
      { token: await hub.tokenFor(DPO) },
    );

  it('answer the DPO alike for a real person and for a hub id nobody has, withdrawal first', async () => {
    const person = elsewhere();
    const nobody = randomUUID();
    expect(body(await mutate('withdrawOpposition', person.id))).toBe(
      body(await mutate('withdrawOpposition', nobody)),
    );
    const recorded = await mutate('recordOpposition', person.id);
    expect(recorded.errors).toBeUndefined();
    expect(body(await mutate('recordOpposition', nobody))).toBe(body(recorded));
    expect(body(await mutate('recordOpposition', person.id))).toBe(
      body(await mutate('recordOpposition', nobody)),
    );
    const withdrawn = await mutate('withdrawOpposition', person.id);
    expect(withdrawn.errors).toBeUndefined();
    const withdrawnNobody = await mutate('withdrawOpposition', nobody);
    expect({ ...withdrawnNobody.data!.withdrawOpposition, withdrawnAt: null }).toEqual({
      ...withdrawn.data!.withdrawOpposition,
      withdrawnAt: null,
    });
  });

  it('answer anyone else alike too: refused before anyone is looked up', async () => {
    for (const role of ['psad-coordinator', 'young'] as Role[]) {
      const token = await hub.tokenFor(claimsOf(role));
      const ask = (id: string) =>
        hub.query(
          `mutation ($id: ID!) { withdrawOpposition(youngId: $id, partner: CFA) { inForce } }`,
          { id },
          { token },
        );
      expect(body(await ask(elsewhere().id))).toBe(body(await ask(randomUUID())));
    }
  });
});
