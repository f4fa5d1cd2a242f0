import { startTestHub, type TestHub } from '../harness';
import { parsePrometheus, sumOf, type Sample } from '../support/prometheus';

/** The metrics the gateway and a subgraph serve on `GET /metrics`, after real requests through the hub. */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub?.stop();
});

async function scrape(graphqlUrl: string): Promise<Sample[]> {
  const response = await fetch(new URL('/metrics', graphqlUrl));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await response.text());
}

describe('metrics', () => {
  it('count and time each operation, each subgraph fetch and each error code at the gateway', async () => {
    const young = hub.stack.world!.youngs[0];
    const trajectory = `query ($id: ID!) { young(id: $id) { firstName trajectory { partner } } }`;
    const before = await scrape(hub.stack.gateway.url);
    const answers = [
      await hub.query(trajectory, { id: young.id }),
      await hub.query(trajectory, { id: young.id }),
      await hub.query(`query ($first: Int!) { youngs(first: $first) { nodes { id } } }`, { first: 'many' }),
      await hub.query(`query Named { offers(first: 2) { nodes { id } } }`),
    ];
    const after = await scrape(hub.stack.gateway.url);
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sumOf(after, name, labels) - sumOf(before, name, labels);

    expect(delta('hub_gateway_request_duration_seconds_count', { operation: 'query young' })).toBe(2);
    expect(delta('hub_gateway_requests_total', { operation: 'query youngs' })).toBe(1);
    // The client's operation name is not a label: the operation is its root fields.
    expect(after.some((sample) => sample.labels.operation === 'Named')).toBe(false);
    const codes = answers.flatMap((answer) => (answer.errors ?? []).map((error) => error.extensions?.code));
    expect(codes).toContain('BAD_USER_INPUT');
    for (const code of new Set(codes))
      expect(delta('hub_gateway_errors_total', { code })).toBe(codes.filter((c) => c === code).length);
    expect(delta('hub_gateway_requests_with_errors_total')).toBe(
      answers.filter((answer) => (answer.errors ?? []).length > 0).length,
    );
    expect(
      delta('hub_subgraph_fetch_duration_seconds_count', { subgraph: 'psad', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(3);
    const fetched = new Set(
      after
        .filter((sample) => sample.name === 'hub_subgraph_fetch_duration_seconds_count' && sample.value > 0)
        .map((sample) => sample.labels.subgraph),
    );
    expect(fetched.size).toBeGreaterThanOrEqual(3);
    expect(sumOf(after, 'hub_subgraph_up', { subgraph: 'cfa' })).toBe(1);
    const refused = await hub.query(`{ offers(first: 1) { nodes { id } } }`, {}, { token: null });
    expect(refused.status).toBe(401);
    const last = await scrape(hub.stack.gateway.url);
    expect(
      sumOf(last, 'hub_gateway_refusals_total', { reason: 'unauthenticated' }) -
        sumOf(after, 'hub_gateway_refusals_total', { reason: 'unauthenticated' }),
    ).toBe(1);
    expect(after.some((sample) => sample.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('show each subgraph’s pool and how long its trail writes take', async () => {
    const young = hub.stack.world!.youngs[1];
    const before = await scrape(hub.stack.subgraphs.psad.url);
    await hub.query(`query ($id: ID!) { young(id: $id) { firstName lastName } }`, { id: young.id });
    const after = await scrape(hub.stack.subgraphs.psad.url);
    expect(
      sumOf(after, 'hub_trail_write_duration_seconds_count', { subgraph: 'psad', outcome: 'ok' }) -
        sumOf(before, 'hub_trail_write_duration_seconds_count', { subgraph: 'psad', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'hub_db_pool_connections', { subgraph: 'psad', state: 'total' })).toBeGreaterThan(0);
    const idle = sumOf(after, 'hub_db_pool_connections', { subgraph: 'psad', state: 'idle' });
    expect(idle).toBeLessThanOrEqual(sumOf(after, 'hub_db_pool_connections', { state: 'total' }));
    expect(after.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });
});
