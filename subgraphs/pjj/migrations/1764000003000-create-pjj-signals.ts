import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePjjSignals1764000003000 implements MigrationInterface {
  name = 'CreatePjjSignals1764000003000';

  async up(runner: QueryRunner): Promise<void> {
    // Deliberately no column for a measure, an offence, a court or a reason: the firewall is the schema
    // itself.
    await runner.query(`CREATE TABLE pjj_signal (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL,
      unit_id uuid NOT NULL REFERENCES organisation (id),
      contact_name text NOT NULL CHECK (btrim(contact_name) <> ''),
      contact_phone text NOT NULL CHECK (contact_phone ~ '^\\+?[0-9][0-9 .-]{5,19}$'),
      published_on date NOT NULL,
      withdrawn_on date CHECK (withdrawn_on IS NULL OR withdrawn_on >= published_on)
    )`);
    await runner.query('CREATE INDEX pjj_signal_young_idx ON pjj_signal (young_id, published_on)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE pjj_signal');
  }
}
