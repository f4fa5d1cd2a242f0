import { createHash } from 'node:crypto';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { tracedWrite, type WriteContext } from './write';
import { badUserInput, ErrorCode } from '../server/errors';
import { GraphQLError } from 'graphql';

/** The GraphQL argument every retryable mutation takes. */
export const IDEMPOTENCY_KEY_ARGUMENT = 'idempotencyKey';
export const IDEMPOTENCY_KEY_DESCRIPTION =
  'A key of your choosing (e.g. a UUID), unique per write you mean: sending the same request again with the same key returns the first answer instead of writing twice.';
const MAX_KEY_LENGTH = 100;
/** How long a key is remembered: a retry comes within minutes, a day covers a client that was offline. */
export const IDEMPOTENCY_RETENTION_DAYS = 7;

/**
 * One row per idempotent write: who sent it (the caller's `sub`: keys never collide between
 * callers, and nobody can replay somebody else's), which operation, the key, a hash of the
 * request (the same key with other arguments is an error, not a replay) and the id of what the
 * write produced, from which a retry's answer is rebuilt. Written in the write's own transaction,
 * so a write and its key commit or vanish together.
 */
export class CreateIdempotentWrites1764000009500 implements MigrationInterface {
  name = 'CreateIdempotentWrites1764000009500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE idempotent_write (
      caller_sub text NOT NULL,
      operation text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      result_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (caller_sub, operation, key)
    )`);
    await runner.query('CREATE INDEX idempotent_write_created_idx ON idempotent_write (created_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idempotent_write');
  }
}

export interface IdempotentWrite<T> {
  /** The mutation, e.g. `Mutation.cfaReservePlace`: the same key may be used for different operations. */
  operation: string;
  key: string | null | undefined;
  /** The request's arguments (without the key): the same key with other arguments is refused. */
  request: unknown;
  /** Performs the write inside the transaction; returns the id from which `replay` rebuilds the answer. */
  write(manager: EntityManager): Promise<{ id: string; result: T }>;
  /** The answer of a write already done, rebuilt from its id (inside the same kind of transaction). */
  replay(id: string, manager: EntityManager): Promise<T>;
}

/** JSON with sorted keys, so that the same arguments always hash the same. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function checkIdempotencyKey(key: string | null | undefined): void {
  if (key === null || key === undefined) return;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw badUserInput(
      `"${IDEMPOTENCY_KEY_ARGUMENT}" must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters without spaces`,
      IDEMPOTENCY_KEY_ARGUMENT,
    );
  }
}

/**
 * Runs a write in one transaction (`tracedWrite`: its trace first), at most once per (caller, operation,
 * key). The key row is
 * inserted first: a concurrent retry with the same key waits on its unique index until the first
 * attempt commits (then replays its answer) or rolls back (then writes itself). A write that
 * fails — a validation error, NO_VACANCY — leaves no key behind, so its retry fails the same way.
 * Without a key, the write simply runs in a transaction.
 */
export async function idempotentWrite<T>(context: WriteContext, spec: IdempotentWrite<T>): Promise<T> {
  checkIdempotencyKey(spec.key);
  const { caller } = context;
  if (spec.key === null || spec.key === undefined)
    return tracedWrite(context, async (manager) => (await spec.write(manager)).result);
  const key = spec.key;
  const hash = createHash('sha256').update(canonical(spec.request)).digest('hex');
  return tracedWrite(context, async (manager) => {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO idempotent_write (caller_sub, operation, key, request_hash, result_id) VALUES ($1, $2, $3, $4, '')
       ON CONFLICT DO NOTHING RETURNING key`,
      [caller.sub, spec.operation, key, hash],
    );
    if (claimed.length === 1) {
      const { id, result } = await spec.write(manager);
      await manager.query(
        'UPDATE idempotent_write SET result_id = $4 WHERE caller_sub = $1 AND operation = $2 AND key = $3',
        [caller.sub, spec.operation, key, id],
      );
      return result;
    }
    const [done]: { request_hash: string; result_id: string }[] = await manager.query(
      'SELECT request_hash, result_id FROM idempotent_write WHERE caller_sub = $1 AND operation = $2 AND key = $3',
      [caller.sub, spec.operation, key],
    );
    if (done.request_hash !== hash) {
      throw new GraphQLError(
        `This ${IDEMPOTENCY_KEY_ARGUMENT} was already used for another ${spec.operation} request: use a new key for a new write`,
        {
          extensions: { code: ErrorCode.IDEMPOTENCY_KEY_REUSED, field: IDEMPOTENCY_KEY_ARGUMENT },
        },
      );
    }
    return spec.replay(done.result_id, manager);
  });
}

/**
 * Forgets the keys older than the retention period (a retry never comes that late); returns the cutoff and
 * how many. Part of every subgraph's retention purge.
 */
export async function purgeIdempotencyKeys(
  manager: EntityManager,
  now: Date,
): Promise<{ cutoff: string; rows: number }> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_RETENTION_DAYS * 86_400_000);
  const [result]: { count: number }[] = await manager.query(
    'WITH purged AS (DELETE FROM idempotent_write WHERE created_at < $1 RETURNING 1) SELECT count(*)::int AS count FROM purged',
    [cutoff],
  );
  return { cutoff: cutoff.toISOString().slice(0, 10), rows: result.count };
}
