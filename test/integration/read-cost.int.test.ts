import { stepsOf } from '../../demo/world';
import { ageOn, parisDay } from '../../platform/calendar';
import { SUBGRAPH_NAMES } from '../../platform/partners';
import { startTestHub, type TestHub } from '../harness';

/**
 * What one read costs in signatures, the dearest step of a read (docs/performance.md): a partner's
 * report of who follows a person is signed only when it names the caller's organisation (no other
 * report can open anything to that caller), and only such reports are checked. A coordinator's view of
 * a trajectory then costs psad's one attestation, checked once by each partner that contributes.
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

/** `hub_access_facts_total` of every subgraph, by operation. */
async function factCounts(): Promise<Record<'signed' | 'verified', number>> {
  const counts = { signed: 0, verified: 0 };
  for (const name of SUBGRAPH_NAMES) {
    const text = await (await fetch(new URL('/metrics', hub.stack.subgraphs[name].url))).text();
    for (const match of text.matchAll(
      /^hub_access_facts_total\{[^}]*operation="(signed|verified)"[^}]*\} (\d+)/gm,
    ))
      counts[match[1] as 'signed' | 'verified'] += Number(match[2]);
  }
  return counts;
}

async function factsOf(read: () => Promise<void>): Promise<Record<'signed' | 'verified', number>> {
  const before = await factCounts();
  await read();
  const after = await factCounts();
  return { signed: after.signed - before.signed, verified: after.verified - before.verified };
}

const TRAJECTORY = `query ($id: ID!) { young(id: $id) { firstName trajectory { partner kind } } }`;
const CONTRIBUTORS = SUBGRAPH_NAMES.length - 1;

describe('signatures per read', () => {
  it('a coordinator’s trajectory: psad’s attestation, signed once and checked once per partner', async () => {
    const world = hub.stack.world!;
    const person = world.youngs.find((young) => ageOn(young.birthDate, parisDay(new Date())) >= 17)!;
    const facts = await factsOf(async () => {
      const answer = await hub.query(TRAJECTORY, { id: person.id });
      expect(answer.data?.young?.firstName).toBe(person.firstName);
    });
    expect(facts).toEqual({ signed: 1, verified: CONTRIBUTORS });
  });

  it('a Mission locale adviser who follows the person: their Mission locale’s report is signed and checked too', async () => {
    const world = hub.stack.world!;
    const today = parisDay(new Date());
    const followed = world.youngs
      .flatMap((young) =>
        stepsOf(young, 'follow-up')
          .filter((step) => step.owner === 'missions-locales' && step.closedOn === null)
          .map((step) => ({
            young,
            organisation: world.organisations.find((o) => o.id === step.organisationId)!,
          })),
      )
      .find(({ young }) => ageOn(young.birthDate, today) >= 17)!;
    const token = await hub.tokenFor({
      role: 'ml-advisor',
      sub: 'ml-adviser-read-cost',
      org: followed.organisation.code,
      territories: [followed.young.bassin],
    });
    const facts = await factsOf(async () => {
      const answer = await hub.query(TRAJECTORY, { id: followed.young.id }, { token });
      expect(answer.data?.young?.firstName).toBe(followed.young.firstName);
    });
    // psad's attestation, and the Mission locale's report twice: once for the gateway's read attestation of
    // `young(id)` (gateway/read-attestation.ts), once in the query plan; each checked where a decision needs
    // it, at most once per subgraph and fact.
    expect(facts.signed).toBe(3);
    expect(facts.verified).toBeLessThanOrEqual(2 * SUBGRAPH_NAMES.length);
  });
});
