import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'TO_CONTACT', 'CONTACTED', 'REVIEW_DONE', 'SOLUTION_PROPOSED', 'IN_SOLUTION', 'UNREACHABLE', 'REFUSED', 'MOVED', 'ALREADY_IN_TRAINING'`;
const EXITS = `'UNREACHABLE', 'REFUSED', 'MOVED', 'ALREADY_IN_TRAINING'`;

/**
 * The PSAD case workflow (subgraphs/psad/case-workflow.ts): a version per case for optimistic
 * concurrency, the history of its transitions and assignments, and the invariants the workflow
 * relies on, held by the database so that no concurrent write can break them: known statuses, an
 * exit is always closed, only an exit or IN_SOLUTION is closed, one open case per person and
 * campaign, one history row per version of a case.
 */
export class CreateCaseWorkflow1764000001300 implements MigrationInterface {
  name = 'CreateCaseWorkflow1764000001300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE psad_case ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)',
    );
    await runner.query(
      `ALTER TABLE psad_case ADD CONSTRAINT psad_case_status_known CHECK (status IN (${STATUSES}))`,
    );
    await runner.query(
      `ALTER TABLE psad_case ADD CONSTRAINT psad_case_exit_closed CHECK (status NOT IN (${EXITS}) OR closed_on IS NOT NULL)`,
    );
    await runner.query(
      `ALTER TABLE psad_case ADD CONSTRAINT psad_case_closed_status CHECK (closed_on IS NULL OR status IN (${EXITS}, 'IN_SOLUTION'))`,
    );
    await runner.query(
      `ALTER TABLE psad_case ADD CONSTRAINT psad_case_campaign_format CHECK (campaign ~ '^[0-9]{4}-S[12]$')`,
    );
    await runner.query(
      `ALTER TABLE psad_case ADD CONSTRAINT psad_case_follower_present CHECK (length(trim(follower_org)) > 0 AND length(trim(follower_name)) > 0)`,
    );
    // A second open case for the same person and campaign is refused, even by two concurrent openings.
    await runner.query(
      'CREATE UNIQUE INDEX psad_case_open_per_campaign_idx ON psad_case (young_id, campaign) WHERE closed_on IS NULL',
    );

    await runner.query(
      `ALTER TABLE case_contact ADD CONSTRAINT case_contact_channel_known CHECK (channel IN ('PHONE', 'SMS', 'MAIL', 'LETTER', 'MEETING'))`,
    );
    await runner.query(
      `ALTER TABLE case_contact ADD CONSTRAINT case_contact_outcome_known CHECK (outcome IN ('REACHED', 'NO_ANSWER', 'WRONG_NUMBER', 'APPOINTMENT_SET'))`,
    );
    await runner.query(
      'ALTER TABLE case_contact ADD CONSTRAINT case_contact_note_length CHECK (length(note) BETWEEN 1 AND 1000)',
    );
    await runner.query('CREATE INDEX case_contact_case_idx ON case_contact (case_id, at)');

    // One row per change of a case: its opening, each status change, each assignment. `version` is
    // the case's version the change produced, unique per case: two writers that both read version
    // N can never both record N + 1. `follower_*` is the follower after the change; `from_follower_*`
    // the one an assignment replaced; `closure` what a status change did to the case's closure.
    await runner.query(`CREATE TABLE case_transition (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES psad_case (id),
      young_id uuid NOT NULL REFERENCES young (id),
      kind text NOT NULL CHECK (kind IN ('OPENED', 'STATUS_CHANGED', 'ASSIGNED')),
      version integer NOT NULL CHECK (version >= 1),
      at timestamptz NOT NULL,
      actor_sub text NOT NULL,
      actor_role text NOT NULL,
      actor_org text NOT NULL,
      from_status text CHECK (from_status IN (${STATUSES})),
      to_status text NOT NULL CHECK (to_status IN (${STATUSES})),
      follower_org text NOT NULL,
      follower_name text NOT NULL,
      from_follower_org text,
      from_follower_name text,
      reason text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 1000),
      closure text CHECK (closure IN ('CLOSES', 'REOPENS', 'STAYS_OPEN', 'STAYS_CLOSED')),
      UNIQUE (case_id, version),
      CHECK ((kind = 'STATUS_CHANGED') = (closure IS NOT NULL)),
      CHECK ((kind = 'OPENED') = (from_status IS NULL)),
      CHECK (kind <> 'STATUS_CHANGED' OR (from_status <> to_status AND reason IS NOT NULL)),
      CHECK (kind <> 'ASSIGNED' OR from_status = to_status),
      CHECK ((kind = 'ASSIGNED') = (from_follower_org IS NOT NULL AND from_follower_name IS NOT NULL))
    )`);
    await runner.query('CREATE INDEX case_transition_young_idx ON case_transition (young_id, at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE case_transition');
    await runner.query('DROP INDEX case_contact_case_idx');
    for (const constraint of [
      'case_contact_note_length',
      'case_contact_outcome_known',
      'case_contact_channel_known',
    ])
      await runner.query(`ALTER TABLE case_contact DROP CONSTRAINT ${constraint}`);
    await runner.query('DROP INDEX psad_case_open_per_campaign_idx');
    for (const constraint of [
      'psad_case_follower_present',
      'psad_case_campaign_format',
      'psad_case_closed_status',
      'psad_case_exit_closed',
      'psad_case_status_known',
    ]) {
      await runner.query(`ALTER TABLE psad_case DROP CONSTRAINT ${constraint}`);
    }
    await runner.query('ALTER TABLE psad_case DROP COLUMN version');
  }
}
