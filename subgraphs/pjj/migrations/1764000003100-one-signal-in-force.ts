import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One signal in force per person and PJJ unit, held by the database: two concurrent publications cannot both
 * land.
 */
export class OneSignalInForce1764000003100 implements MigrationInterface {
  name = 'OneSignalInForce1764000003100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE UNIQUE INDEX pjj_signal_in_force_idx ON pjj_signal (young_id, unit_id) WHERE withdrawn_on IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX pjj_signal_in_force_idx');
  }
}
