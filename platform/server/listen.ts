import { databaseUrlVariable, integerSetting, migrationDatabaseUrlVariable } from '../config';
import { startSubgraph, type SubgraphDefinition } from './subgraph-server';

/**
 * Runs one subgraph on its own, as a partner deploys it (see docker-compose.yml): database from
 * `<STEM>_DATABASE_URL`, port from `PORT`, graceful stop on SIGTERM/SIGINT.
 */
export async function listen(definition: SubgraphDefinition): Promise<void> {
  const variable = databaseUrlVariable(definition.profile.name);
  const databaseUrl = process.env[variable];
  if (!databaseUrl) {
    console.error(`${variable} is not set: ${definition.profile.label} needs its own PostgreSQL database (postgres://user:password@host:port/database).`);
    process.exit(2);
  }
  const running = await startSubgraph(definition, {
    databaseUrl,
    migrationDatabaseUrl: process.env[migrationDatabaseUrlVariable(definition.profile.name)],
    port: integerSetting(process.env, 'PORT', definition.profile.defaultPort),
    host: process.env.HOST ?? '0.0.0.0',
  });
  console.log(`${definition.profile.label} subgraph listening on port ${running.port}`);
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
