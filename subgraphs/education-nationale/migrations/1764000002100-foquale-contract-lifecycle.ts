import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The FOQUALE contract becomes writable, step by step (foquale-lifecycle.ts): the skills and
 * level of the initial review; a tutor (and the organisation they belong to) and a solution that
 * may still be missing; each signatory's signature day; a version for optimistic concurrency.
 * Contracts already recorded were signed by everyone at once: their signature days are their
 * `signed_on`, the family's only where `family_signed` says so. The table's checks hold the
 * lifecycle's order, so that no write, however concurrent, can store a contract out of it.
 */
export class FoqualeContractLifecycle1764000002100 implements MigrationInterface {
  name = 'FoqualeContractLifecycle1764000002100';

  async up(runner: QueryRunner): Promise<void> {
    // The family could only sign a contract already signed; now it may sign before the others.
    await runner.query(`DO $$
      DECLARE name text;
      BEGIN
        SELECT conname INTO STRICT name FROM pg_constraint
         WHERE conrelid = 'foquale_contract'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%family_signed%';
        EXECUTE format('ALTER TABLE foquale_contract DROP CONSTRAINT %I', name);
      END $$`);
    await runner.query(`ALTER TABLE foquale_contract
      ADD COLUMN version int NOT NULL DEFAULT 1 CHECK (version > 0),
      ADD COLUMN skills text CHECK (length(skills) BETWEEN 1 AND 2000),
      ADD COLUMN level text CHECK (length(level) BETWEEN 1 AND 200),
      ADD COLUMN tutor_organisation_id uuid REFERENCES organisation (id),
      ADD COLUMN tutor_assigned_on date,
      ADD COLUMN solution_chosen_on date,
      ADD COLUMN tutor_signed_on date,
      ADD COLUMN young_signed_on date,
      ADD COLUMN family_signed_on date,
      ALTER COLUMN tutor_name DROP NOT NULL,
      ALTER COLUMN solution DROP NOT NULL`);
    await runner.query(`UPDATE foquale_contract
      SET tutor_signed_on = signed_on, young_signed_on = signed_on, family_signed_on = CASE WHEN family_signed THEN signed_on END
      WHERE signed_on IS NOT NULL`);
    await runner.query(`ALTER TABLE foquale_contract
      ADD CONSTRAINT foquale_contract_family_signed_check CHECK (family_signed = (family_signed_on IS NOT NULL)),
      ADD CONSTRAINT foquale_contract_tutor_check CHECK (tutor_name IS NOT NULL OR (tutor_organisation_id IS NULL AND tutor_assigned_on IS NULL)),
      ADD CONSTRAINT foquale_contract_solution_check CHECK (solution IS NOT NULL OR (solution_offer_id IS NULL AND solution_chosen_on IS NULL)),
      ADD CONSTRAINT foquale_contract_preparation_order_check CHECK (
        least(tutor_assigned_on, solution_chosen_on) >= initial_review_on
      ),
      ADD CONSTRAINT foquale_contract_signatures_check CHECK (
        (tutor_signed_on IS NULL AND young_signed_on IS NULL AND family_signed_on IS NULL)
        OR (tutor_name IS NOT NULL AND solution IS NOT NULL
            AND least(tutor_signed_on, young_signed_on, family_signed_on) >= greatest(initial_review_on, tutor_assigned_on, solution_chosen_on))
      ),
      ADD CONSTRAINT foquale_contract_in_force_check CHECK (
        signed_on IS NULL
        OR (tutor_signed_on IS NOT NULL AND young_signed_on IS NOT NULL AND signed_on = greatest(tutor_signed_on, young_signed_on, family_signed_on))
      ),
      ADD CONSTRAINT foquale_contract_closure_check CHECK (
        closed_on IS NULL OR closed_on >= greatest(initial_review_on, tutor_assigned_on, solution_chosen_on, tutor_signed_on, young_signed_on, family_signed_on)
      ),
      ADD CONSTRAINT foquale_contract_completed_check CHECK (close_reason IS DISTINCT FROM 'COMPLETED' OR signed_on IS NOT NULL)`);
    // One contract at a time per person, whatever the concurrency of two openings.
    await runner.query(
      "CREATE UNIQUE INDEX foquale_contract_running_idx ON foquale_contract (young_id) WHERE status = 'OPEN'",
    );
    // The tutor's overdue reviews: the running contracts tutored from one organisation.
    await runner.query(
      "CREATE INDEX foquale_contract_tutor_idx ON foquale_contract (tutor_organisation_id) WHERE status = 'OPEN'",
    );
    // A bilan de situation reviews a contract in force: from its signature to its closure. The
    // resolvers lock the contract's row before adding one, so this sees the contract as it stays.
    await runner.query(`CREATE FUNCTION situation_review_within_contract() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM foquale_contract c
          WHERE c.id = NEW.contract_id AND c.signed_on IS NOT NULL AND NEW.reviewed_on >= c.signed_on
            AND (c.closed_on IS NULL OR NEW.reviewed_on <= c.closed_on);
        IF NOT FOUND THEN
          RAISE EXCEPTION 'a bilan de situation must fall between its contract''s signature and closure' USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`CREATE TRIGGER situation_review_within_contract BEFORE INSERT OR UPDATE ON situation_review
      FOR EACH ROW EXECUTE FUNCTION situation_review_within_contract()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TRIGGER situation_review_within_contract ON situation_review');
    await runner.query('DROP FUNCTION situation_review_within_contract()');
    await runner.query('DROP INDEX foquale_contract_tutor_idx');
    await runner.query('DROP INDEX foquale_contract_running_idx');
    for (const name of [
      'family_signed',
      'tutor',
      'solution',
      'preparation_order',
      'signatures',
      'in_force',
      'closure',
      'completed',
    ]) {
      await runner.query(`ALTER TABLE foquale_contract DROP CONSTRAINT foquale_contract_${name}_check`);
    }
    await runner.query(`ALTER TABLE foquale_contract
      DROP COLUMN version, DROP COLUMN skills, DROP COLUMN level, DROP COLUMN tutor_organisation_id, DROP COLUMN tutor_assigned_on,
      DROP COLUMN solution_chosen_on, DROP COLUMN tutor_signed_on, DROP COLUMN young_signed_on, DROP COLUMN family_signed_on,
      ALTER COLUMN tutor_name SET NOT NULL, ALTER COLUMN solution SET NOT NULL`);
    await runner.query('ALTER TABLE foquale_contract ADD CHECK (NOT family_signed OR signed_on IS NOT NULL)');
  }
}
