import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

export { Counter, Gauge, Histogram, Registry };

/** Prometheus text, as `GET /metrics` serves it. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * Durations of a GraphQL request or a subgraph fetch, in seconds: from a few milliseconds (a cached
 * refusal) to the gateway's timeouts.
 */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Durations of one write to the access trail, in seconds. */
export const WRITE_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * A registry for one server (the gateway, a subgraph), with Node's default metrics (`process_*`,
 * `nodejs_*`: CPU, memory, GC, event-loop lag `nodejs_eventloop_lag_seconds` and its percentiles).
 * Each server has its own, so that several in one process (`npm start`, the tests) do not mix.
 */
export function createRegistry(labels: Record<string, string> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Starts a timer; the function returned gives the seconds elapsed. */
export function stopwatch(): () => number {
  const started = process.hrtime.bigint();
  return () => Number(process.hrtime.bigint() - started) / 1e9;
}

/** The parts of node-postgres's Pool the pool gauges read. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * `hub_db_pool_connections{state}`: the connections of a TypeORM data source's pg pool, `total`
 * (open), `idle` and `waiting` (clients queued for a connection), read at each scrape.
 */
export function registerPoolGauge(registry: Registry, dataSource: DataSource): Gauge<'state'> {
  return new Gauge({
    name: 'hub_db_pool_connections',
    help: 'Connections of the database pool: total (open), idle, and waiting (requests queued for one).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = (dataSource.driver as unknown as { master?: Partial<PoolCounts> }).master;
      this.set({ state: 'total' }, pool?.totalCount ?? 0);
      this.set({ state: 'idle' }, pool?.idleCount ?? 0);
      this.set({ state: 'waiting' }, pool?.waitingCount ?? 0);
    },
  });
}

/**
 * `hub_trail_write_duration_seconds{outcome}`: how long each write of an access record took, and whether it
 * was written (`ok`) or not (`failed`: the response was withheld).
 */
export function registerTrailWriteHistogram(registry: Registry): Histogram<'outcome'> {
  return new Histogram({
    name: 'hub_trail_write_duration_seconds',
    help: 'Duration of each write to the access trail, by outcome (ok, failed).',
    labelNames: ['outcome'],
    buckets: WRITE_DURATION_BUCKETS,
    registers: [registry],
  });
}

/** Times `write`, observing its duration and outcome in `histogram`. */
export async function timed<T>(histogram: Histogram<'outcome'>, write: () => Promise<T>): Promise<T> {
  const elapsed = stopwatch();
  try {
    const result = await write();
    histogram.observe({ outcome: 'ok' }, elapsed());
    return result;
  } catch (error) {
    histogram.observe({ outcome: 'failed' }, elapsed());
    throw error;
  }
}

/** A subgraph's metrics: its registry (served on its `GET /metrics`) and the timer of its trail writes. */
export interface SubgraphMetrics {
  registry: Registry;
  /** Runs one write to the access trail, timed into `hub_trail_write_duration_seconds`. */
  timeTrailWrite<T>(write: () => Promise<T>): Promise<T>;
  /** Counts one access fact signed or one signature checked (`hub_access_facts_total`). */
  countFact(operation: FactOperation): void;
  /** Counts one GraphQL request this subgraph served (`hub_subgraph_requests_total`): a gateway's fetch. */
  countRequest(): void;
}

/** What a subgraph does with an access fact: sign its own, or check another's signature. */
export type FactOperation = 'signed' | 'verified';

/** Node's default metrics, the pool and the trail writes, all labelled with the subgraph's name. */
export function createSubgraphMetrics(
  subgraph: string,
  dataSource: DataSource,
  statements: { statements: number },
): SubgraphMetrics {
  const registry = createRegistry({ subgraph });
  registerPoolGauge(registry, dataSource);
  const trailWrites = registerTrailWriteHistogram(registry);
  // Signatures are the dearest step of a read (docs/performance.md): their count per request is watched.
  const facts = new Counter({
    name: 'hub_access_facts_total',
    help: 'Access facts this subgraph signed, and signatures of other subgraphs’ facts it checked.',
    labelNames: ['operation'],
    registers: [registry],
  });
  // What one read costs, per subgraph: the fetches it takes and the statements they send (npm run bench:reads).
  const requests = new Counter({
    name: 'hub_subgraph_requests_total',
    help: 'GraphQL requests this subgraph served: fetches of a gateway.',
    registers: [registry],
  });
  new Counter({
    name: 'hub_sql_statements_total',
    help: 'SQL statements this subgraph sent to its database.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(statements.statements);
    },
  });
  return {
    registry,
    timeTrailWrite: (write) => timed(trailWrites, write),
    countFact: (operation) => facts.inc({ operation }),
    countRequest: () => requests.inc(),
  };
}
