import type { MigrationInterface, QueryRunner } from 'typeorm';

/** FOQUALE networks, enrolments, GPDS signals, FOQUALE contracts and their situation reviews. */
export class CreateEducationNationaleTables1764000002000 implements MigrationInterface {
  name = 'CreateEducationNationaleTables1764000002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE foquale_network (
      id uuid PRIMARY KEY,
      bassin_code text NOT NULL UNIQUE,
      name text NOT NULL,
      responsable_name text NOT NULL,
      committee text[] NOT NULL DEFAULT '{}',
      review_interval_days int NOT NULL DEFAULT 42 CHECK (review_interval_days > 0)
    )`);
    await runner.query(`CREATE TABLE enrolment (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL,
      school_id uuid NOT NULL REFERENCES organisation (id),
      school_year text NOT NULL CHECK (
        school_year ~ '^[0-9]{4}-[0-9]{4}$' AND substr(school_year, 6, 4)::int = substr(school_year, 1, 4)::int + 1
      ),
      class_level text NOT NULL,
      track text,
      started_on date NOT NULL,
      ended_on date CHECK (ended_on IS NULL OR ended_on >= started_on),
      exit_reason text CHECK (exit_reason IN ('COMPLETED', 'DROPPED_OUT', 'MOVED', 'REORIENTED')),
      CHECK (exit_reason IS NULL OR ended_on IS NOT NULL)
    )`);
    await runner.query('CREATE INDEX enrolment_young_idx ON enrolment (young_id, started_on)');
    // A school's pupils for a year: what its référent décrochage and the network look at.
    await runner.query('CREATE INDEX enrolment_school_idx ON enrolment (school_id, school_year)');
    await runner.query(`CREATE TABLE dropout_signal (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL,
      school_id uuid NOT NULL REFERENCES organisation (id),
      signalled_on date NOT NULL,
      reason text NOT NULL CHECK (reason IN ('ABSENTEEISM', 'DISENGAGEMENT', 'ORIENTATION', 'FAMILY', 'HEALTH', 'BEHAVIOUR')),
      action_taken text NOT NULL
    )`);
    await runner.query('CREATE INDEX dropout_signal_young_idx ON dropout_signal (young_id, signalled_on)');
    await runner.query('CREATE INDEX dropout_signal_school_idx ON dropout_signal (school_id, signalled_on)');
    // solution_offer_id has no foreign key: the chosen offer may be held by another partner's database.
    await runner.query(`CREATE TABLE foquale_contract (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL,
      network_id uuid NOT NULL REFERENCES foquale_network (id),
      tutor_name text NOT NULL,
      initial_review_on date NOT NULL,
      needs text NOT NULL,
      solution text NOT NULL,
      solution_offer_id text CHECK (solution_offer_id ~ '^[a-z][a-z0-9-]*:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
      signed_on date CHECK (signed_on IS NULL OR signed_on >= initial_review_on),
      family_signed boolean NOT NULL DEFAULT false,
      status text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
      closed_on date CHECK (closed_on IS NULL OR closed_on >= initial_review_on),
      close_reason text CHECK (close_reason IN ('COMPLETED', 'ABANDONED', 'REORIENTED')),
      CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL)),
      CHECK (close_reason IS NULL OR status = 'CLOSED'),
      CHECK (NOT family_signed OR signed_on IS NOT NULL),
      UNIQUE (id, young_id)
    )`);
    await runner.query(
      'CREATE INDEX foquale_contract_young_idx ON foquale_contract (young_id, initial_review_on)',
    );
    await runner.query('CREATE INDEX foquale_contract_network_idx ON foquale_contract (network_id, status)');
    // The composite key keeps the denormalised young_id equal to the contract's.
    await runner.query(`CREATE TABLE situation_review (
      id uuid PRIMARY KEY,
      contract_id uuid NOT NULL,
      young_id uuid NOT NULL,
      reviewed_on date NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('ON_TRACK', 'ADJUSTED', 'AT_RISK', 'COMPLETED', 'ABANDONED')),
      note text NOT NULL,
      FOREIGN KEY (contract_id, young_id) REFERENCES foquale_contract (id, young_id)
    )`);
    await runner.query('CREATE INDEX situation_review_young_idx ON situation_review (young_id, reviewed_on)');
    await runner.query(
      'CREATE INDEX situation_review_contract_idx ON situation_review (contract_id, reviewed_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'situation_review',
      'foquale_contract',
      'dropout_signal',
      'enrolment',
      'foquale_network',
    ])
      await runner.query(`DROP TABLE ${table}`);
  }
}
