import { randomUUID } from 'node:crypto';
import type { DemoYoung, FollowUpStep, PjjSignalStep, PsadCaseStep } from '../../demo/world';
import type { Caller } from '../../platform/auth/claims';
import { signInternalToken } from '../../platform/auth/internal-token';
import { ageAt, parisDay } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * Class 4 of issue 11 (docs/threat-model.md): refusals speak of the caller, never of the person.
 * A curious follower must not learn from an answer that the person opposed a partner's sharing —
 * on the PJJ signal, that a judicial follow-up exists — nor that they are under 16.
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

const today = () => parisDay(new Date());
const age = (young: DemoYoung) => ageAt(young.birthDate, new Date());
const signalInForce = (young: DemoYoung) =>
  young.path.some(
    (step) =>
      step.type === 'pjj-signal' &&
      (step as PjjSignalStep).publishedOn <= today() &&
      ((step as PjjSignalStep).withdrawnOn ?? '9999') > today(),
  );
const hasSignal = (young: DemoYoung) => young.path.some((step) => step.type === 'pjj-signal');

/** The PSADs and Missions locales that follow the person: an open PSAD case, an open follow-up. */
function followersOf(young: DemoYoung): string[] {
  const organisations = hub.stack.world!.organisations;
  return young.path.flatMap((step) => {
    if (step.type === 'psad-case') return step.closedOn === null ? [(step as PsadCaseStep).followerOrg] : [];
    if (step.type !== 'follow-up' || step.closedOn !== null) return [];
    const organisation = organisations.find((o) => o.id === (step as FollowUpStep).organisationId);
    return organisation?.kind === 'MISSION_LOCALE' ? [organisation.code] : [];
  });
}

/** A caller of the organisation: the PSAD's coordinator, or a Mission locale's adviser. */
const callerOf = (org: string, bassin: string): Caller => ({
  sub: 'adv-follower',
  role: org.startsWith('PSAD-') ? 'psad-coordinator' : 'ml-advisor',
  org,
  territories: [bassin],
  purpose: 'ACCOMPAGNEMENT',
});
const DPO: Partial<Caller> = { sub: 'adv-dpo', role: 'dpo', org: 'DPD-ACADEMIE', territories: [] };

/**
 * Two people of 16 or more whom the same PSAD or Mission locale follows, both in the bassin of the
 * caller: one with a PJJ signal in force, the other with no signal ever.
 */
function followedPair(): { signalled: DemoYoung; plain: DemoYoung; follower: Caller } {
  for (const signalled of youngs.filter((y) => age(y) >= 16 && signalInForce(y)))
    for (const org of followersOf(signalled)) {
      const plain = youngs.find(
        (y) => y.bassin === signalled.bassin && age(y) >= 16 && !hasSignal(y) && followersOf(y).includes(org),
      );
      if (plain) return { signalled, plain, follower: callerOf(org, signalled.bassin) };
    }
  throw new Error('The test demo holds no PSAD or Mission locale following two such people');
}

const SIGNAL = 'query ($id: ID!) { young(id: $id) { pjjSignal { contactName } trajectory { kind } } }';

/** The answer as a caller sees it, without what differs by person for reasons unrelated to the rules. */
const refusals = (answer: GraphQLAnswer) => JSON.stringify({ status: answer.status, errors: answer.errors });

describe('an opposition to the PJJ’s sharing', () => {
  it('is answered to a follower exactly as a person without any PJJ signal is: no OPPOSITION, no refusal at all', async () => {
    const { signalled, plain, follower } = followedPair();
    const token = await hub.tokenFor(follower);
    const before = await hub.query(SIGNAL, { id: signalled.id }, { token });
    expect(before.data!.young.pjjSignal).toEqual({ contactName: expect.any(String) });

    const recorded = await hub.query(
      'mutation ($id: ID!) { recordOpposition(youngId: $id, partner: PJJ) { inForce } }',
      { id: signalled.id },
      { token: await hub.tokenFor(DPO) },
    );
    expect(recorded.data).toEqual({ recordOpposition: { inForce: true } });

    const opposed = await hub.query(SIGNAL, { id: signalled.id }, { token });
    const none = await hub.query(SIGNAL, { id: plain.id }, { token });
    expect(opposed.data!.young.pjjSignal).toBeNull();
    expect(none.data!.young.pjjSignal).toBeNull();
    expect(refusals(opposed)).toBe(refusals(none));
    expect(JSON.stringify(opposed)).not.toMatch(/OPPOSITION|PJJ_SIGNAL|"PJJ"/);
  });
});

describe('a person under 16', () => {
  /** A PSAD coordinator calls psad directly (a compromised internal network) with a valid internal token. */
  const direct = (caller: Caller, id: string) =>
    hub.querySubgraph(
      'psad',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { firstName } } }',
      { r: [{ __typename: 'Young', id }] },
      {
        internalToken: (body) =>
          signInternalToken({ caller, requestId: randomUUID() }, 'psad', hub.keys.internal.privateKey, body),
      },
    );
  const reasons = (answer: GraphQLAnswer) => answer.errors?.map((error) => error.extensions?.reason);

  it('is refused for the reason a person of another bassin gets, never UNDER_16', async () => {
    const child = youngs.find((y) => age(y) < 16)!;
    const elsewhere = youngs.find((y) => y.bassin !== child.bassin && age(y) >= 18)!;
    const coordinator: Caller = {
      sub: 'adv-coordinator',
      role: 'psad-coordinator',
      org: `PSAD-${child.bassin}`,
      territories: [child.bassin],
      purpose: 'ACCOMPAGNEMENT',
    };
    const underAge = await direct(coordinator, child.id);
    const outOfReach = await direct(coordinator, elsewhere.id);
    expect(reasons(underAge)).toEqual(reasons(outOfReach));
    expect(JSON.stringify(underAge)).not.toMatch(/UNDER_16/);
    expect(underAge.errors![0].message).toBe(outOfReach.errors![0].message);
  });
});
