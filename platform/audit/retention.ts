import type { EntityManager } from 'typeorm';

/**
 * Removes, chain by chain, the oldest access-trail records whose instant is before `cutoff`
 * (an ISO day), after writing the last removed record's position and hash as the chain's
 * checkpoint: verification then restarts from it, so the chains stay verifiable. Only a prefix of
 * each chain goes — up to the first record that must be kept — and everything happens in the
 * caller's transaction, as the schema owner (the runtime role may not delete trail rows at all).
 */
export async function purgeTrailBefore(manager: EntityManager, cutoff: string, now: Date): Promise<number> {
  await manager.query("SELECT set_config('hub.trail_retention', 'purging', true)");
  const chains: { chain: number; through: string | null }[] = await manager.query(
    `SELECT h.chain,
            coalesce((SELECT min(t.position) - 1 FROM access_trail t WHERE t.chain = h.chain AND t.at >= $1::date),
                     (SELECT max(t.position) FROM access_trail t WHERE t.chain = h.chain)) AS through
       FROM access_trail_head h ORDER BY h.chain`,
    [cutoff],
  );
  let purged = 0;
  for (const { chain, through } of chains) {
    const position = Number(through ?? 0);
    const [last]: { hash: string }[] = await manager.query(
      'SELECT hash FROM access_trail WHERE chain = $1 AND position = $2',
      [chain, position],
    );
    if (!last) continue; // nothing old enough in this chain, or already purged
    await manager.query(
      `INSERT INTO access_trail_checkpoint (chain, position, hash, purged_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (chain) DO UPDATE SET position = EXCLUDED.position, hash = EXCLUDED.hash, purged_at = EXCLUDED.purged_at`,
      [chain, position, last.hash, now],
    );
    const [removed]: { count: number }[] = await manager.query(
      'WITH removed AS (DELETE FROM access_trail WHERE chain = $1 AND position <= $2 RETURNING 1) SELECT count(*)::int AS count FROM removed',
      [chain, position],
    );
    purged += removed.count;
  }
  await manager.query("SELECT set_config('hub.trail_retention', '', true)");
  return purged;
}
