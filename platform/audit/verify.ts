import type { ClientBase } from 'pg';
import { DataSource } from 'typeorm';
import { GENESIS_HASH } from './migration';
import { hashRecord, storedRecordOf, TRAIL_COLUMNS, type StoredAccessRecord, type TrailRow } from './record';

export type TamperKind = 'EDITED' | 'DELETED' | 'REORDERED' | 'INSERTED';

export type TrailVerdict =
  | { ok: true; records: number }
  | { ok: false; chain: number; position: number; problem: TamperKind; detail: string };

/** What verification reads from: a subgraph's TypeORM data source, or a plain pg client (scripts, tests). */
export type TrailSource = DataSource | ClientBase;

type Query = <Row>(sql: string, parameters?: unknown[]) => Promise<Row[]>;

interface ChainLink {
  chain: number;
  position: number;
  hash: string;
}

/** Rows read at a time: a chain of millions of records is walked in constant memory. */
const VERIFY_BATCH = 5000;

/**
 * Walks every chain on one consistent snapshot (appends may go on meanwhile) and returns the
 * first broken link: a record whose content no longer matches its hash (EDITED), a missing
 * position or a chain shorter than its head (DELETED), a record chained to one that comes after
 * it (REORDERED), a record chained past its predecessor, after its chain's head or in no chain
 * (INSERTED).
 */
export async function verifyTrail(source: TrailSource): Promise<TrailVerdict> {
  return inSnapshot(source, async (query) => {
    const heads = (
      await query<{ chain: number; position: string; hash: string }>(
        'SELECT chain, position, hash FROM access_trail_head ORDER BY chain',
      )
    ).map((head) => ({ chain: head.chain, position: Number(head.position), hash: head.hash }));
    const [stray] = await query<{ chain: number; position: string }>(
      'SELECT chain, position FROM access_trail WHERE chain <> ALL($1::smallint[]) ORDER BY chain, position LIMIT 1',
      [heads.map((head) => head.chain)],
    );
    if (stray)
      return broken(
        stray.chain,
        Number(stray.position),
        'INSERTED',
        'this record belongs to no chain of the trail',
      );
    // Where the retention purge removed a chain's oldest records, verification restarts from there.
    const checkpoints = new Map(
      (
        await query<{ chain: number; position: string; hash: string }>(
          'SELECT chain, position, hash FROM access_trail_checkpoint',
        )
      ).map((row) => [row.chain, { chain: row.chain, position: Number(row.position), hash: row.hash }]),
    );
    let records = 0;
    for (const head of heads) {
      const verdict = await verifyChain(
        query,
        head,
        checkpoints.get(head.chain) ?? { chain: head.chain, position: 0, hash: GENESIS_HASH },
      );
      if (!verdict.ok) return verdict;
      records += verdict.records;
    }
    return { ok: true, records };
  });
}

async function verifyChain(query: Query, head: ChainLink, start: ChainLink): Promise<TrailVerdict> {
  const [beforeStart] = await query<{ position: string }>(
    'SELECT position FROM access_trail WHERE chain = $1 AND position <= $2 ORDER BY position LIMIT 1',
    [head.chain, start.position],
  );
  if (beforeStart)
    return broken(
      head.chain,
      Number(beforeStart.position),
      'INSERTED',
      `the chain was purged up to position ${start.position}: nothing may remain before it`,
    );
  let previous: ChainLink = start;
  for (;;) {
    const rows = await query<TrailRow>(
      `SELECT ${TRAIL_COLUMNS} FROM access_trail WHERE chain = $1 AND position > $2 ORDER BY position LIMIT $3`,
      [head.chain, previous.position, VERIFY_BATCH],
    );
    for (const record of rows.map(storedRecordOf)) {
      const problem = await linkProblem(query, head, previous, record);
      if (problem) return problem;
      previous = record;
    }
    if (rows.length < VERIFY_BATCH)
      return endProblem(head, previous) ?? { ok: true, records: previous.position - start.position };
  }
}

/** Why `record` cannot follow `previous` in its chain, or undefined when it can. */
async function linkProblem(
  query: Query,
  head: ChainLink,
  previous: ChainLink,
  record: StoredAccessRecord,
): Promise<TrailVerdict | undefined> {
  const { chain, position } = record;
  if (position > head.position)
    return broken(
      chain,
      position,
      'INSERTED',
      `the chain's head is at position ${head.position}: nothing was appended after it`,
    );
  if (position > previous.position + 1) {
    const missing =
      previous.position + 2 === position
        ? `position ${previous.position + 1} is`
        : `positions ${previous.position + 1} to ${position - 1} are`;
    return broken(chain, previous.position + 1, 'DELETED', `${missing} missing`);
  }
  if (hashRecord(record, record.previousHash) !== record.hash)
    return broken(chain, position, 'EDITED', 'the record no longer matches its hash');
  if (record.previousHash === previous.hash) return undefined;
  // The link is broken: where the record it was chained to is now tells what happened.
  const [linked] = await query<{ position: string }>(
    'SELECT position FROM access_trail WHERE chain = $1 AND hash = $2 LIMIT 1',
    [chain, record.previousHash],
  );
  const linkedPosition = linked ? Number(linked.position) : null;
  if (linkedPosition !== null && linkedPosition > position) {
    return broken(
      chain,
      position,
      'REORDERED',
      `it was chained to the record now at position ${linkedPosition}, which comes after it`,
    );
  }
  if (linkedPosition !== null && linkedPosition < previous.position) {
    return broken(
      chain,
      linkedPosition + 1,
      'INSERTED',
      `the record at position ${position} was chained to position ${linkedPosition}: what lies between was added`,
    );
  }
  if (previous.position === 0)
    return broken(chain, position, 'EDITED', 'the first record of a chain must follow the genesis hash');
  return broken(
    chain,
    previous.position,
    'EDITED',
    `the record at position ${position} was chained to another version of this one`,
  );
}

/** Whether the chain ends where its head says: a removed or rewritten last record shows only there. */
function endProblem(head: ChainLink, last: ChainLink): TrailVerdict | undefined {
  if (last.position < head.position) {
    const missing =
      last.position + 1 === head.position
        ? `position ${head.position} is`
        : `positions ${last.position + 1} to ${head.position} are`;
    return broken(
      head.chain,
      last.position + 1,
      'DELETED',
      `the chain ends at position ${last.position} but its head is at ${head.position}: ${missing} missing`,
    );
  }
  if (last.hash !== head.hash)
    return broken(
      head.chain,
      last.position,
      'EDITED',
      "the last record's hash differs from the one its chain's head recorded",
    );
  return undefined;
}

function broken(chain: number, position: number, problem: TamperKind, detail: string): TrailVerdict {
  return { ok: false, chain, position, problem, detail };
}

/**
 * Runs `work` in a read-only REPEATABLE READ transaction, so that heads and records are read as of one
 * instant.
 */
async function inSnapshot<T>(source: TrailSource, work: (query: Query) => Promise<T>): Promise<T> {
  if (source instanceof DataSource) {
    const runner = source.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return await work((sql, parameters) => runner.query(sql, parameters));
    } finally {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
  await source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    return await work(async (sql, parameters) => (await source.query(sql, parameters)).rows);
  } finally {
    await source.query('ROLLBACK').catch(() => undefined);
  }
}
