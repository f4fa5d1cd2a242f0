import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { DemoOrganisation, DemoYoung, FollowUpStep } from '../../demo/world';
import type { Caller } from '../../platform/auth/claims';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../platform/auth/internal-token';
import { loadJose } from '../../platform/auth/jose';
import type { SubgraphName } from '../../platform/partners';
import { ageAt } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * Class 6 of issue 11, the compromised internal network (docs/threat-model.md): an attacker who
 * can reach the subgraphs' ports and read the traffic between them and the gateway. Each test
 * shows the leak the old code had: a captured internal token replayed, and access facts
 * (psad's attestation, a partner's follower report) forged or moved in `_entities`
 * representations, to read someone the caller's organisation does not follow.
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

const CASELOAD = '{ youngs(first: 5) { totalCount nodes { id firstName lastName } } }';
const SERVICE = '{ _service { sdl } }';
const ENTITIES = (fields: string) =>
  `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Young { ${fields} } } }`;

/** Posts `body` as is to a subgraph, with `token` (or none) in the internal header. */
async function postRaw(name: SubgraphName, body: string, token: string | null): Promise<GraphQLAnswer> {
  const response = await fetch(hub.stack.subgraphs[name].url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [INTERNAL_TOKEN_HEADER]: token } : {}) },
    body,
  });
  return { status: response.status, ...((await response.json()) as object) } as GraphQLAnswer;
}

/** The internal token the gateway signs for `caller`'s fetch of `body` from `name` (as if captured on the wire). */
const gatewayToken = (caller: Caller, name: SubgraphName, body: string, requestId: string = randomUUID()) =>
  signInternalToken({ caller, requestId }, name, hub.keys.internal.privateKey, body);

function expectRefused(answer: GraphQLAnswer, reason: string): void {
  expect(answer.status).toBe(401);
  expect(answer.data).toBeUndefined();
  expect(answer.errors).toHaveLength(1);
  expect(answer.errors![0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
}

const COORDINATOR: Caller = {
  sub: 'adv-coordinator',
  role: 'psad-coordinator',
  org: 'PSAD-ADV',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};

describe('a captured internal token serves the one fetch it was signed for', () => {
  it('is refused with another body: a harmless query cannot be turned into a caseload read', async () => {
    const harmless = JSON.stringify({ query: SERVICE });
    const token = await gatewayToken(COORDINATOR, 'psad', harmless);
    let answer: GraphQLAnswer | undefined;
    const statements = await hub.countStatements(async () => {
      answer = await postRaw('psad', JSON.stringify({ query: CASELOAD }), token);
    });
    expectRefused(answer!, 'BODY_MISMATCH');
    expect(statements.psad).toBe(0);
  });

  it('is refused when the same request is sent a second time', async () => {
    const body = JSON.stringify({ query: CASELOAD });
    const token = await gatewayToken(COORDINATOR, 'psad', body);
    const first = await postRaw('psad', body, token);
    expect(first.status).toBe(200);
    expect(typeof first.data!.youngs.totalCount).toBe('number');
    let again: GraphQLAnswer | undefined;
    const statements = await hub.countStatements(async () => {
      again = await postRaw('psad', body, token);
    });
    expectRefused(again!, 'REPLAYED');
    expect(statements.psad).toBe(0);
  });

  it('is refused by another subgraph than the one it was signed for', async () => {
    const body = JSON.stringify({ query: SERVICE });
    const token = await gatewayToken(COORDINATOR, 'psad', body);
    expectRefused(await postRaw('missions-locales', body, token), 'WRONG_AUDIENCE');
    // Still unused: psad itself takes it once.
    expect((await postRaw('psad', body, token)).status).toBe(200);
  });

  it('is refused with a refusal that says nothing of the subgraph’s state, whatever the body', async () => {
    const token = await gatewayToken(COORDINATOR, 'psad', '{}');
    for (const body of ['not json', '{"query":"{ __typename }"}', ''])
      expect((await postRaw('psad', body, token)).errors![0].message).toBe(
        'The internal token was signed for another request.',
      );
  });
});

describe('access facts in `_entities` representations are believed only when their owner signed them', () => {
  const today = () => new Date();
  const adult = (young: DemoYoung) => ageAt(young.birthDate, today()) >= 18;
  const openFollowUps = (young: DemoYoung) =>
    young.path.filter((step): step is FollowUpStep => step.type === 'follow-up' && step.closedOn === null);

  /** A Mission locale with an adult it follows (P), and an adult it does not follow (Q, the victim). */
  function cast(): {
    missionLocale: DemoOrganisation;
    followed: DemoYoung;
    victim: DemoYoung;
    adviser: Caller;
  } {
    const world = hub.stack.world!;
    const missionLocales = world.organisations.filter((o) => o.kind === 'MISSION_LOCALE');
    for (const missionLocale of missionLocales) {
      const followed = world.youngs.find(
        (y) => adult(y) && openFollowUps(y).some((f) => f.organisationId === missionLocale.id),
      );
      const victim = world.youngs.find(
        (y) =>
          adult(y) &&
          y.bassin === missionLocale.bassin &&
          !y.path.some((step) => 'organisationId' in step && step.organisationId === missionLocale.id),
      );
      if (followed && victim)
        return {
          missionLocale,
          followed,
          victim,
          adviser: {
            sub: 'adv-ml-adviser',
            role: 'ml-advisor',
            org: missionLocale.code,
            territories: [missionLocale.bassin],
            purpose: 'ACCOMPAGNEMENT',
          },
        };
    }
    throw new Error('The demo holds no Mission locale with a follower and a stranger in its bassin');
  }

  /** Queries `name` with a valid token for `caller` (same request id across calls when given). */
  const ask = (
    name: SubgraphName,
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
    requestId: string = randomUUID(),
  ) =>
    hub.querySubgraph(name, query, variables, {
      internalToken: (body) => gatewayToken(caller, name, body, requestId),
    });

  const identityOf = (answer: GraphQLAnswer) =>
    (answer.data?._entities as { firstName: string | null }[] | undefined)?.[0]?.firstName ?? null;

  it('psad does not take a Mission locale’s word from the representation: a forged follower list', async () => {
    const { victim, adviser, missionLocale } = cast();
    const honest = await ask('psad', adviser, ENTITIES('firstName'), {
      r: [{ __typename: 'Young', id: victim.id }],
    });
    expect(identityOf(honest)).toBeNull();
    const forged = await ask('psad', adviser, ENTITIES('firstName'), {
      r: [{ __typename: 'Young', id: victim.id, missionsLocalesFollowers: [missionLocale.code] }],
    });
    expect(identityOf(forged)).toBeNull();
    expect(forged.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('psad refuses a report signed by a key it does not know', async () => {
    const { victim, adviser, missionLocale } = cast();
    const { SignJWT } = await loadJose();
    const { privateKey } = generateKeyPairSync('ed25519');
    const requestId = randomUUID();
    const report = await new SignJWT({ kind: 'followers', rid: requestId, followers: [missionLocale.code] })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('missions-locales')
      .setSubject(victim.id)
      .setIssuedAt()
      .setExpirationTime('30s')
      .sign(privateKey);
    const forged = await ask(
      'psad',
      adviser,
      ENTITIES('firstName'),
      { r: [{ __typename: 'Young', id: victim.id, missionsLocalesFollowers: report }] },
      requestId,
    );
    expect(identityOf(forged)).toBeNull();
  });

  it('psad does not take a genuine report moved to someone else, nor into another request', async () => {
    const { followed, victim, adviser } = cast();
    const requestId = randomUUID();
    const reported = await ask(
      'missions-locales',
      adviser,
      ENTITIES('missionsLocalesFollowers'),
      { r: [{ __typename: 'Young', id: followed.id }] },
      requestId,
    );
    const captured = (reported.data!._entities as { missionsLocalesFollowers: unknown }[])[0]
      .missionsLocalesFollowers;
    const asFollowed = (id: string, rid?: string) =>
      ask(
        'psad',
        adviser,
        ENTITIES('firstName'),
        { r: [{ __typename: 'Young', id, missionsLocalesFollowers: captured }] },
        rid,
      );
    // In its own request and about its own person, the report is believed: the adviser reads them.
    expect(identityOf(await asFollowed(followed.id, requestId))).toBe(followed.firstName);
    expect(identityOf(await asFollowed(victim.id, requestId))).toBeNull();
    expect(identityOf(await asFollowed(followed.id))).toBeNull();
  });

  it('a partner does not take psad’s word from the representation: a forged attestation', async () => {
    const world = hub.stack.world!;
    const { adviser, missionLocale } = cast();
    const victim = world.youngs.find(
      (y) => adult(y) && openFollowUps(y).some((f) => f.owner === 'cfa') && y.bassin !== missionLocale.bassin,
    )!;
    expect(victim).toBeDefined();
    const forgedSubject = JSON.stringify({
      youngId: victim.id,
      bassin: missionLocale.bassin,
      age: 20,
      followers: [missionLocale.code],
      schools: [],
      oppositions: [],
      obligationDeFormation: false,
    });
    const answer = await ask('cfa', adviser, ENTITIES('cfaFollowUps { id }'), {
      r: [{ __typename: 'Young', id: victim.id, accessSubject: forgedSubject }],
    });
    const followUps = (answer.data?._entities as { cfaFollowUps: unknown[] | null }[] | undefined)?.[0]
      ?.cfaFollowUps;
    expect(followUps ?? []).toEqual([]);
  });
});
