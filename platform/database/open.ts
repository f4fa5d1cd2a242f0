import type { SubgraphProfile } from '../partners';
import { createSubgraphDataSource, type SubgraphDataSource } from './data-source';

export interface SubgraphDatabaseUrls {
  /** The runtime role: what the subgraph serves requests with. */
  databaseUrl: string;
  /** The schema owner: runs the migrations; defaults to the runtime role. */
  migrationDatabaseUrl?: string;
}

/** What opening a database needs from a subgraph: tools and tests open one without its schema. */
export interface SubgraphStorage {
  profile: SubgraphProfile;
  /** TypeORM entity classes. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  /** TypeORM migration classes, applied in this order. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/**
 * Applies pending migrations as the schema owner, then connects as the runtime role. Keeping
 * them apart is what lets the runtime role be denied UPDATE and DELETE on the access trail.
 */
export async function openSubgraphDatabase(
  definition: SubgraphStorage,
  urls: SubgraphDatabaseUrls,
): Promise<SubgraphDataSource> {
  const options = {
    profile: definition.profile,
    entities: definition.entities,
    migrations: definition.migrations,
  };
  if (urls.migrationDatabaseUrl && urls.migrationDatabaseUrl !== urls.databaseUrl) {
    const owner = createSubgraphDataSource({ ...options, url: urls.migrationDatabaseUrl, poolSize: 1 });
    await owner.dataSource.initialize();
    try {
      await owner.dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await owner.dataSource.destroy();
    }
    const runtime = createSubgraphDataSource({ ...options, url: urls.databaseUrl });
    await runtime.dataSource.initialize();
    return runtime;
  }
  const database = createSubgraphDataSource({ ...options, url: urls.databaseUrl });
  await database.dataSource.initialize();
  await database.dataSource.runMigrations({ transaction: 'each' });
  return database;
}
