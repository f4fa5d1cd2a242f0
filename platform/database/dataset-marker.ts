import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';

/** Records which datasets were loaded into a subgraph's database, so the demo loads once. */
export class CreateDatasetMarker1763999999000 implements MigrationInterface {
  name = 'CreateDatasetMarker1763999999000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE loaded_dataset (
      name text PRIMARY KEY,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE loaded_dataset');
  }
}

export async function isDatasetLoaded(db: DataSource, name: string): Promise<boolean> {
  const rows: unknown[] = await db.query('SELECT 1 FROM loaded_dataset WHERE name = $1', [name]);
  return rows.length > 0;
}

/**
 * Runs `load` and records the dataset in the same transaction: a failed load leaves nothing behind and can be
 * re-run.
 */
export async function loadDatasetOnce(
  db: DataSource,
  name: string,
  details: object,
  load: (manager: EntityManager) => Promise<void>,
): Promise<boolean> {
  if (await isDatasetLoaded(db, name)) return false;
  await db.transaction(async (manager) => {
    // Serialise concurrent loaders of the same database: the second one finds the marker and stops.
    await manager.query('LOCK TABLE loaded_dataset IN EXCLUSIVE MODE');
    const again: unknown[] = await manager.query('SELECT 1 FROM loaded_dataset WHERE name = $1', [name]);
    if (again.length > 0) return;
    await load(manager);
    await manager.query('INSERT INTO loaded_dataset (name, details) VALUES ($1, $2)', [
      name,
      JSON.stringify(details),
    ]);
  });
  return true;
}
