import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { GatewayMetrics } from '../../gateway/metrics';
import { createSubgraphMetrics } from '../../platform/observability/metrics';
import { PROJECT_ROOT } from '../../platform/paths';

interface Panel {
  id: number;
  title: string;
  targets: { expr: string }[];
}

const dashboard = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'deploy/grafana/hub-dashboard.json'), 'utf8'),
) as { uid: string; panels: Panel[] };

/** The metrics the gateway and a subgraph register (with Node's defaults), by name and type. */
async function registered(): Promise<Map<string, string>> {
  const gateway = new GatewayMetrics().registry;
  const subgraph = createSubgraphMetrics('psad', { driver: {} } as DataSource, { statements: 0 }).registry;
  const metrics = [...(await gateway.getMetricsAsJSON()), ...(await subgraph.getMetricsAsJSON())];
  return new Map(metrics.map((metric) => [metric.name, String(metric.type)]));
}

/** The series names a PromQL expression reads (the hub's and Node's: `hub_*`, `nodejs_*`, `process_*`). */
function seriesOf(expr: string): string[] {
  return [...expr.matchAll(/\b((?:hub|nodejs|process)_[a-z0-9_]+)\b/g)].map((match) => match[1]);
}

/** Whether a series is one that `names` exposes: a metric itself, or a histogram's bucket, sum or count. */
function isExposed(series: string, names: Map<string, string>): boolean {
  if (names.has(series)) return true;
  const base = /^(.*)_(bucket|sum|count)$/.exec(series)?.[1];
  return base !== undefined && names.get(base) === 'histogram';
}

describe('deploy/grafana/hub-dashboard.json', () => {
  it('queries only metrics the hub registers', async () => {
    const names = await registered();
    const unknown = dashboard.panels
      .flatMap((panel) => panel.targets.flatMap((target) => seriesOf(target.expr)))
      .filter((series) => !isExposed(series, names));
    expect(unknown).toEqual([]);
  });

  it('tells an unknown or mistyped series apart', async () => {
    const names = await registered();
    expect(isExposed('hub_gateway_request_duration_seconds_bucket', names)).toBe(true);
    expect(isExposed('hub_gateway_requests_total_bucket', names)).toBe(false);
    expect(isExposed('hub_gateway_request_latency_seconds', names)).toBe(false);
  });

  it('has a panel for each thing the operator watches, each with a query', () => {
    const series = new Set(
      dashboard.panels.flatMap((panel) => panel.targets.flatMap((t) => seriesOf(t.expr))),
    );
    for (const name of [
      'hub_gateway_requests_total',
      'hub_gateway_request_duration_seconds_bucket',
      'hub_subgraph_fetch_duration_seconds_bucket',
      'hub_gateway_errors_total',
      'hub_gateway_refusals_total',
      'hub_subgraph_circuit_state',
      'hub_trail_write_duration_seconds_bucket',
      'nodejs_eventloop_lag_p99_seconds',
      'hub_db_pool_connections',
    ])
      expect(series).toContain(name);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) expect(panel.targets.length).toBeGreaterThan(0);
  });
});
