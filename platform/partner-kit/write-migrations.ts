import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Migrations of the partner kit's writes (follow-ups, offers, place reservations). Each partner
 * lists the ones whose tables it holds, after the kit's table migrations (migrations.ts). Frozen
 * once released, like every migration.
 */

/**
 * Places reserved on an offer for a young person. The offer's `taken` counts them (with the
 * places the partner filled outside the hub), so a reservation and its `taken + 1` are written in
 * one transaction, and its cancellation gives the place back. One active reservation per person
 * and offer, whatever the concurrency: the unique partial index says so, not only the code.
 */
export class CreatePlaceReservations1764000000300 implements MigrationInterface {
  name = 'CreatePlaceReservations1764000000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE place_reservation (
      id uuid PRIMARY KEY,
      offer_id uuid NOT NULL REFERENCES offer (id),
      young_id uuid NOT NULL,
      reserved_at timestamptz NOT NULL,
      reserved_by_sub text NOT NULL,
      reserved_by_org text NOT NULL,
      reserved_by_role text NOT NULL,
      status text NOT NULL DEFAULT 'RESERVED' CHECK (status IN ('RESERVED', 'CANCELLED')),
      cancelled_at timestamptz,
      cancelled_by_sub text,
      cancelled_by_org text,
      cancelled_by_role text,
      cancel_reason text,
      CHECK ((status = 'RESERVED') = (cancelled_at IS NULL)),
      CHECK (status = 'RESERVED' OR (cancelled_by_sub IS NOT NULL AND cancelled_by_org IS NOT NULL AND cancelled_by_role IS NOT NULL AND cancel_reason IS NOT NULL)),
      CHECK (cancelled_at IS NULL OR cancelled_at >= reserved_at)
    )`);
    await runner.query(
      "CREATE UNIQUE INDEX place_reservation_active_idx ON place_reservation (offer_id, young_id) WHERE status = 'RESERVED'",
    );
    await runner.query(
      'CREATE INDEX place_reservation_young_idx ON place_reservation (young_id, reserved_at)',
    );
    await runner.query('CREATE INDEX place_reservation_offer_idx ON place_reservation (offer_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE place_reservation');
  }
}

/**
 * Offers become writable: who published and last changed one, and the bounds the mutations
 * validate (ages 14-30, at most 1,000 places), held by the table too.
 */
export class AddOfferWrites1764000000400 implements MigrationInterface {
  name = 'AddOfferWrites1764000000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE offer
      ADD COLUMN created_by_sub text,
      ADD COLUMN updated_by_sub text,
      ADD CONSTRAINT offer_capacity_bound CHECK (capacity <= 1000),
      ADD CONSTRAINT offer_age_bounds CHECK (age_min >= 14 AND age_max <= 30)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE offer DROP CONSTRAINT offer_age_bounds, DROP CONSTRAINT offer_capacity_bound, DROP COLUMN updated_by_sub, DROP COLUMN created_by_sub',
    );
  }
}

/**
 * Follow-ups become writable: who opened and closed one, who recorded each event (null for the
 * rows imported before), and the values the mutations accept, held by the table too: the
 * outcomes (IN_PROGRESS while open) and the kinds of a follow-up's dated steps.
 */
export class AddFollowUpWrites1764000000500 implements MigrationInterface {
  name = 'AddFollowUpWrites1764000000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE follow_up
      ADD COLUMN opened_by_sub text,
      ADD COLUMN closed_by_sub text,
      ADD COLUMN updated_by_sub text,
      ADD CONSTRAINT follow_up_outcome_known CHECK (outcome IS NULL OR outcome IN ('IN_PROGRESS', 'COMPLETED', 'ABANDONED', 'EMPLOYED', 'TRAINING'))`);
    await runner.query(`ALTER TABLE follow_up_event
      ADD COLUMN recorded_by_sub text,
      ADD COLUMN recorded_by_org text,
      ADD CONSTRAINT follow_up_event_kind_known CHECK (kind IN ('INTERVIEW', 'PROGRAMME_ENTRY', 'TRAINING_STARTED', 'TRAINING_COMPLETED', 'EXIT'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE follow_up_event DROP CONSTRAINT follow_up_event_kind_known, DROP COLUMN recorded_by_org, DROP COLUMN recorded_by_sub',
    );
    await runner.query(
      'ALTER TABLE follow_up DROP CONSTRAINT follow_up_outcome_known, DROP COLUMN updated_by_sub, DROP COLUMN closed_by_sub, DROP COLUMN opened_by_sub',
    );
  }
}

/**
 * One open follow-up per organisation and person: an organisation accompanies someone once at a
 * time (a CEJ, a parcours E2C…), and a request sent twice without an idempotency key must not
 * open a second one. Held by the database, so two concurrent openings cannot both land.
 */
export class OneOpenFollowUpPerOrganisation1764000000600 implements MigrationInterface {
  name = 'OneOpenFollowUpPerOrganisation1764000000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'CREATE UNIQUE INDEX follow_up_open_per_organisation_idx ON follow_up (young_id, organisation_id) WHERE closed_on IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX follow_up_open_per_organisation_idx');
  }
}
