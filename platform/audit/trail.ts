import type { DataSource } from 'typeorm';
import {
  normalise,
  storedRecordOf,
  TRAIL_COLUMNS,
  type AccessRecord,
  type StoredAccessRecord,
  type TrailRow,
} from './record';
import { TrailWriter } from './writer';

/**
 * The access trail of one subgraph's database: append (`appendAccessRecord`), read one person's
 * records (`readTrail`), and check that nothing was changed (`verifyTrail`).
 */
export { canonical, hashRecord, type AccessRecord, type StoredAccessRecord } from './record';
export { verifyTrail, type TamperKind, type TrailSource, type TrailVerdict } from './verify';

const writers = new WeakMap<DataSource, TrailWriter>();

/**
 * Appends one record and resolves once the transaction holding it has committed; rejects if it
 * could not be written. Concurrent appends share transactions (see TrailWriter) and lock one
 * chain's head each, never the whole trail.
 */
export async function appendAccessRecord(db: DataSource, record: AccessRecord): Promise<StoredAccessRecord> {
  const stored = normalise(record);
  let writer = writers.get(db);
  if (!writer) {
    writer = new TrailWriter(db);
    writers.set(db, writer);
  }
  return writer.append(stored);
}

/** Every record about one young person, oldest first. */
export async function readTrail(db: DataSource, youngId: string): Promise<StoredAccessRecord[]>;
/**
 * The newest `newest` records about one young person, newest first, and how many there are in
 * all (for `accessLog`): one statement, bounded however long the person's trail has grown.
 */
export async function readTrail(
  db: DataSource,
  youngId: string,
  window: { newest: number },
): Promise<{ records: StoredAccessRecord[]; total: number }>;
export async function readTrail(
  db: DataSource,
  youngId: string,
  window?: { newest: number },
): Promise<StoredAccessRecord[] | { records: StoredAccessRecord[]; total: number }> {
  if (!window) {
    const rows: TrailRow[] = await db.query(
      `SELECT ${TRAIL_COLUMNS} FROM access_trail WHERE young_ids @> ARRAY[$1]::text[] ORDER BY at, chain, position`,
      [youngId],
    );
    return rows.map(storedRecordOf);
  }
  if (!Number.isInteger(window.newest) || window.newest < 1)
    throw new RangeError('readTrail: `newest` must be a positive integer');
  // The window count is taken before LIMIT: the total of the person's records, not of the page.
  const rows: (TrailRow & { total: string })[] = await db.query(
    `SELECT ${TRAIL_COLUMNS}, count(*) OVER () AS total FROM access_trail WHERE young_ids @> ARRAY[$1]::text[]
      ORDER BY at DESC, chain DESC, position DESC LIMIT $2`,
    [youngId, window.newest],
  );
  return {
    records: rows.map(({ total: _total, ...row }) => storedRecordOf(row)),
    total: rows.length > 0 ? Number(rows[0].total) : 0,
  };
}
