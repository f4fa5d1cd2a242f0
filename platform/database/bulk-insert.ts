/**
 * Loading many rows at once: chunked inserts, and ids derived from a parent id so that loading
 * the same data twice, or on another machine, yields the same rows.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

const CHUNK = 1000;

/** Inserts rows in chunks: one statement per thousand rows rather than one per row. */
export async function insertInChunks<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(start, start + CHUNK) as never)
      .execute();
  }
}

/**
 * A deterministic uuid (v4-shaped) for the n-th record derived from a parent id: the same world
 * always yields the same ids, so a reload or another machine finds the same records.
 */
export function derivedId(parentId: string, index: number | string): string {
  const hex = createHash('sha256').update(`${parentId}/${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
