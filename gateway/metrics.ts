import {
  Counter,
  createRegistry,
  Gauge,
  Histogram,
  METRICS_CONTENT_TYPE,
  REQUEST_DURATION_BUCKETS,
  type Registry,
  stopwatch,
} from '../platform/observability/metrics';
import type { ServedRequest } from '../platform/observability/graphql';
import { ErrorCode } from '../platform/server/errors';

/** The states of a subgraph's circuit breaker, as `hub_subgraph_circuit_state` reports them. */
export const CIRCUIT_STATES = { closed: 0, 'half-open': 1, open: 2 } as const;
export type CircuitState = keyof typeof CIRCUIT_STATES;

/** What a subgraph fetch gave: an answer, an answer with errors, or no answer (the partner unreachable). */
export type FetchOutcome = 'ok' | 'errors' | 'unavailable';

/**
 * The gateway's Prometheus metrics (prom-client), served on `GET /metrics` with Node's default ones.
 * Labels stay bounded: operations by their type and root fields (platform/observability/graphql.ts),
 * subgraphs by name, errors by `extensions.code`, refusals by reason.
 */
export class GatewayMetrics {
  readonly registry: Registry;
  readonly contentType = METRICS_CONTENT_TYPE;
  private readonly requests: Counter<'operation'>;
  private readonly requestsWithErrors: Counter;
  private readonly requestDuration: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly partnerFailures: Counter<'subgraph'>;
  private readonly fetchDuration: Histogram<'subgraph' | 'outcome'>;
  private readonly refusals: Counter<'reason'>;
  private readonly circuitState: Gauge<'subgraph'>;
  private readonly consecutiveFailures: Gauge<'subgraph'>;
  private readonly callFailures: Counter<'subgraph' | 'reason'>;
  private readonly subgraphUp: Gauge<'subgraph'>;

  constructor() {
    const registry = (this.registry = createRegistry());
    const startedAt = Date.now();
    this.requests = new Counter({
      name: 'hub_gateway_requests_total',
      help: 'GraphQL requests served by the gateway, by operation.',
      labelNames: ['operation'],
      registers: [registry],
    });
    this.requestsWithErrors = new Counter({
      name: 'hub_gateway_requests_with_errors_total',
      help: 'GraphQL requests whose answer carried errors.',
      registers: [registry],
    });
    this.requestDuration = new Histogram({
      name: 'hub_gateway_request_duration_seconds',
      help: 'Duration of GraphQL requests, by operation (its type and root fields).',
      labelNames: ['operation'],
      buckets: REQUEST_DURATION_BUCKETS,
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'hub_gateway_errors_total',
      help: 'Errors in the gateway’s answers, by extensions.code.',
      labelNames: ['code'],
      registers: [registry],
    });
    this.partnerFailures = new Counter({
      name: 'hub_partner_unavailable_total',
      help: 'Subgraph fetches that failed because the partner could not be reached.',
      labelNames: ['subgraph'],
      registers: [registry],
    });
    this.fetchDuration = new Histogram({
      name: 'hub_subgraph_fetch_duration_seconds',
      help: 'Duration of the gateway’s fetches from each subgraph, by outcome (ok, errors, unavailable).',
      labelNames: ['subgraph', 'outcome'],
      buckets: REQUEST_DURATION_BUCKETS,
      registers: [registry],
    });
    this.refusals = new Counter({
      name: 'hub_gateway_refusals_total',
      help: 'Requests refused before execution, by reason (e.g. cost, depth, rate_limit, unknown_document).',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.circuitState = new Gauge({
      name: 'hub_subgraph_circuit_state',
      help: 'State of each subgraph’s circuit breaker: 0 closed, 1 half-open, 2 open.',
      labelNames: ['subgraph'],
      registers: [registry],
    });
    this.consecutiveFailures = new Gauge({
      name: 'hub_subgraph_consecutive_failures',
      help: 'Failed calls to each subgraph since its last success (the circuit opens at a threshold).',
      labelNames: ['subgraph'],
      registers: [registry],
    });
    this.callFailures = new Counter({
      name: 'hub_subgraph_call_failures_total',
      help: 'Failed calls to each subgraph, by reason (TIMEOUT, CIRCUIT_OPEN, CONNECTION_FAILED…).',
      labelNames: ['subgraph', 'reason'],
      registers: [registry],
    });
    this.subgraphUp = new Gauge({
      name: 'hub_subgraph_up',
      help: 'Whether the subgraph answered its health check (1) or not (0).',
      labelNames: ['subgraph'],
      registers: [registry],
    });
    new Gauge({
      name: 'hub_gateway_uptime_seconds',
      help: 'Seconds since the gateway started.',
      registers: [registry],
      collect() {
        this.set(Math.round((Date.now() - startedAt) / 1000));
      },
    });
  }

  /** One GraphQL request served (platform/observability/graphql.ts). */
  observeRequest(request: ServedRequest): void {
    this.requests.inc({ operation: request.operation });
    this.requestDuration.observe({ operation: request.operation }, request.durationSeconds);
    if (request.errorCodes.length > 0) this.requestsWithErrors.inc();
    for (const code of request.errorCodes) this.errors.inc({ code });
  }

  /** A request served, when only whether it had errors is known. */
  countRequest(hadErrors: boolean): void {
    this.requests.inc({ operation: 'other' });
    if (hadErrors) this.requestsWithErrors.inc();
  }

  countPartnerFailure(subgraph: string): void {
    this.partnerFailures.inc({ subgraph });
  }

  observeSubgraphFetch(subgraph: string, outcome: FetchOutcome, seconds: number): void {
    this.fetchDuration.observe({ subgraph, outcome }, seconds);
  }

  /** A request refused before execution; `reason` is one of a few fixed words (cost, rate_limit…). */
  countRefusal(reason: string): void {
    this.refusals.inc({ reason });
  }

  setCircuitState(subgraph: string, state: CircuitState, consecutiveFailures?: number): void {
    this.circuitState.set({ subgraph }, CIRCUIT_STATES[state]);
    if (consecutiveFailures !== undefined) this.consecutiveFailures.set({ subgraph }, consecutiveFailures);
  }

  /** A failed call to a subgraph (gateway/subgraph-client.ts), by `PARTNER_UNAVAILABLE` reason. */
  countCallFailure(subgraph: string, reason: string): void {
    this.callFailures.inc({ subgraph, reason });
  }

  /** The Prometheus text, with each subgraph's health as just checked. */
  async render(subgraphUp: Record<string, boolean>): Promise<string> {
    for (const [subgraph, up] of Object.entries(subgraphUp)) this.subgraphUp.set({ subgraph }, up ? 1 : 0);
    return this.registry.metrics();
  }
}

/** The part of a data source that fetches (RemoteGraphQLDataSource's `process`). */
interface FetchingSource<Options, Response extends { errors?: readonly { extensions?: object }[] }> {
  process(options: Options): Promise<Response>;
}

/**
 * Times every fetch of `source` into `hub_subgraph_fetch_duration_seconds{subgraph}`; an answer that names
 * the partner unavailable (gateway/partner-data-source.ts) is an `unavailable` outcome.
 */
export function timedFetches<
  Options,
  Response extends { errors?: readonly { extensions?: object }[] },
  Source extends FetchingSource<Options, Response>,
>(source: Source, subgraph: string, metrics: GatewayMetrics): Source {
  const fetch = source.process.bind(source);
  source.process = async (options: Options) => {
    const elapsed = stopwatch();
    let outcome: FetchOutcome = 'unavailable';
    try {
      const response = await fetch(options);
      const codes = (response.errors ?? []).map((error) => (error.extensions as { code?: unknown })?.code);
      outcome = codes.includes(ErrorCode.PARTNER_UNAVAILABLE)
        ? 'unavailable'
        : codes.length
          ? 'errors'
          : 'ok';
      return response;
    } finally {
      metrics.observeSubgraphFetch(subgraph, outcome, elapsed());
    }
  };
  return source;
}
