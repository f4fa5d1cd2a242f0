import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Migrations shared by the partners that hold organisations, offers and follow-ups.
 * `partnerKitMigrations` (tables.ts) lists those a partner needs with its own; they run in its own database.
 * Like every migration, they are frozen once released: change the schema with a new one.
 */
export class CreateOrganisations1764000000000 implements MigrationInterface {
  name = 'CreateOrganisations1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE organisation (
      id uuid PRIMARY KEY,
      kind text NOT NULL,
      name text NOT NULL,
      code text NOT NULL UNIQUE,
      bassin_code text NOT NULL,
      commune text NOT NULL
    )`);
    await runner.query('CREATE INDEX organisation_bassin_idx ON organisation (bassin_code)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE organisation');
  }
}

export class CreateOffers1764000000100 implements MigrationInterface {
  name = 'CreateOffers1764000000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE offer (
      id uuid PRIMARY KEY,
      organisation_id uuid NOT NULL REFERENCES organisation (id),
      kind text NOT NULL,
      title text NOT NULL,
      track text,
      level text,
      bassin_code text NOT NULL,
      commune text NOT NULL,
      capacity int NOT NULL CHECK (capacity >= 0),
      taken int NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
      age_min int NOT NULL,
      age_max int NOT NULL CHECK (age_max >= age_min),
      starts_on date NOT NULL,
      ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
      closed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(
      'CREATE INDEX offer_search_idx ON offer (bassin_code, starts_on) WHERE closed_at IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE offer');
  }
}

export class CreateFollowUps1764000000200 implements MigrationInterface {
  name = 'CreateFollowUps1764000000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE follow_up (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL,
      organisation_id uuid NOT NULL REFERENCES organisation (id),
      offer_id uuid REFERENCES offer (id),
      programme text NOT NULL,
      opened_on date NOT NULL,
      closed_on date CHECK (closed_on IS NULL OR closed_on >= opened_on),
      outcome text
    )`);
    await runner.query('CREATE INDEX follow_up_young_idx ON follow_up (young_id)');
    await runner.query(`CREATE TABLE follow_up_event (
      id uuid PRIMARY KEY,
      follow_up_id uuid NOT NULL REFERENCES follow_up (id),
      young_id uuid NOT NULL,
      at timestamptz NOT NULL,
      kind text NOT NULL,
      summary text NOT NULL
    )`);
    await runner.query('CREATE INDEX follow_up_event_young_idx ON follow_up_event (young_id, at)');
    await runner.query('CREATE INDEX follow_up_event_follow_up_idx ON follow_up_event (follow_up_id, at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE follow_up_event');
    await runner.query('DROP TABLE follow_up');
  }
}
