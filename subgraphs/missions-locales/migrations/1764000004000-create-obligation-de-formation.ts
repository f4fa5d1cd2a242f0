import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateObligationDeFormation1764000004000 implements MigrationInterface {
  name = 'CreateObligationDeFormation1764000004000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE obligation_de_formation (
      young_id uuid PRIMARY KEY,
      mission_locale_id uuid NOT NULL REFERENCES organisation (id),
      status text NOT NULL CHECK (status IN ('IN_TRAINING', 'IN_SUPPORT', 'NOT_REACHED', 'FULFILLED', 'EXEMPTED')),
      since date NOT NULL
    )`);
    // A step belongs to an obligation: no step without the status it documents.
    await runner.query(`CREATE TABLE obligation_step (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL REFERENCES obligation_de_formation (young_id),
      stepped_on date NOT NULL,
      label text NOT NULL CHECK (btrim(label) <> '')
    )`);
    await runner.query('CREATE INDEX obligation_step_young_idx ON obligation_step (young_id, stepped_on)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE obligation_step');
    await runner.query('DROP TABLE obligation_de_formation');
  }
}
