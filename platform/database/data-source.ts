import { DataSource, type Logger, type MixedList, type EntitySchema } from 'typeorm';
import type { SubgraphProfile } from '../partners';

/**
 * Counts the SQL statements a subgraph sends. Tests read it to prove that batching keeps the
 * number of statements per request independent of how many rows are asked for.
 */
export class StatementCounter implements Logger {
  statements = 0;

  /** With HUB_LOG_SQL=1, prints each statement (never its parameters, which hold personal data). */
  constructor(private readonly echo = process.env.HUB_LOG_SQL === '1') {}

  logQuery(query: string): void {
    this.statements += 1;
    if (this.echo) process.stderr.write(`[sql] ${query.replace(/\s+/g, ' ').slice(0, 300)}\n`);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface SubgraphDataSourceOptions {
  profile: SubgraphProfile;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

export interface SubgraphDataSource {
  dataSource: DataSource;
  counter: StatementCounter;
}

/**
 * One TypeORM data source per subgraph, on that subgraph's own database and role. Schema changes go through
 * migrations only.
 */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): SubgraphDataSource {
  const counter = new StatementCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: true,
    logger: counter,
    applicationName: `hub-${options.profile.name}`,
    extra: { max: options.poolSize ?? 10 },
  });
  return { dataSource, counter };
}
