import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApolloServer } from '@apollo/server';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { accessTrailPlugin, createAccessCollector, type AuditedContext } from '../platform/audit/recorder';
import { verifyTrail } from '../platform/audit/trail';
import type { Caller } from '../platform/auth/claims';
import { EmbeddedCluster } from '../platform/database/embedded-cluster';
import { openSubgraphDatabase } from '../platform/database/open';
import { SUBGRAPHS } from '../platform/partners';
import { migrations } from '../subgraphs/e2c/migrations';
import {
  benchmarkOptions,
  combine,
  interleaved,
  measure,
  percentile,
  throughput,
  type Measure,
} from './lib/measure';
import { Progress } from './lib/progress';

const HELP = `Usage: npm run bench:trail [-- --requests N --concurrency N --max-seconds N]

Measures what the access trail costs a subgraph request. A real PostgreSQL (embedded, in a
temporary folder, on 127.0.0.1) holds one partner's follow-ups; the same GraphQL request (one
young person's follow-ups and their events: two batched SQL reads) runs with the trail OFF
(no record written) and ON (one hash-chained record committed before the answer leaves). Prints
both throughputs and their ratio; the target is 0.80 or better. Requests run in process
(Apollo's executeOperation, no HTTP): HTTP would add the same cost to both modes and flatter
the ratio. The two modes run in interleaved slices, so that noise falls on both alike.

Options:
  --requests N      requests per mode (default 2000)
  --concurrency N   concurrent workers (default 32)
  --max-seconds N   time budget for the whole measurement (default 120): a mode that runs out
                    of time is measured on the requests it completed
  --help            show this help`;

const YOUNG_COUNT = 1000;
const BENCH_CALLER: Caller = {
  sub: 'bench-agent',
  role: 'e2c-staff',
  org: 'E2C-38',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};

const typeDefs = `
  type Query { followUps(youngId: ID!): [FollowUp!]! }
  type FollowUp { id: ID! programme: String! openedOn: String! events: [FollowUpEvent!]! }
  type FollowUpEvent { at: String! kind: String! summary: String! }
`;
const QUERY =
  'query ($youngId: ID!) { followUps(youngId: $youngId) { id programme openedOn events { at kind summary } } }';

interface BenchContext extends AuditedContext {
  db: DataSource;
  eventsByFollowUp: DataLoader<string, EventRow[]>;
}
interface FollowUpRow {
  id: string;
  youngId: string;
  programme: string;
  openedOn: string;
}
interface EventRow {
  followUpId: string;
  at: string;
  kind: string;
  summary: string;
}

/**
 * What a partner subgraph's resolvers do for `Young.<prefix>FollowUps { events }`, including the calls that
 * feed the trail.
 */
const resolvers = {
  Query: {
    async followUps(
      _: unknown,
      { youngId }: { youngId: string },
      context: BenchContext,
    ): Promise<FollowUpRow[]> {
      context.access.note(youngId, 'FOLLOW_UP_SUMMARY', 'Young.e2cFollowUps', true);
      return context.db.query(
        'SELECT id, young_id AS "youngId", programme, opened_on::text AS "openedOn" FROM follow_up WHERE young_id = $1 ORDER BY opened_on',
        [youngId],
      );
    },
  },
  FollowUp: {
    events(followUp: FollowUpRow, _: unknown, context: BenchContext): Promise<EventRow[]> {
      context.access.note(followUp.youngId, 'FOLLOW_UP_SUMMARY', 'FollowUp.events', true);
      return context.eventsByFollowUp.load(followUp.id);
    },
  },
};

function eventsLoader(db: DataSource): DataLoader<string, EventRow[]> {
  return new DataLoader(async (ids) => {
    const rows: EventRow[] = await db.query(
      'SELECT follow_up_id AS "followUpId", at::text AS at, kind, summary FROM follow_up_event WHERE follow_up_id = ANY($1::uuid[]) ORDER BY at',
      [ids],
    );
    return ids.map((id) => rows.filter((row) => row.followUpId === id));
  });
}

/** One organisation, YOUNG_COUNT young people with two follow-ups of four events each. */
async function seed(db: DataSource): Promise<string[]> {
  await db.query(
    "INSERT INTO organisation (id, kind, name, code, bassin_code, commune) VALUES (gen_random_uuid(), 'E2C', 'E2C Isère', 'E2C-38', '38-GRE', 'Grenoble')",
  );
  await db.query(
    `INSERT INTO follow_up (id, young_id, organisation_id, programme, opened_on)
     SELECT gen_random_uuid(), young.id, (SELECT id FROM organisation), 'Parcours E2C', DATE '2025-09-01' + (n * 30)
       FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, $1)) AS young, generate_series(0, 1) AS n`,
    [YOUNG_COUNT],
  );
  await db.query(
    `INSERT INTO follow_up_event (id, follow_up_id, young_id, at, kind, summary)
     SELECT gen_random_uuid(), f.id, f.young_id, f.opened_on + make_interval(days => n * 7), 'INTERVIEW', 'Entretien de suivi'
       FROM follow_up AS f, generate_series(0, 3) AS n`,
  );
  return (await db.query('SELECT DISTINCT young_id AS id FROM follow_up ORDER BY young_id')).map(
    (row: { id: string }) => row.id,
  );
}

type Mode = 'OFF' | 'ON';

/**
 * Each mode runs in four slices, interleaved so that a drift over the run (caches, autovacuum)
 * or a burst of activity elsewhere on the machine weighs on both modes alike.
 */
const SCHEDULE = interleaved<Mode>('OFF', 'ON');

/** Sends request `index` of a slice to one mode's server, as a partner subgraph would be asked. */
function sender(
  server: ApolloServer<BenchContext>,
  db: DataSource,
  youngIds: string[],
  label: string,
): (index: number) => Promise<void> {
  return async (index) => {
    const requestId = `${label}-${index}`;
    const response = await server.executeOperation(
      { query: QUERY, variables: { youngId: youngIds[index % youngIds.length] } },
      {
        contextValue: {
          db,
          eventsByFollowUp: eventsLoader(db),
          access: createAccessCollector(BENCH_CALLER, requestId),
        },
      },
    );
    if (response.body.kind !== 'single' || response.body.singleResult.errors)
      throw new Error(`Request ${requestId} failed: ${JSON.stringify(response.body)}`);
  };
}

function report(results: Record<Mode, Measure>): number {
  const rate = throughput;
  const row = (mode: Mode) => {
    const result = results[mode];
    return [
      `trail ${mode}`.padEnd(10),
      String(result.requests).padStart(8),
      result.seconds.toFixed(2).padStart(8),
      rate(result).toFixed(0).padStart(8),
      percentile(result.latencies, 50).toFixed(2).padStart(8),
      percentile(result.latencies, 95).toFixed(2).padStart(8),
    ].join('  ');
  };
  const ratio = rate(results.ON) / rate(results.OFF);
  console.log(
    `\n${'mode'.padEnd(10)}  ${'requests'.padStart(8)}  ${'seconds'.padStart(8)}  ${'req/s'.padStart(8)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}`,
  );
  console.log(row('OFF'));
  console.log(row('ON'));
  console.log(
    `\nthroughput ratio ON/OFF: ${ratio.toFixed(2)} (target ≥ 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})`,
  );
  return ratio;
}

async function main(): Promise<void> {
  const options = benchmarkOptions(process.argv.slice(2), HELP, { requests: 2000, concurrency: 32 });
  if (!options) return;
  const { requests, concurrency, maxSeconds } = options;

  const directory = mkdtempSync(join(tmpdir(), 'hub-bench-trail-'));
  const cluster = new EmbeddedCluster({ directory, port: 0 });
  let db: DataSource | null = null;
  const servers: ApolloServer<BenchContext>[] = [];
  try {
    console.error('Starting an embedded PostgreSQL and seeding one partner database…');
    await cluster.start();
    db = (
      await openSubgraphDatabase(
        { profile: SUBGRAPHS.e2c, entities: [], migrations },
        { databaseUrl: cluster.urlFor('e2c'), migrationDatabaseUrl: cluster.migrationUrlFor('e2c') },
      )
    ).dataSource;
    const youngIds = await seed(db);
    const server: Record<Mode, ApolloServer<BenchContext>> = {
      OFF: new ApolloServer<BenchContext>({ typeDefs, resolvers }),
      ON: new ApolloServer<BenchContext>({ typeDefs, resolvers, plugins: [accessTrailPlugin(db)] }),
    };
    servers.push(server.OFF, server.ON);
    await Promise.all(servers.map((s) => s.start()));

    const run = (mode: Mode, count: number, deadline: number, label: string, onRequest?: () => void) =>
      measure(sender(server[mode], db!, youngIds, label), { count, concurrency, deadline, onRequest });
    // Warm-up: JIT, connection pool and PostgreSQL caches, for both modes alike.
    const warmUp = Math.min(200, requests);
    await run('OFF', warmUp, Infinity, 'warm-off');
    await run('ON', warmUp, Infinity, 'warm-on');

    const slice = Math.ceil(requests / (SCHEDULE.length / 2));
    const progress = new Progress(Math.ceil((SCHEDULE.length * slice) / 100));
    let done = 0;
    const tick = () => {
      done += 1;
      if (done % 100 === 0) progress.step(`${done} requests`);
    };
    const parts: Record<Mode, Measure[]> = { OFF: [], ON: [] };
    for (const [index, mode] of SCHEDULE.entries()) {
      const deadline = performance.now() + (maxSeconds * 1000) / SCHEDULE.length;
      parts[mode].push(await run(mode, slice, deadline, `${mode.toLowerCase()}-${index}`, tick));
    }
    console.error('');
    report({ OFF: combine(parts.OFF), ON: combine(parts.ON) });

    const verdict = await verifyTrail(db);
    console.log(
      verdict.ok
        ? `trail verified: ${verdict.records} records, every chain intact`
        : `trail BROKEN: ${JSON.stringify(verdict)}`,
    );
    if (!verdict.ok) process.exitCode = 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    if (db?.isInitialized) await db.destroy();
    await cluster.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
