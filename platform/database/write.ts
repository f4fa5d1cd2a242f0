import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../auth/claims';

/** What a mutation's write needs from the request's context. */
export interface WriteContext {
  db: DataSource;
  caller: Caller;
  /** The request's access trail collector (platform/audit/recorder.ts). */
  access: { commit(): Promise<void> };
}

/**
 * Every write of a mutation: the attempt the policy allowed (noted by `authoriseWrite`) is first
 * committed to the subgraph's access trail, then the write runs in one transaction. So a write
 * never stands without its trace; if the trail cannot be written, nothing is (AUDIT_UNAVAILABLE).
 * A write that then fails leaves an allowed attempt in the trail, which is what it was.
 */
export async function tracedWrite<T>(
  context: WriteContext,
  write: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  await context.access.commit();
  return context.db.transaction(write);
}
