import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many independent hash chains the trail has. Each writer (one per subgraph process, see
 * writer.ts) appends to chains of its own, so replicas of a subgraph append side by side instead
 * of queuing on one head. Frozen with this migration: more chains means a new migration that adds
 * head rows and raises this number.
 */
export const ACCESS_TRAIL_CHAINS = 32;

/** The `previous_hash` of the first record of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The access trail, shared by every subgraph (each lists it last among its migrations): an
 * append-only, hash-chained record of who read whose personal data, which fields and categories,
 * and why. It never holds the data itself. Runs as the schema owner, which stays the only role
 * able to change a record; the runtime role may only append and read.
 */
export class CreateAccessTrail1764000009000 implements MigrationInterface {
  name = 'CreateAccessTrail1764000009000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE access_trail_head (
      chain smallint PRIMARY KEY,
      position bigint NOT NULL CHECK (position >= 0),
      hash text NOT NULL
    )`);
    await runner.query(
      'INSERT INTO access_trail_head (chain, position, hash) SELECT chain, 0, $2 FROM generate_series(0, $1 - 1) AS chain',
      [ACCESS_TRAIL_CHAINS, GENESIS_HASH],
    );
    await runner.query(`CREATE TABLE access_trail (
      chain smallint NOT NULL,
      position bigint NOT NULL CHECK (position > 0),
      at timestamptz NOT NULL,
      request_id text NOT NULL,
      caller_sub text NOT NULL,
      caller_role text NOT NULL,
      caller_org text NOT NULL,
      purpose text NOT NULL,
      young_ids text[] NOT NULL,
      categories_returned text[] NOT NULL,
      categories_denied text[] NOT NULL,
      fields_returned text[] NOT NULL,
      fields_denied text[] NOT NULL,
      previous_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (chain, position)
    )`);
    // accessLog(youngId) reads one person's records among everyone's.
    await runner.query('CREATE INDEX access_trail_young_idx ON access_trail USING gin (young_ids)');

    // First line: no role but the owner keeps a right to change records (the runtime role got
    // UPDATE and DELETE from the default privileges set at provisioning), nor to add or remove
    // heads; the runtime role keeps SELECT and UPDATE on heads, to move them on as it appends.
    await revokeFromAllButOwner(runner, 'access_trail', 'UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES');
    await revokeFromAllButOwner(runner, 'access_trail_head', 'INSERT, DELETE, TRUNCATE, TRIGGER, REFERENCES');

    // Second line, should a later GRANT give the rights back: the table itself refuses.
    await runner.query(`CREATE FUNCTION access_trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the access trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await runner.query(
      'CREATE TRIGGER access_trail_append_only BEFORE UPDATE OR DELETE ON access_trail FOR EACH ROW EXECUTE FUNCTION access_trail_refuse_change()',
    );
    await runner.query(
      'CREATE TRIGGER access_trail_no_truncate BEFORE TRUNCATE ON access_trail FOR EACH STATEMENT EXECUTE FUNCTION access_trail_refuse_change()',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE access_trail');
    await runner.query('DROP FUNCTION access_trail_refuse_change()');
    await runner.query('DROP TABLE access_trail_head');
  }
}

/**
 * Lets the retention purge remove the oldest records (DESIGN.md §5: the trail is kept 3 years)
 * without breaking the chains: before removing a chain's records up to some position, the purge
 * writes that position and its hash as the chain's checkpoint, and verification restarts from it.
 * Only the schema owner may write checkpoints, and the append-only trigger lets a DELETE through
 * only inside the purge's transaction (`hub.trail_retention = 'purging'`), which only the owner
 * can reach: the runtime role has no DELETE right on the trail at all.
 */
export class CreateAccessTrailCheckpoints1764000009100 implements MigrationInterface {
  name = 'CreateAccessTrailCheckpoints1764000009100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE access_trail_checkpoint (
      chain smallint PRIMARY KEY REFERENCES access_trail_head (chain),
      position bigint NOT NULL CHECK (position > 0),
      hash text NOT NULL,
      purged_at timestamptz NOT NULL
    )`);
    await revokeFromAllButOwner(
      runner,
      'access_trail_checkpoint',
      'INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES',
    );
    await runner.query(`CREATE OR REPLACE FUNCTION access_trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('hub.trail_retention', true) = 'purging' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the access trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE access_trail_checkpoint');
    await runner.query(`CREATE OR REPLACE FUNCTION access_trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the access trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
  }
}

/**
 * Revokes `privileges` on `table` from PUBLIC and from every role the catalogue lists as a
 * grantee, whatever its name: the migration cannot know how a deployment names its runtime role.
 * `table` and `privileges` are constants of this file; grantee names come from the catalogue, quoted.
 */
export async function revokeFromAllButOwner(
  runner: QueryRunner,
  table: string,
  privileges: string,
): Promise<void> {
  const grantees: { grantee: string }[] = await runner.query(
    `SELECT DISTINCT quote_ident(pg_get_userbyid(acl.grantee)) AS grantee
       FROM pg_class AS class, aclexplode(class.relacl) AS acl
      WHERE class.oid = $1::regclass AND acl.grantee <> class.relowner AND acl.grantee <> 0`,
    [table],
  );
  await runner.query(
    `REVOKE ${privileges} ON ${table} FROM ${['PUBLIC', ...grantees.map((row) => row.grantee)].join(', ')}`,
  );
}
