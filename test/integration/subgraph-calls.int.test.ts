import { randomUUID } from 'node:crypto';
import { stepsOf } from '../../demo/world';
import { ageAt } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

/**
 * The calls from the gateway to the subgraphs (gateway/subgraph-client.ts), with keep-alive
 * timeouts shortened so that idle pauses around them fit in a test: the subgraphs close an idle
 * connection after 1.5 s, the gateway drops its own after 0.75 s (the defaults keep that ratio).
 */
const SERVER_KEEP_ALIVE_MS = 1500;
const CLIENT_KEEP_ALIVE_MS = 750;

let hub: TestHub;
let base: string;

beforeAll(async () => {
  hub = await startTestHub({
    env: {
      HUB_SUBGRAPH_SERVER_KEEP_ALIVE_MS: String(SERVER_KEEP_ALIVE_MS),
      HUB_SUBGRAPH_KEEP_ALIVE_MS: String(CLIENT_KEEP_ALIVE_MS),
      // What is tested is idle connections, not timeouts: a loaded test machine must not time out a fetch.
      HUB_SUBGRAPH_TIMEOUT_MS: '60000',
    },
  });
  base = hub.stack.gateway.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await hub?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unavailable = (answer: GraphQLAnswer) =>
  (answer.errors ?? []).filter((error) => error.extensions?.code === 'PARTNER_UNAVAILABLE');

/** The circuit and failure lines of /metrics for one subgraph. */
async function callMetrics(subgraph: string): Promise<string[]> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (line) =>
        line.includes(`subgraph="${subgraph}"`) &&
        /^hub_(subgraph_circuit_state|subgraph_consecutive_failures|subgraph_call_failures_total|partner_unavailable_total)/.test(
          line,
        ),
    );
}

describe('a client’s bad input', () => {
  it('is BAD_USER_INPUT naming the argument, never an outage of the partner', async () => {
    const young = hub.stack.world!.youngs[0];
    const before = await callMetrics('psad');
    expect(before).toContain('hub_subgraph_circuit_state{subgraph="psad"} 0');

    const contact = await hub.query(
      `mutation ($input: RecordContactAttemptInput!) { recordContactAttempt(input: $input) { id } }`,
      {
        input: {
          youngId: young.id,
          caseId: randomUUID(),
          at: '2026-02-30T10:00:00Z',
          channel: 'PHONE',
          outcome: 'REACHED',
          note: 'Relance',
        },
      },
    );
    const trajectory = await hub.query(
      `query ($id: ID!, $from: DateTimeISO) { young(id: $id) { id trajectory(from: $from) { at } } }`,
      { id: young.id, from: '2025-13-45T00:00:00Z' },
    );
    for (const [answer, field] of [
      [contact, 'input.at'],
      [trajectory, 'from'],
    ] as const) {
      expect(answer.status).toBe(200);
      expect(unavailable(answer)).toEqual([]);
      expect(answer.errors?.length).toBeGreaterThan(0);
      for (const error of answer.errors!)
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // The rest of the person is still there: only the field with the bad argument is missing.
    expect(trajectory.data?.young).toEqual({ id: young.id, trajectory: null });

    // Many times over: still no failure counted, the circuit stays closed.
    for (let i = 0; i < 12; i += 1) {
      const again = await hub.query(
        `query ($id: ID!, $from: DateTimeISO) { young(id: $id) { trajectory(from: $from) { at } } }`,
        { id: young.id, from: '2026-02-30T10:00:00Z' },
      );
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    }
    expect(await callMetrics('psad')).toEqual(before);
  });
});

describe('idle pauses around the keep-alive timeouts', () => {
  it('never make a partner look unavailable, for reads or writes', async () => {
    const world = hub.stack.world!;
    const now = new Date();
    const candidate = world.youngs
      .filter((young) => ageAt(young.birthDate, now) >= 17)
      .flatMap((young) => {
        const cases = new Set(stepsOf(young, 'psad-case').map((step) => step.campaign));
        const campaign = stepsOf(young, 'siei-listing').find(
          (listing) => !cases.has(listing.campaign),
        )?.campaign;
        return campaign ? [{ young, campaign }] : [];
      })[0];
    const opened = await hub.query(
      `mutation ($input: OpenPsadCaseInput!, $key: String) { openPsadCase(input: $input, idempotencyKey: $key) { id } }`,
      { input: { youngId: candidate.young.id, campaign: candidate.campaign }, key: randomUUID() },
    );
    expect(opened.errors).toBeUndefined();
    const caseId = opened.data!.openPsadCase.id as string;
    const read = (id: string) =>
      hub.query(`query ($id: ID!) { young(id: $id) { firstName trajectory { partner at } } }`, { id });
    const offers = () => hub.query(`{ offers(first: 5) { totalCount nodes { partner } } }`);
    const write = () =>
      hub.query(
        `mutation ($input: RecordContactAttemptInput!, $key: String) { recordContactAttempt(input: $input, idempotencyKey: $key) { id } }`,
        {
          input: {
            youngId: candidate.young.id,
            caseId,
            at: new Date().toISOString(),
            channel: 'PHONE',
            outcome: 'NO_ANSWER',
            note: 'Relance',
          },
          key: randomUUID(),
        },
      );

    // Pauses just below, at, and above each side's keep-alive timeout.
    const pauses = [
      CLIENT_KEEP_ALIVE_MS - 100,
      CLIENT_KEEP_ALIVE_MS,
      CLIENT_KEEP_ALIVE_MS + 100,
      SERVER_KEEP_ALIVE_MS - 100,
      SERVER_KEEP_ALIVE_MS,
      SERVER_KEEP_ALIVE_MS + 100,
    ];
    const answers: GraphQLAnswer[] = [];
    for (let round = 0; round < 2 * pauses.length; round += 1) {
      await sleep(pauses[round % pauses.length]);
      const burst = world.youngs.slice(round * 24, round * 24 + 24);
      answers.push(
        ...(await Promise.all([...burst.map((young, i) => (i % 2 ? offers() : read(young.id))), write()])),
      );
    }
    expect(answers.length).toBe(300);
    // Each outage as partner and reason, e.g. `cfa CONNECTION_RESET`, for a readable failure.
    expect(
      answers
        .flatMap(unavailable)
        .map((error) => `${error.extensions?.subgraph} ${error.extensions?.reason}`),
    ).toEqual([]);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    for (const name of Object.keys(hub.stack.subgraphs)) {
      expect(
        (await callMetrics(name)).filter((line) => /failures_total|unavailable_total/.test(line)),
      ).toEqual([]);
    }
    // Three hundred requests on a shared machine: more than the default two minutes.
  }, 300_000);
});
