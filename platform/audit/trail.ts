import type { DataSource } from 'typeorm';
import { normalise, storedRecordOf, TRAIL_COLUMNS, type AccessRecord, type StoredAccessRecord, type TrailRow } from './record';
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

/** Every record about one young person, oldest first (for `accessLog`). */
export async function readTrail(db: DataSource, youngId: string): Promise<StoredAccessRecord[]> {
  const rows: TrailRow[] = await db.query(`SELECT ${TRAIL_COLUMNS} FROM access_trail WHERE young_ids @> ARRAY[$1]::text[] ORDER BY at, chain, position`, [youngId]);
  return rows.map(storedRecordOf);
}
