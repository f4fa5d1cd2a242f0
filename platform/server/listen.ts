// First: with OTEL_EXPORTER_OTLP_ENDPOINT set, tracing hooks http and pg before anything loads them.
import '../observability/instrument';
import type { KeyObject } from 'node:crypto';
import type { FactKeys } from '../auth/facts';
import {
  factKeysFromEnvironment,
  internalPublicKeyFromEnvironment,
  KeyConfigurationError,
} from '../auth/keys';
import {
  dataDirectorySetting,
  databaseUrlVariable,
  integerSetting,
  isProduction,
  migrationDatabaseUrlVariable,
} from '../config';
import { createLogger, type Logger } from '../observability/logger';
import { stopTracing } from '../observability/tracing';
import type { SubgraphDefinition } from './definition';
import { startSubgraph } from './subgraph-server';
import { announceReady } from './supervised';

/**
 * Runs one subgraph on its own, as a partner deploys it (see docker-compose.yml): database from
 * `<STEM>_DATABASE_URL`, port from `PORT`, the gateway's public key from
 * `HUB_INTERNAL_PUBLIC_KEY_FILE` and the fact keys from `HUB_FACT_PRIVATE_KEY_FILE` and
 * `HUB_FACT_PUBLIC_KEYS_FILE` (outside production: the development keys under HUB_DATA_DIR),
 * graceful stop on SIGTERM/SIGINT.
 */
export async function listen(definition: SubgraphDefinition): Promise<void> {
  const logger = createLogger(definition.profile.name);
  const variable = databaseUrlVariable(definition.profile.name);
  const databaseUrl = process.env[variable];
  if (!databaseUrl) {
    logger.fatal(
      `${variable} is not set: ${definition.profile.label} needs its own PostgreSQL database (postgres://user:password@host:port/database).`,
    );
    process.exit(2);
  }
  const internalPublicKey = configured(logger, () =>
    internalPublicKeyFromEnvironment(process.env, {
      production: isProduction(),
      dataDirectory: dataDirectorySetting(),
    }),
  );
  const factKeys = configured<FactKeys>(logger, () =>
    factKeysFromEnvironment(process.env, definition.profile.name, {
      production: isProduction(),
      dataDirectory: dataDirectorySetting(),
    }),
  );
  const running = await startSubgraph(definition, {
    databaseUrl,
    migrationDatabaseUrl: process.env[migrationDatabaseUrlVariable(definition.profile.name)],
    internalPublicKey,
    factKeys,
    port: integerSetting(process.env, 'PORT', definition.profile.defaultPort),
    host: process.env.HOST ?? '0.0.0.0',
  });
  logger.info({ port: running.port }, `${definition.profile.label} subgraph listening`);
  const stop = async () => {
    await running.stop();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  announceReady(running.port, stop);
}

/** Without a trustworthy key the subgraph must not start; the message says which variable to set. */
function configured<Key = KeyObject>(logger: Logger, load: () => Key): Key {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof KeyConfigurationError)) throw error;
    logger.fatal(error.message);
    process.exit(2);
  }
}
