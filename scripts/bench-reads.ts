import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASSINS } from '../platform/reference/territories';
import { signDevelopmentToken } from '../platform/auth/development-tokens';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../platform/auth/internal-token';
import { loadOrCreateDevelopmentKeys } from '../platform/auth/keys';
import type { Caller } from '../platform/auth/claims';
import { integerSetting, subgraphUrlVariable } from '../platform/config';
import { SUBGRAPH_NAMES } from '../platform/partners';
import { parseArgs } from './lib/args';
import { combine, measure, percentile, throughput, type Measure } from './lib/measure';
import { descendantCpuMs } from './lib/process-cpu';
import { DIST, startProcessStack, type ProcessStack } from './lib/processes';
import { Progress } from './lib/progress';
import { showcaseYoungId } from '../demo/generate';

const HELP = `Usage: npm run bench:reads [-- --sizes 3000,100000 --requests N --concurrency N
                                  --max-seconds N --targets hub,hive,apollo,direct --chart FILE]

Measures what the hub's reads cost, side by side. For each demo size, the hub runs as npm start
runs it (embedded PostgreSQL, each subgraph in its own process); then the same five reads

  trajectory      one person's trajectory, merged from every partner
  caseload        a caseload page of 20 people
  suggestions     5 suggested offers for one person
  offers          an offer search in one bassin
  caseload+traj   a caseload page of 20 people with their trajectories

are sent, as a PSAD coordinator, through each target, each gateway in its own process (one):

  hub      this hub's gateway (dist/gateway/index.js: limits, policy, attestations)
  hive     Hive Gateway on the same supergraph, with the hub's edge (npm run peer-gateway)
  apollo   stock @apollo/gateway on the same supergraph, with the hub's edge
  direct   the one subgraph that serves the read, called with an internal token (the floor;
           only for reads that one subgraph serves)

one after the other, each after a warm-up of 50 requests. Printed per read and target: requests/s,
p50/p95/p99 (ms), CPU-ms per request summed over every process of the hub (gateway, subgraphs,
PostgreSQL), SQL statements and subgraph fetches per request, and the throughput relative to
Hive. Every answer must carry data; a target that fails is reported, not averaged.

Options:
  --sizes LIST        demo sizes, comma-separated (default 3000; 100000 takes minutes to load)
  --requests N        requests per read, target and size (default 400)
  --concurrency N     concurrent clients (default 16)
  --max-seconds N     time budget per read and target (default 60)
  --targets LIST      which targets (default hub,hive,apollo,direct)
  --chart FILE        also draw the throughputs as an SVG chart (e.g. docs/performance-reads.svg)
  --help              show this help`;

type Target = 'hub' | 'hive' | 'apollo' | 'direct';
const TARGETS: Target[] = ['hub', 'hive', 'apollo', 'direct'];

interface Read {
  name: string;
  query: string;
  variables: (ids: string[], index: number) => Record<string, unknown>;
  /** The subgraph that serves it alone, when one does. */
  servedBy?: 'psad';
}

const READS: Read[] = [
  {
    name: 'trajectory',
    query: `query ($id: ID!) { young(id: $id) { firstName lastName trajectory { at partner kind summary } } }`,
    variables: (ids, index) => ({ id: ids[index % ids.length] }),
  },
  {
    name: 'caseload',
    query: `query ($filter: YoungFilter) { youngs(first: 20, filter: $filter) { totalCount
      edges { node { id firstName lastName birthDate commune } } } }`,
    variables: (_ids, index) => ({ filter: { territory: BASSINS[index % BASSINS.length].code } }),
    servedBy: 'psad',
  },
  {
    name: 'suggestions',
    query: `query ($id: ID!) { young(id: $id) { suggestedOffers(first: 5) {
      score offer { id title partner } reasons { code } } } }`,
    variables: (ids, index) => ({ id: ids[index % ids.length] }),
  },
  {
    name: 'offers',
    query: `query ($filter: OfferFilter) { offers(first: 20, filter: $filter) {
      edges { node { id title partner vacancies } } } }`,
    variables: (_ids, index) => ({ filter: { territory: BASSINS[index % BASSINS.length].code } }),
  },
  {
    name: 'caseload+traj',
    query: `query ($filter: YoungFilter) { youngs(first: 20, filter: $filter) {
      edges { node { id trajectory { at partner kind } } } } }`,
    variables: (_ids, index) => ({ filter: { territory: BASSINS[index % BASSINS.length].code } }),
  },
];

const COORDINATOR: Caller = {
  sub: 'bench-coordinator',
  role: 'psad-coordinator',
  org: 'PSAD-38-BENCH',
  territories: BASSINS.map((bassin) => bassin.code),
  purpose: 'ACCOMPAGNEMENT',
};

interface Result {
  measure: Measure;
  cpuMs: number;
  statements: number | null;
  fetches: number | null;
  failures: number;
}

/** Sums a counter over the subgraphs' `/metrics` (null when a subgraph does not export it). */
async function subgraphCounter(stack: ProcessStack, metric: string): Promise<number | null> {
  let total = 0;
  for (const name of SUBGRAPH_NAMES) {
    const text = await (await fetch(new URL('/metrics', stack.subgraphUrls[name]))).text();
    const lines = text
      .split('\n')
      .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `));
    if (lines.length === 0) return null;
    total += lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  }
  return total;
}

/** Starts a peer gateway (npm run peer-gateway) in its own process; resolves with its URL. */
async function startPeer(kind: 'hive' | 'apollo', stack: ProcessStack, dataDirectory: string, port: number) {
  const child = fork(join(DIST, 'scripts', 'peer-gateway.js'), ['--kind', kind], {
    silent: true,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HUB_DATA_DIR: dataDirectory,
      PORT: String(port),
      ...Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), stack.subgraphUrls[name]]),
      ),
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the ${kind} gateway exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, index) => cell.padStart(widths[index])).join('  ');
}

async function main(): Promise<void> {
  const { values, flags } = parseArgs(process.argv.slice(2), {
    values: ['sizes', 'requests', 'concurrency', 'max-seconds', 'targets', 'chart'],
    flags: ['help'],
  });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  const sizes = (values.sizes ?? '3000')
    .split(',')
    .map((size) => integerSetting({ SIZE: size }, 'SIZE', 3000));
  const requests = integerSetting({ R: values.requests }, 'R', 400);
  const concurrency = integerSetting({ C: values.concurrency }, 'C', 16);
  const maxSeconds = integerSetting({ M: values['max-seconds'] }, 'M', 60);
  const targets = (values.targets?.split(',') ?? TARGETS) as Target[];
  const unknown = targets.filter((target) => !TARGETS.includes(target));
  if (unknown.length > 0) throw new Error(`Unknown target: ${unknown.join(', ')}\n\n${HELP}`);

  const chartRows: { size: number; read: string; target: Target; rate: number }[] = [];
  for (const size of sizes) {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'bench-reads-'));
    console.error(`\nDemo of ${size} people: starting the hub as npm start does…`);
    const stack = await startProcessStack({
      dataDirectory,
      postgresPort: 0,
      gatewayPort: 0,
      subgraphPorts: 'free',
      demo: { seed: 2026, youngCount: size },
      production: false,
      gatewayWorkers: 1,
      log: () => undefined,
    });
    const peers: Partial<Record<Target, { url: string; child?: ChildProcess }>> = {
      hub: { url: stack.gatewayUrl },
    };
    try {
      const keys = loadOrCreateDevelopmentKeys(dataDirectory);
      const token = await signDevelopmentToken(COORDINATOR, {
        privateKey: keys.issuer.privateKey,
        ttlSeconds: 7200,
      });
      if (targets.includes('hive')) peers.hive = await startPeer('hive', stack, dataDirectory, 4180);
      if (targets.includes('apollo')) peers.apollo = await startPeer('apollo', stack, dataDirectory, 4181);
      const showcase = showcaseYoungId(stack.world!);
      const adults = stack.world!.youngs.filter((young) => young.id !== showcase).slice(0, 49);
      const ids = [showcase, ...adults.map((young) => young.id)];
      const roots = { all: process.pid };
      const progress = new Progress(READS.length * targets.length);

      for (const read of READS) {
        const results: Partial<Record<Target, Result>> = {};
        const active = targets.filter((target) => target !== 'direct' || read.servedBy);
        for (const target of active) {
          const url = target === 'direct' ? stack.subgraphUrls[read.servedBy!] : peers[target]!.url;
          let failures = 0;
          const send = async (index: number) => {
            const body = JSON.stringify({ query: read.query, variables: read.variables(ids, index) });
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (target === 'direct')
              headers[INTERNAL_TOKEN_HEADER] = await signInternalToken(
                { caller: COORDINATOR, requestId: randomUUID() },
                read.servedBy!,
                keys.internal.privateKey,
                body,
              );
            else headers.authorization = `Bearer ${token}`;
            const response = await fetch(url, { method: 'POST', headers, body });
            const answer = (await response.json()) as {
              data?: unknown;
              errors?: { extensions?: { code?: string } }[];
            };
            const failed =
              !answer.data || (answer.errors ?? []).some((e) => e.extensions?.code !== 'FORBIDDEN');
            if (failed) failures += 1;
          };
          // Warm-up: plans cached, pools open, JIT done.
          await measure(send, { count: 50, concurrency, deadline: performance.now() + 20_000 });
          const before = {
            cpu: descendantCpuMs(roots).all,
            statements: await subgraphCounter(stack, 'hub_sql_statements_total'),
            fetches: await subgraphCounter(stack, 'hub_subgraph_requests_total'),
          };
          const measured = await measure(send, {
            count: requests,
            concurrency,
            deadline: performance.now() + maxSeconds * 1000,
          });
          const after = {
            cpu: descendantCpuMs(roots).all,
            statements: await subgraphCounter(stack, 'hub_sql_statements_total'),
            fetches: await subgraphCounter(stack, 'hub_subgraph_requests_total'),
          };
          const per = (a: number | null, b: number | null) =>
            a === null || b === null ? null : (b - a) / Math.max(1, measured.requests);
          results[target] = {
            measure: combine([measured]),
            cpuMs: (after.cpu - before.cpu) / Math.max(1, measured.requests),
            statements: per(before.statements, after.statements),
            fetches: per(before.fetches, after.fetches),
            failures,
          };
          progress.step(`${read.name} via ${target}: ${throughput(measured).toFixed(1)}/s`);
        }
        const widths = [8, 9, 7, 7, 7, 9, 8, 8, 8, 9];
        console.log(`\n${read.name} (${size} people, ${concurrency} clients)`);
        console.log(
          row(
            ['target', 'req/s', 'p50', 'p95', 'p99', 'CPU-ms', 'SQL', 'fetches', 'vs hive', 'failed'],
            widths,
          ),
        );
        const hive = results.hive ? throughput(results.hive.measure) : null;
        for (const target of active) {
          const result = results[target]!;
          const rate = throughput(result.measure);
          chartRows.push({ size, read: read.name, target, rate });
          console.log(
            row(
              [
                target,
                rate.toFixed(1),
                percentile(result.measure.latencies, 50).toFixed(0),
                percentile(result.measure.latencies, 95).toFixed(0),
                percentile(result.measure.latencies, 99).toFixed(0),
                result.cpuMs.toFixed(1),
                result.statements === null ? 'n/a' : result.statements.toFixed(1),
                result.fetches === null ? 'n/a' : result.fetches.toFixed(1),
                hive ? `${(rate / hive).toFixed(2)}×` : '—',
                String(result.failures),
              ],
              widths,
            ),
          );
        }
      }
    } finally {
      for (const target of ['hive', 'apollo'] as const) peers[target]?.child?.kill('SIGTERM');
      await stack.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }
  if (values.chart) {
    writeFileSync(values.chart, chart(chartRows));
    console.error(`\nChart written to ${values.chart}`);
  }
  // The supervisor's cluster primary keeps handles open: leave once everything is stopped.
  process.exit(0);
}

/** A grouped bar chart of requests/s per read and target, as a self-contained SVG. */
function chart(rows: { size: number; read: string; target: Target; rate: number }[]): string {
  const groups = [...new Set(rows.map((r) => `${r.read} (${r.size})`))];
  const targets = [...new Set(rows.map((r) => r.target))];
  const colours: Record<Target, string> = {
    hub: '#000091',
    hive: '#e1000f',
    apollo: '#6a6af4',
    direct: '#18753c',
  };
  const max = Math.max(1, ...rows.map((r) => r.rate));
  const bar = 18;
  const groupWidth = targets.length * bar + 30;
  const width = 60 + groups.length * groupWidth;
  const height = 300;
  const scale = (rate: number) => (rate / max) * (height - 90);
  const bars = rows.map((r) => {
    const x = 60 + groups.indexOf(`${r.read} (${r.size})`) * groupWidth + targets.indexOf(r.target) * bar;
    const h = scale(r.rate);
    return `<rect x="${x}" y="${height - 60 - h}" width="${bar - 2}" height="${h}" fill="${colours[r.target]}"><title>${r.target}: ${r.rate.toFixed(1)}/s</title></rect>`;
  });
  const labels = groups.map(
    (group, index) =>
      `<text x="${60 + index * groupWidth + (targets.length * bar) / 2}" y="${height - 40}" font-size="11" text-anchor="middle">${group}</text>`,
  );
  const legend = targets.map(
    (target, index) =>
      `<rect x="${60 + index * 90}" y="10" width="12" height="12" fill="${colours[target]}"/><text x="${76 + index * 90}" y="21" font-size="12">${target}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="10" y="${height / 2}" font-size="11" transform="rotate(-90 10 ${height / 2})">requests/s</text>
<line x1="55" y1="${height - 60}" x2="${width}" y2="${height - 60}" stroke="#666"/>
${legend.join('\n')}
${bars.join('\n')}
${labels.join('\n')}
</svg>
`;
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  console.error(error instanceof Error ? `${error.message}${cause}` : error);
  process.exit(1);
});
