import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { showcaseYoungId } from '../../demo/generate';
import { DEFAULT_ALGORITHMS, DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '../../platform/auth/keys';
import { SUBGRAPH_NAMES } from '../../platform/partners';
import {
  startHiveGateway,
  startStockApolloGateway,
  type PeerGatewayOptions,
  type RunningPeerGateway,
} from '../../scripts/lib/peer-gateways';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * The committed supergraph is not the hub's gateway's alone: Hive Gateway loads it and answers the
 * same queries over the same subgraphs, with the same data, when it authenticates callers and signs
 * the internal tokens as the hub does (scripts/lib/peer-gateways.ts). A partner is never locked into
 * one gateway by the schema the hub composes (docs/performance.md#portability).
 */
let hub: TestHub;
let hive: RunningPeerGateway;
let stockApollo: RunningPeerGateway;

const SUPERGRAPH = readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8');

beforeAll(async () => {
  hub = await startTestHub();
  const options: PeerGatewayOptions = {
    supergraphSdl: SUPERGRAPH,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, hub.stack.subgraphs[name].url])),
    keys: {
      callerTokens: {
        keys: { publicKey: hub.keys.issuer.publicKey },
        issuer: DEFAULT_ISSUER,
        audience: DEFAULT_AUDIENCE,
        algorithms: DEFAULT_ALGORITHMS,
      },
      internalPrivateKey: hub.keys.internal.privateKey,
    },
  };
  hive = await startHiveGateway(options);
  stockApollo = await startStockApolloGateway(options);
});

afterAll(async () => {
  await hive?.stop();
  await stockApollo?.stop();
  await hub?.stop();
});

async function ask(
  gateway: RunningPeerGateway,
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
): Promise<GraphQLAnswer> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLAnswer, 'status'>) };
}

/** What a client reads in an error: its place, its code and the withheld category. */
const refusals = (answer: GraphQLAnswer) =>
  (answer.errors ?? []).map(({ path, extensions }) => ({
    path,
    code: extensions?.code,
    category: extensions?.category,
  }));

/**
 * Both gateways, the same operation and caller: the same data, and no refusal from Hive that the hub
 * did not give. Hive drops a subgraph's notice on a field that still returns data (a trajectory with
 * a category withheld), where the hub passes it on (docs/performance.md#portability).
 */
async function expectSameAnswer(query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> {
  const token = await hub.tokenFor();
  const [ours, theirs] = await Promise.all([
    hub.query(query, variables, { token }),
    ask(hive, query, variables, token),
  ]);
  expect(theirs.status).toBe(200);
  expect(theirs.data).toEqual(ours.data);
  expect(refusals(ours).filter((error) => error.code !== 'FORBIDDEN')).toEqual([]);
  expect(refusals(ours)).toEqual(expect.arrayContaining(refusals(theirs)));
  return theirs;
}

describe('the committed supergraph on Hive Gateway', () => {
  it('merges a trajectory from every partner, as the hub does', async () => {
    const id = showcaseYoungId(hub.stack.world!);
    const answer = await expectSameAnswer(
      `query ($id: ID!) { young(id: $id) { firstName lastName trajectory { id partner at kind summary } } }`,
      { id },
    );
    const partners = new Set(
      answer.data!.young.trajectory.map((event: { partner: string }) => event.partner),
    );
    // The showcase person is followed by several partners: their events come through Hive too.
    expect(partners.size).toBeGreaterThan(1);
  });

  it('ranks every partner’s candidate offers (the type Hive used to refuse)', async () => {
    const id = showcaseYoungId(hub.stack.world!);
    const answer = await expectSameAnswer(
      `query ($id: ID!) { young(id: $id) { suggestedOffers(first: 15) { score offer { id partner } reasons { code } } } }`,
      { id },
    );
    expect(answer.data!.young.suggestedOffers.length).toBeGreaterThan(0);
  });

  it('serves a caseload page and an offer search', async () => {
    await expectSameAnswer(
      `{ youngs(first: 10) { edges { node { id firstName psadCases { status } } } } }`,
      {},
    );
    await expectSameAnswer(`{ offers(first: 10) { edges { node { id partner title vacancies } } } }`, {});
  });

  it('refuses a caller without a token before any subgraph is asked', async () => {
    const anonymous = await ask(hive, `{ offers(first: 1) { edges { node { id } } } }`, {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.data).toBeUndefined();
  });
});

describe('the baseline: stock @apollo/gateway with the hub’s edge', () => {
  it('answers a trajectory with the hub’s data, and refuses a caller without a token', async () => {
    const query = `query ($id: ID!) { young(id: $id) { firstName trajectory { id partner kind summary } } }`;
    const variables = { id: showcaseYoungId(hub.stack.world!) };
    const token = await hub.tokenFor();
    const [ours, theirs] = await Promise.all([
      hub.query(query, variables, { token }),
      ask(stockApollo, query, variables, token),
    ]);
    expect(theirs.data).toEqual(ours.data);
    expect((await ask(stockApollo, query, variables, null)).status).toBe(401);
  });
});
