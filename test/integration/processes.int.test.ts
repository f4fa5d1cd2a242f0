import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevelopmentToken } from '../../platform/auth/development-tokens';
import { loadOrCreateDevelopmentKeys } from '../../platform/auth/keys';
import { PROJECT_ROOT } from '../../platform/paths';
import { startProcessStack, type ProcessStack } from '../../scripts/lib/processes';
import { TEST_CALLER, TEST_DEMO, type GraphQLAnswer } from '../harness';

/**
 * The layout of `npm start`: each subgraph in its own process, the gateway as a node:cluster worker, all
 * supervised. A subgraph killed with SIGKILL in the middle of the load: the gateway keeps answering, names
 * the missing partner, and the supervisor brings the subgraph back by itself.
 */
let stack: ProcessStack;
let directory: string;
let token: string;
const logs: string[] = [];

beforeAll(async () => {
  // The processes run the compiled entries (dist/), as `npm start` does.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  directory = mkdtempSync(join(tmpdir(), 'hub-processes-'));
  stack = await startProcessStack({
    dataDirectory: directory,
    postgresPort: 0,
    gatewayPort: 0,
    subgraphPorts: 'free',
    demo: TEST_DEMO,
    production: false,
    env: { PATH: process.env.PATH, HUB_GATEWAY_WORKERS: '1', HUB_SUBGRAPH_BREAKER_COOLDOWN_MS: '300' },
    quiet: true,
    log: (line) => void logs.push(line),
  });
  const keys = loadOrCreateDevelopmentKeys(directory);
  token = await signDevelopmentToken(TEST_CALLER, { privateKey: keys.issuer.privateKey, ttlSeconds: 3600 });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

const OFFERS = `{ offers(first: 100) { totalCount nodes { partner } } }`;

async function query(text: string): Promise<GraphQLAnswer> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: text }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

const partners = (answer: GraphQLAnswer) =>
  new Set((answer.data?.offers?.nodes ?? []).map((offer: { partner: string }) => offer.partner));
const missing = (answer: GraphQLAnswer) =>
  (answer.errors ?? [])
    .filter((error) => error.extensions?.code === 'PARTNER_UNAVAILABLE')
    .map((error) => error.extensions?.partner);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a subgraph’s process killed under load', () => {
  it('leaves the others answering, and comes back by itself', async () => {
    const before = await query(OFFERS);
    expect(before.errors).toBeUndefined();
    expect(partners(before)).toContain('CFA');
    const others = [...partners(before)].filter((partner) => partner !== 'CFA');
    expect(others.length).toBeGreaterThan(0);

    // Load: a steady stream of queries the whole time.
    let loading = true;
    const answers: GraphQLAnswer[] = [];
    const load = Promise.all(
      [1, 2, 3].map(async () => {
        while (loading) answers.push(await query(OFFERS));
      }),
    );
    await sleep(200);
    const pid = stack.supervisor.pid('cfa')!;
    const back = stack.supervisor.ready('cfa');
    process.kill(pid, 'SIGKILL');

    // Meanwhile: the gateway is alive, the other partners answer, the missing one is named.
    let during: GraphQLAnswer | undefined;
    for (let attempt = 0; attempt < 200 && !during; attempt += 1) {
      const answer = await query(OFFERS);
      if (missing(answer).includes('CFA')) during = answer;
    }
    expect(during).toBeDefined();
    expect(during!.status).toBe(200);
    for (const partner of others) expect(partners(during!)).toContain(partner);
    expect(partners(during!)).not.toContain('CFA');
    const base = stack.gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);

    // The supervisor restarts it (a new process) and the partner answers again.
    await back;
    expect(stack.supervisor.pid('cfa')).not.toBe(pid);
    expect(stack.supervisor.restarts('cfa')).toBe(1);
    let after: GraphQLAnswer | undefined;
    for (let attempt = 0; attempt < 50 && !after; attempt += 1) {
      const answer = await query(OFFERS);
      if (answer.errors === undefined && partners(answer).has('CFA')) after = answer;
      else await sleep(100);
    }
    expect(after).toBeDefined();
    expect(after!.data!.offers.totalCount).toBe(before.data!.offers.totalCount);
    loading = false;
    await load;

    // Every answer of the load came back, each with the other partners' data; only CFA was ever missing.
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers.flatMap(missing).filter((partner) => partner !== 'CFA')).toEqual([]);
    for (const answer of answers) for (const partner of others) expect(partners(answer)).toContain(partner);
    expect(
      logs.some((line) => /\[supervisor\] cfa \(pid \d+\) killed by SIGKILL: restarting/.test(line)),
    ).toBe(true);
  }, 120_000);
});
