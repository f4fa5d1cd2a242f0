import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory of the partners' organisations (schools, Missions locales, E2C sites, CFAs, lycées agricoles,
 * PJJ units): what psad checks a case's follower against, so that a code that merely looks like a UAI or a
 * SIRET is not accepted for an organisation nobody knows.
 */
export class OrganisationDirectory1764000001970 implements MigrationInterface {
  name = 'OrganisationDirectory1764000001970';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE organisation_directory (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      kind text NOT NULL,
      partner text NOT NULL,
      bassin_code text NOT NULL REFERENCES territory (code)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE organisation_directory');
  }
}
