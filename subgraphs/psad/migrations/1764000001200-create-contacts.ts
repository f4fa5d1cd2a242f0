import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How to reach the young person, and their legal representatives (for minors, the family). */
export class CreateContacts1764000001200 implements MigrationInterface {
  name = 'CreateContacts1764000001200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE young_contact (
      young_id uuid PRIMARY KEY REFERENCES young (id),
      phone text CHECK (phone IS NULL OR phone ~ '^\\+?[0-9][0-9 .-]{5,19}$'),
      email text CHECK (email IS NULL OR email ~ '^[^@ ]+@[^@ ]+$'),
      address text
    )`);
    await runner.query(`CREATE TABLE legal_representative (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL REFERENCES young (id),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      relationship text NOT NULL CHECK (relationship IN ('MOTHER', 'FATHER', 'GUARDIAN', 'OTHER')),
      phone text CHECK (phone IS NULL OR phone ~ '^\\+?[0-9][0-9 .-]{5,19}$')
    )`);
    await runner.query('CREATE INDEX legal_representative_young_idx ON legal_representative (young_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE legal_representative');
    await runner.query('DROP TABLE young_contact');
  }
}
