import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApprenticeshipContracts1764000005000 implements MigrationInterface {
  name = 'CreateApprenticeshipContracts1764000005000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE apprenticeship_contract (
      id uuid PRIMARY KEY,
      young_id uuid NOT NULL,
      cfa_id uuid NOT NULL REFERENCES organisation (id),
      employer text NOT NULL CHECK (btrim(employer) <> ''),
      trade text NOT NULL CHECK (btrim(trade) <> ''),
      diploma text NOT NULL CHECK (btrim(diploma) <> ''),
      started_on date NOT NULL,
      broken_on date CHECK (broken_on IS NULL OR broken_on >= started_on),
      break_reason text CHECK (break_reason IN ('EMPLOYER_INITIATIVE', 'APPRENTICE_INITIATIVE', 'MUTUAL_AGREEMENT', 'TRIAL_PERIOD')),
      -- A reason without a break would be a contradiction; a break without a known reason is not.
      CHECK (break_reason IS NULL OR broken_on IS NOT NULL)
    )`);
    await runner.query(
      'CREATE INDEX apprenticeship_contract_young_idx ON apprenticeship_contract (young_id, started_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE apprenticeship_contract');
  }
}
