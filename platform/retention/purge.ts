import type { EntityManager } from 'typeorm';
import { purgeTrailBefore } from '../audit/retention';
import { purgeIdempotencyKeys } from '../database/idempotency';
import type { SubgraphName, SubgraphProfile } from '../partners';
import { retentionPeriods, type RetentionRule } from '../policy/retention';
import type { DataCategory } from '../policy/types';
import { retentionCutoff } from './cutoff';

/**
 * The rows of one table that a subgraph purges once their category's period has run out. Every
 * string here is a constant of the subgraph's `retention.ts`, never input: table names and the
 * parent's key columns are checked to be plain identifiers before any SQL is built, and the SQL
 * fragments (`endsOn`, `onlyIf`) are written in the code, over the columns of the migrations.
 */
export interface ExpiringRows {
  /** The table the rows are deleted from. */
  table: string;
  /** The category of its rows (platform/policy/retention.ts gives the period). */
  category: DataCategory;
  /**
   * SQL expression of the day the period starts from: a closure, an end, a withdrawal… over the
   * columns of `table`, or of `parent.table` when given. NULL means the record is still open or in
   * force, and `NULL < cutoff` is never true: an open record is never purged, however old.
   */
  endsOn: string;
  /**
   * Another condition on the same row, e.g. "nothing else refers to it" (SQL, over the same columns as
   * `endsOn`).
   */
  onlyIf?: string;
  /**
   * When the rows belong to a parent row (a follow-up's events, a contract's reviews): they are
   * purged when the parent's `endsOn` has passed their own category's period. A plan lists them
   * before their parent, so that a parent is never deleted before its children (foreign keys).
   */
  parent?: { table: string; key: string; foreignKey: string };
}

/** A subgraph's purge, in order: children before parents, rows others point at last. */
export type RetentionPlan = readonly ExpiringRows[];

/**
 * Idempotency keys hold no case data: they have their own short period (platform/database/idempotency.ts).
 */
export const IDEMPOTENCY_KEYS = 'IDEMPOTENCY_KEYS';

export interface PurgedRows {
  table: string;
  category: DataCategory | typeof IDEMPOTENCY_KEYS;
  /** Rows whose period started before this day (Paris) were purged. */
  cutoff: string;
  rows: number;
}

/** What one subgraph's purge did (or, in a dry run rolled back by the caller, would do). */
export interface PurgeReport {
  subgraph: SubgraphName;
  /** The clock the purge ran with (ISO instant). */
  now: string;
  purged: PurgedRows[];
  /** Sum of `purged[].rows`. */
  total: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier in a retention plan: "${name}"`);
  return name;
}

/**
 * `(column AT TIME ZONE 'Europe/Paris')::date`: a timestamp's Paris day, comparable to the cutoff like a date
 * column.
 */
export function parisDayOf(column: string): string {
  return `(${identifier(column)} AT TIME ZONE 'Europe/Paris')::date`;
}

/** The SQL condition selecting the expired rows of `rows` against the cutoff in `$1`. */
function expiredCondition(rows: ExpiringRows): string {
  const own = `(${rows.endsOn}) < $1::date${rows.onlyIf ? ` AND (${rows.onlyIf})` : ''}`;
  if (!rows.parent) return own;
  const { table, key, foreignKey } = rows.parent;
  return `${identifier(foreignKey)} IN (SELECT ${identifier(key)} FROM ${identifier(table)} WHERE ${own})`;
}

/**
 * Deletes the rows of `rows.table` whose period started before `cutoff` (a Paris day) and returns
 * how many. One statement; the count comes back as a row so that it does not depend on how the
 * driver reports affected rows.
 */
export async function deleteExpired(
  manager: EntityManager,
  rows: ExpiringRows,
  cutoff: string,
): Promise<number> {
  const [result]: { count: number }[] = await manager.query(
    `WITH purged AS (DELETE FROM ${identifier(rows.table)} WHERE ${expiredCondition(rows)} RETURNING 1) SELECT count(*)::int AS count FROM purged`,
    [cutoff],
  );
  return result.count;
}

/**
 * Runs a subgraph's plan in one transaction (a savepoint inside the caller's, if any: that is how
 * a dry run rolls everything back): all of it is purged, or nothing. `periods` defaults to the
 * policy's, with `HUB_TRAIL_RETENTION_YEARS` applied.
 */
export async function runRetentionPlan(
  manager: EntityManager,
  now: Date,
  profile: SubgraphProfile,
  plan: RetentionPlan,
  periods: Record<DataCategory, RetentionRule> = retentionPeriods(),
): Promise<PurgeReport> {
  const cutoffOf = (category: DataCategory) => retentionCutoff(periods[category].months, now);
  return manager.transaction(async (transaction) => {
    const purged: PurgedRows[] = [];
    for (const rows of plan) {
      const cutoff = cutoffOf(rows.category);
      purged.push({
        table: rows.table,
        category: rows.category,
        cutoff,
        rows: await deleteExpired(transaction, rows, cutoff),
      });
    }
    const keys = await purgeIdempotencyKeys(transaction, now);
    purged.push({
      table: 'idempotent_write',
      category: IDEMPOTENCY_KEYS,
      cutoff: keys.cutoff,
      rows: keys.rows,
    });
    // The access trail goes last, behind checkpoints that keep its chains verifiable
    // (platform/audit/retention.ts).
    const trailCutoff = cutoffOf('ACCESS_LOG');
    purged.push({
      table: 'access_trail',
      category: 'ACCESS_LOG',
      cutoff: trailCutoff,
      rows: await purgeTrailBefore(transaction, trailCutoff, now),
    });
    return {
      subgraph: profile.name,
      now: now.toISOString(),
      purged,
      total: purged.reduce((sum, entry) => sum + entry.rows, 0),
    };
  });
}
