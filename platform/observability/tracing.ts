import { basename, dirname } from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';

/** Routes whose requests are not traced: probes and scrapers. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/** Query parameters whose values never reach a span: a GET /graphql carries the operation and its variables. */
const REDACTED_QUERY_PARAMETERS = ['query', 'variables', 'extensions', 'operationName', 'sig', 'Signature'];

export interface TracingOptions {
  /** Default: `OTEL_SERVICE_NAME`, else the entry point's folder (`gateway`, `psad`…), else `hub`. */
  serviceName?: string;
  /** Where spans go; default: OTLP over HTTP (JSON) to `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** Sends the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Whether tracing is configured: the standard OTLP endpoint variables. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let running: Tracing | null = null;

/**
 * OpenTelemetry traces, off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`) is set or an
 * exporter is given: incoming and outgoing HTTP (http and undici: the W3C `traceparent` header carries the
 * trace from the gateway to each subgraph) and PostgreSQL statements (their text, never their parameters).
 * It must run before `http`, `undici` and `pg` are loaded: entry points import
 * `platform/observability/instrument` first. Idempotent.
 */
export function startTracing(options: TracingOptions = {}): Tracing | null {
  const env = options.env ?? process.env;
  if (running) return running;
  if (!options.exporter && !tracingConfigured(env)) return null;
  const exporter = options.exporter ?? new OTLPTraceExporter();
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? defaultServiceName(env) }),
    // A test's exporter sees each span as it ends; a collector gets them in batches.
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]),
        redactedQueryParamsServer: REDACTED_QUERY_PARAMETERS,
        redactedQueryParams: REDACTED_QUERY_PARAMETERS,
      }),
      new UndiciInstrumentation(),
      // Statements as prepared ($1, $2…): their values hold personal data and stay out of spans.
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    ],
  });
  running = {
    async shutdown() {
      unregister();
      await provider.shutdown();
      running = null;
    },
  };
  return running;
}

/** Sends the spans still buffered and stops tracing, if it runs: entry points call it before exiting. */
export async function stopTracing(): Promise<void> {
  await running?.shutdown();
}

function defaultServiceName(env: NodeJS.ProcessEnv): string {
  if (env.OTEL_SERVICE_NAME) return env.OTEL_SERVICE_NAME;
  const entry = process.argv[1];
  if (!entry) return 'hub';
  const folder = basename(dirname(entry));
  return folder === 'scripts' ? 'hub' : folder;
}
