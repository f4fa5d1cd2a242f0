import type { DemoYoung } from '../../demo/world';
import type { Caller } from '../../platform/auth/claims';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * Class 1 of issue 11 (docs/threat-model.md): everything that carries personal data is decided and
 * traced, including what is not a field. A curious staff member pages through `youngs`: its
 * cursors, counts, ids and filters must say nothing about people they may not read, and every
 * person listed is a traced read.
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
const OTHER_BASSIN = '74-ANN';
const coordinator = (sub: string, bassin = BASSIN): Partial<Caller> => ({
  sub,
  role: 'psad-coordinator',
  org: `PSAD-${bassin}`,
  territories: [bassin],
  purpose: 'REPERAGE_SIEI',
});
const NETWORK: Partial<Caller> = {
  sub: 'adv-foquale',
  role: 'foquale-network',
  org: '0380001A',
  territories: [BASSIN],
  purpose: 'REPERAGE_SIEI',
};
const DPO: Partial<Caller> = { sub: 'adv-dpo', role: 'dpo', org: 'DPD-ACADEMIE', territories: [] };

const PAGE = `query ($filter: YoungFilter, $first: Int, $after: String) {
  youngs(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function page(
  claims: Partial<Caller>,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer<{ youngs: Page }>> {
  return hub.query(PAGE, variables, { token: await hub.tokenFor(claims) });
}

/** Whole years today (UTC); the people picked below are chosen with a year's margin either side. */
function ageToday(birthDate: string): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const now = new Date();
  const before = now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  return now.getUTCFullYear() - year - (before ? 1 : 0);
}
const adult = (young: DemoYoung) => ageToday(young.birthDate) >= 19;

describe('caseload cursors', () => {
  it('carry no name and no hub id, and all have the same length', async () => {
    const answer = await page(coordinator('adv-cursors'), { first: 50 });
    expect(answer.errors).toBeUndefined();
    const { edges } = answer.data!.youngs;
    expect(edges.length).toBe(50);
    const listed = edges.map((edge) => youngs.find((young) => young.id === edge.node.id)!);
    for (const edge of edges) {
      const bytes = Buffer.from(edge.cursor, 'base64url');
      // The decoded bytes, as text: the old cursors were the JSON of the names and the id.
      const readings = [bytes.toString('utf8'), bytes.toString('latin1')];
      for (const young of listed)
        for (const secret of [young.id, young.lastName, young.firstName])
          for (const reading of readings) expect(reading).not.toContain(secret);
    }
    expect(new Set(edges.map((edge) => edge.cursor.length)).size).toBe(1);
  });

  it('opens for no other caller, and a tampered one gets the answer a forged one gets', async () => {
    const first = await page(coordinator('adv-owner'), { first: 5 });
    const cursor = first.data!.youngs.pageInfo.endCursor!;
    expect((await page(coordinator('adv-owner'), { first: 5, after: cursor })).errors).toBeUndefined();

    const forged = await page(coordinator('adv-owner'), { first: 5, after: 'bm90IGEgY3Vyc29y' });
    expect(forged.data).toBeNull();
    expect(forged.errors).toHaveLength(1);
    expect(forged.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
      reason: 'INVALID_CURSOR',
    });
    const bytes = Buffer.from(cursor, 'base64url');
    bytes[bytes.length - 20] ^= 1;
    const attempts = [
      // Another coordinator of the same bassin, with the same question.
      await page(coordinator('adv-thief'), { first: 5, after: cursor }),
      // The same caller, the cursor reused for another question.
      await page(coordinator('adv-owner'), { first: 5, after: cursor, filter: { territory: BASSIN } }),
      // A coordinator of another bassin, who would learn where the list stood.
      await page(coordinator('adv-thief', OTHER_BASSIN), { first: 5, after: cursor }),
      await page(coordinator('adv-owner'), { first: 5, after: bytes.toString('base64url') }),
    ];
    for (const attempt of attempts) expect(attempt).toEqual(forged);
  });
});

describe('listing people', () => {
  const TRAIL = `query ($id: ID!) { accessLog(youngId: $id) {
    records { partner callerSub categoriesReturned fieldsReturned } } }`;

  it('is a traced read: one record per person listed, naming the list and its category', async () => {
    const sub = 'adv-lister';
    const answer = await page(coordinator(sub), { first: 3, filter: { caseStatus: 'TO_CONTACT' } });
    const ids = answer.data!.youngs.edges.map((edge) => edge.node.id);
    expect(ids).toHaveLength(3);
    const dpo = await hub.tokenFor(DPO);
    for (const id of ids) {
      const log = await hub.query(TRAIL, { id }, { token: dpo });
      const records = (
        log.data!.accessLog.records as { callerSub: string; fieldsReturned: string[] }[]
      ).filter((record) => record.callerSub === sub);
      expect(records).toEqual([
        {
          partner: 'PSAD',
          callerSub: sub,
          categoriesReturned: expect.arrayContaining(['IDENTITY', 'FOLLOW_UP_SUMMARY']),
          fieldsReturned: ['Query.youngs'],
        },
      ]);
    }
  });

  describe('a person who opposed the PSAD’s sharing', () => {
    // An adult of the FOQUALE network's bassin (no legal duty to share applies past 18), with a name
    // nobody else of the bassin begins with.
    const person = () =>
      youngs.find(
        (young) =>
          young.bassin === BASSIN &&
          adult(young) &&
          youngs.filter((other) => other.bassin === BASSIN && other.lastName === young.lastName).length === 1,
      )!;
    const oppose = async (mutation: 'recordOpposition' | 'withdrawOpposition') => {
      const answer = await hub.query(
        `mutation ($id: ID!) { ${mutation}(youngId: $id, partner: PSAD) { inForce } }`,
        { id: person().id },
        { token: await hub.tokenFor(DPO) },
      );
      expect(answer.errors).toBeUndefined();
    };
    const byName = (claims: Partial<Caller>, name: string) => page(claims, { first: 100, filter: { name } });
    const ids = (answer: GraphQLAnswer<{ youngs: Page }>) => answer.data!.youngs.edges.map((e) => e.node.id);

    afterAll(async () => {
      await oppose('withdrawOpposition');
    });

    it('leaves every list of the other partners, filtered or not, and every count', async () => {
      const before = await byName(NETWORK, person().lastName);
      expect(ids(before)).toEqual([person().id]);
      const all = (await page(NETWORK, { first: 1 })).data!.youngs.totalCount;

      await oppose('recordOpposition');
      const nobody = await byName(NETWORK, 'Zzyzx');
      expect(nobody.data!.youngs.totalCount).toBe(0);
      // The name filter answers as for a name nobody has: no oracle for the opposition.
      expect(await byName(NETWORK, person().lastName)).toEqual(nobody);
      expect(ids(await byName(NETWORK, person().lastName.slice(0, 2)))).not.toContain(person().id);
      expect((await page(NETWORK, { first: 1 })).data!.youngs.totalCount).toBe(all - 1);
    });

    it('stays in the PSAD’s own caseload: the opposition hides the PSAD’s data from the others only', async () => {
      expect(ids(await byName(coordinator('adv-psad'), person().lastName))).toEqual([person().id]);
    });
  });

  it('a filter tells a coordinator nothing about a person of another bassin', async () => {
    const elsewhere = youngs.find(
      (young) =>
        young.bassin === OTHER_BASSIN &&
        adult(young) &&
        !youngs.some((other) => other.bassin === BASSIN && other.lastName === young.lastName),
    )!;
    const claims = coordinator('adv-prober');
    const nobody = await page(claims, { first: 10, filter: { name: 'Zzyzx' } });
    expect(nobody.data!.youngs.totalCount).toBe(0);
    expect(await page(claims, { first: 10, filter: { name: elsewhere.lastName } })).toEqual(nobody);
    const psadCase = elsewhere.path.find((step) => step.type === 'psad-case');
    if (psadCase && psadCase.type === 'psad-case')
      expect(
        await page(claims, { first: 10, filter: { name: elsewhere.lastName, caseStatus: psadCase.status } }),
      ).toEqual(nobody);
  });
});
