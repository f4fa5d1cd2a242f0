import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePsadTables1764000001000 implements MigrationInterface {
  name = 'CreatePsadTables1764000001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE territory (
      code text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('ACADEMIE', 'DEPARTEMENT', 'BASSIN')),
      name text NOT NULL,
      parent_code text REFERENCES territory (code)
    )`);
    await runner.query(`CREATE TABLE young (
      id uuid PRIMARY KEY,
      ine text UNIQUE CHECK (ine IS NULL OR ine ~ '^[0-9]{9}[A-Z]{2}$'),
      first_name text NOT NULL,
      last_name text NOT NULL,
      birth_date date NOT NULL,
      sex text NOT NULL CHECK (sex IN ('F', 'M')),
      commune text NOT NULL,
      bassin_code text NOT NULL REFERENCES territory (code)
    )`);
    // Keyset pagination of the caseload walks this index.
    await runner.query('CREATE INDEX young_caseload_idx ON young (bassin_code, last_name, first_name, id)');
    await runner.query('CREATE INDEX young_name_idx ON young (last_name, first_name, id)');
    await runner.query(`CREATE TABLE siei_listing (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL REFERENCES young (id),
      campaign text NOT NULL,
      detected_on date NOT NULL,
      last_school_uai text NOT NULL,
      last_school_name text NOT NULL,
      last_class text NOT NULL,
      diploma text NOT NULL
    )`);
    await runner.query('CREATE INDEX siei_listing_young_idx ON siei_listing (young_id)');
    await runner.query('CREATE INDEX siei_listing_campaign_idx ON siei_listing (campaign, young_id)');
    await runner.query(`CREATE TABLE psad_case (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL REFERENCES young (id),
      campaign text NOT NULL,
      status text NOT NULL,
      follower_org text NOT NULL,
      follower_name text NOT NULL,
      opened_on date NOT NULL,
      closed_on date CHECK (closed_on IS NULL OR closed_on >= opened_on)
    )`);
    await runner.query('CREATE INDEX psad_case_young_idx ON psad_case (young_id)');
    await runner.query('CREATE INDEX psad_case_status_idx ON psad_case (status, young_id)');
    await runner.query(`CREATE TABLE case_contact (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES psad_case (id),
      young_id uuid NOT NULL REFERENCES young (id),
      at timestamptz NOT NULL,
      channel text NOT NULL,
      outcome text NOT NULL,
      note text NOT NULL
    )`);
    await runner.query('CREATE INDEX case_contact_young_idx ON case_contact (young_id, at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['case_contact', 'psad_case', 'siei_listing', 'young', 'territory'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
