import { startTracing } from './tracing';

/**
 * Imported first by each entry point (gateway/index.ts, the subgraphs' index.ts, scripts/start.ts), before
 * anything loads `http` or `pg`: with `OTEL_EXPORTER_OTLP_ENDPOINT` set, their calls are traced from here on.
 */
const tracing = startTracing();

if (tracing) {
  const flush = () => void tracing.shutdown();
  process.once('beforeExit', flush);
}
