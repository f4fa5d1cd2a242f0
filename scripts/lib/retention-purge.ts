import type { EntityManager } from 'typeorm';
import { databaseUrlVariable, migrationDatabaseUrlVariable } from '../../platform/config';
import { createSubgraphDataSource } from '../../platform/database/data-source';
import type { SubgraphName } from '../../platform/partners';
import { instantOn, isCalendarDay, parisDay } from '../../platform/calendar';
import { retentionPeriods } from '../../platform/policy/retention';
import type { PurgeReport } from '../../platform/retention/purge';
import type { SubgraphDefinition } from '../../platform/server/definition';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';
import { reachEmbeddedCluster } from './embedded';
import { Progress } from './progress';

export interface RetentionPurgeOptions {
  subgraphs: readonly SubgraphName[];
  /** The embedded cluster's folder, for subgraphs without `<STEM>_DATABASE_URL`. */
  dataDirectory: string;
  /**
   * Where the database URLs come from. `HUB_TRAIL_RETENTION_YEARS` is read from the process environment, like
   * the subgraphs do.
   */
  env: NodeJS.ProcessEnv;
  /** The clock: records are purged relative to this instant's Paris day. */
  now: Date;
  /** Count what would be purged, in a transaction rolled back at the end. */
  dryRun: boolean;
  /** Where the report goes (stdout for the command). */
  print: (line: string) => void;
  quiet?: boolean;
}

export interface RetentionPurgeResult {
  /** 0 when every subgraph was purged (or counted), 1 otherwise. */
  status: number;
  reports: PurgeReport[];
}

/**
 * Runs each subgraph's `purgeExpired` in that subgraph's own database, as the role that owns its
 * schema: the purge is a data-lifecycle job of the partner, not a request, and the owner is the
 * role that also prunes the access trail, behind its checkpoints. One transaction per
 * subgraph: a failure purges nothing there, and the other subgraphs go on.
 */
export async function retentionPurge(options: RetentionPurgeOptions): Promise<RetentionPurgeResult> {
  // Fails on a bad HUB_TRAIL_RETENTION_YEARS before anything is deleted anywhere.
  retentionPeriods(process.env);
  const needsCluster = options.subgraphs.some((name) => !options.env[databaseUrlVariable(name)]);
  const embedded = needsCluster
    ? await reachEmbeddedCluster(options.dataDirectory, options.subgraphs.map(databaseUrlVariable))
    : null;
  const progress = new Progress(options.subgraphs.length, options.quiet);
  const reports: PurgeReport[] = [];
  let failures = 0;
  options.print(
    `Retention purge as of ${parisDay(options.now)} (Paris)${options.dryRun ? ', dry run: nothing is deleted' : ''}`,
  );
  try {
    for (const name of options.subgraphs) {
      const external = options.env[databaseUrlVariable(name)];
      const ownerUrl = external
        ? (options.env[migrationDatabaseUrlVariable(name)] ?? external)
        : embedded!.cluster.migrationUrlFor(name);
      try {
        const report = await purgeSubgraph(SUBGRAPH_DEFINITIONS[name], ownerUrl, options.now, options.dryRun);
        reports.push(report);
        for (const line of describeReport(report, options.dryRun)) options.print(line);
      } catch (error) {
        failures += 1;
        options.print(
          `${name}: FAILED, nothing purged: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      progress.step(`${name} ${options.dryRun ? 'counted' : 'purged'}`);
    }
  } finally {
    if (embedded?.startedHere) await embedded.cluster.stop();
  }
  return { status: failures === 0 ? 0 : 1, reports };
}

async function purgeSubgraph(
  definition: SubgraphDefinition,
  url: string,
  now: Date,
  dryRun: boolean,
): Promise<PurgeReport> {
  const { dataSource } = createSubgraphDataSource({
    profile: definition.profile,
    url,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: 1,
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await requireMigrated(runner.manager, definition);
    // A dry run is the real purge inside a transaction that is rolled back: the counts are exact.
    if (!dryRun) return await definition.purgeExpired(runner.manager, now);
    await runner.startTransaction();
    try {
      return await definition.purgeExpired(runner.manager, now);
    } finally {
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

/**
 * A purge written for the current tables must not run on a database an older version left: it
 * would fail on a missing table at best. Read, not run: a purge never migrates.
 */
async function requireMigrated(manager: EntityManager, definition: SubgraphDefinition): Promise<void> {
  // No migrations table at all: nothing was ever applied.
  const rows: { name: string }[] = await manager.query('SELECT name FROM schema_migrations').catch(() => []);
  const applied = new Set(rows.map((row) => row.name));
  const pending = definition.migrations
    .map((migration) => migration.name)
    .filter((name) => !applied.has(name));
  if (pending.length > 0)
    throw new Error(
      `its database is not migrated (${pending.length} pending, e.g. ${pending[0]}): start the hub once (npm start) first`,
    );
}

/** The lines of one subgraph's report: a total, and one line per table (the access trail last). */
export function describeReport(report: PurgeReport, dryRun: boolean): string[] {
  const verb = dryRun ? 'would be purged' : 'purged';
  const width = Math.max(...report.purged.map((entry) => entry.table.length), 0);
  const categoryWidth = Math.max(...report.purged.map((entry) => entry.category.length), 0);
  return [
    `${report.subgraph}: ${report.total} ${report.total === 1 ? 'row' : 'rows'} ${verb}`,
    ...report.purged.map(
      (entry) =>
        `  ${entry.table.padEnd(width)}  ${entry.category.padEnd(categoryWidth)}  cutoff ${entry.cutoff}  ${String(entry.rows).padStart(7)} ${verb}`,
    ),
  ];
}

/**
 * `--now`: a day (`2040-01-01`, that day in Paris) or an ISO instant. Strict, so that a typo
 * cannot move the clock years away: `2040-02-30` and `next year` are refused.
 */
export function parseClock(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // Noon UTC is the same day in Paris whatever the season.
    if (isCalendarDay(value)) return instantOn(value, '12:00');
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new Error(`--now must be an ISO day (2040-01-01) or instant (2040-01-01T00:00:00Z), not "${value}"`);
}
