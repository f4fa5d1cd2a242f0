import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A young person's opposition to one partner sharing its data with the others (and its withdrawal). */
export class CreateOpposition1764000001100 implements MigrationInterface {
  name = 'CreateOpposition1764000001100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE opposition (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL REFERENCES young (id),
      partner text NOT NULL CHECK (partner IN ('PSAD', 'EDUCATION_NATIONALE', 'MISSIONS_LOCALES', 'E2C', 'CFA', 'AGRICULTURE', 'PJJ')),
      recorded_at timestamptz NOT NULL,
      recorded_by text NOT NULL,
      withdrawn_at timestamptz CHECK (withdrawn_at IS NULL OR withdrawn_at >= recorded_at)
    )`);
    // At most one opposition in force per person and partner.
    await runner.query(
      'CREATE UNIQUE INDEX opposition_in_force_idx ON opposition (young_id, partner) WHERE withdrawn_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE opposition');
  }
}
