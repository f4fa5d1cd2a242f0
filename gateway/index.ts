// First: with OTEL_EXPORTER_OTLP_ENDPOINT set, tracing hooks http and pg before anything loads them.
import '../platform/observability/instrument';
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayKeysFromEnvironment } from '../platform/auth/keys';
import {
  dataDirectorySetting,
  defaultSubgraphUrl,
  integerSetting,
  isProduction,
  subgraphUrlVariable,
} from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { SUBGRAPH_NAMES } from '../platform/partners';
import { createLogger, errorFields } from '../platform/observability/logger';
import { stopTracing } from '../platform/observability/tracing';
import { announceReady } from '../platform/server/supervised';
import { startGateway } from './server';

const logger = createLogger('gateway');

/**
 * Runs the gateway on its own, in front of subgraphs deployed elsewhere (see docker-compose.yml):
 * supergraph from SUPERGRAPH_PATH (default: the committed schema/supergraph.graphql), subgraph
 * URLs from `<STEM>_SUBGRAPH_URL`, port from PORT, keys from `HUB_AUTH_*` and
 * `HUB_INTERNAL_PRIVATE_KEY_FILE` (platform/auth/keys.ts; in production it refuses to start
 * without them).
 */
async function main(): Promise<void> {
  const supergraphPath = resolve(process.env.SUPERGRAPH_PATH ?? `${PROJECT_ROOT}/schema/supergraph.graphql`);
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, process.env[subgraphUrlVariable(name)] ?? defaultSubgraphUrl(name)]),
  );
  const production = isProduction();
  const keys = gatewayKeysFromEnvironment(process.env, { production, dataDirectory: dataDirectorySetting() });
  const gateway = await startGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls,
    keys,
    port: integerSetting(process.env, 'PORT', 4000),
    host: process.env.HOST ?? '0.0.0.0',
    production,
  });
  logger.info({ port: gateway.port }, 'gateway listening');
  const stop = async () => {
    await gateway.stop();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  announceReady(gateway.port, stop);
}

main().catch((error: unknown) => {
  logger.fatal(errorFields(error), 'the gateway could not start');
  process.exit(1);
});
