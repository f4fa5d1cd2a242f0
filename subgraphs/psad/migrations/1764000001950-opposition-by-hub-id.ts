import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An opposition is keyed by a hub id, like the access trail, not by a record psad must hold: the
 * DPO records or withdraws one for any hub id and gets the same answer whether or not the id is
 * someone's, so that acting on a person tells nothing of who exists. An opposition to nobody hides
 * nothing; the retention rules treat it as any other.
 */
export class OppositionByHubId1764000001950 implements MigrationInterface {
  name = 'OppositionByHubId1764000001950';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE opposition DROP CONSTRAINT opposition_young_id_fkey');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DELETE FROM opposition o WHERE NOT EXISTS (SELECT 1 FROM young y WHERE y.id = o.young_id)',
    );
    await runner.query(
      'ALTER TABLE opposition ADD CONSTRAINT opposition_young_id_fkey FOREIGN KEY (young_id) REFERENCES young (id)',
    );
  }
}
