import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The referrals (fiches de liaison) between the coordinators of a perimeter and the organisations the
 * hub knows (a PSAD of the académie, or one of `organisation_directory`: checked by the resolver). A referral's reason is a neutral kind of solution: the circumstances stay in the
 * coordinator's own notes.
 */
export class CreateReferrals1764000002000 implements MigrationInterface {
  name = 'CreateReferrals1764000002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE referral (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL REFERENCES young (id),
      from_org text NOT NULL,
      from_role text NOT NULL,
      from_sub text NOT NULL,
      to_org text NOT NULL CHECK (to_org ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
      reason text NOT NULL CHECK (reason IN ('RETURN_TO_SCHOOL', 'APPRENTICESHIP', 'SECOND_CHANCE_SCHOOL',
        'SUPPORT_PROGRAMME', 'AGRICULTURAL_TRAINING', 'GUIDANCE', 'COORDINATION')),
      status text NOT NULL CHECK (status IN ('PROPOSED', 'ACCEPTED', 'DECLINED')),
      proposed_at timestamptz NOT NULL,
      decided_at timestamptz,
      decided_by_sub text,
      CHECK ((status = 'PROPOSED') = (decided_at IS NULL))
    )`);
    await runner.query('CREATE INDEX referral_young_idx ON referral (young_id, proposed_at)');
    // One pending referral per person and organisation: a second proposal waits for the answer.
    await runner.query(
      "CREATE UNIQUE INDEX referral_pending_idx ON referral (young_id, to_org) WHERE status = 'PROPOSED'",
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE referral');
  }
}
