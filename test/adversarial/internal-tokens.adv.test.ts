import { randomUUID } from 'node:crypto';
import type { Caller } from '../../platform/auth/claims';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../platform/auth/internal-token';
import type { SubgraphName } from '../../platform/partners';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * Class 6 of issue 11, the compromised internal network (docs/threat-model.md): an attacker who
 * can reach the subgraphs' ports and read the traffic between them and the gateway. Each test
 * shows a leak the old code had: a captured internal token replayed with another body, or as is.
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
