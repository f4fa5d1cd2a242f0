import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ACCESS_TRAIL_CHAINS } from './migration';
import { hashRecord, type AccessRecord, type StoredAccessRecord } from './record';

/**
 * Appends in flight at once from one process at most, each on its own chain with its own pooled connection.
 */
const LANES = 4;
/** Records per statement at most: bounds the statement's size and how long it holds a head. */
const MAX_BATCH = 100;
/** Tries before giving up when other processes keep appending to the chains this one picks. */
const MAX_ATTEMPTS = 5;

interface Pending {
  record: AccessRecord;
  resolve(stored: StoredAccessRecord): void;
  reject(error: unknown): void;
}

interface ChainHead {
  chain: number;
  position: number;
  hash: string;
}

/** A writing lane: the chain it appends to and, once known, that chain's head. */
interface Lane {
  chain: number;
  head: ChainHead | null;
}

/**
 * Group commit for the trail of one database. A record that arrives while nothing is being
 * written is written at once, alone; records that arrive during a write wait for the next
 * statement and share it, so under load one commit (one round trip, one WAL flush) serves many
 * requests, and no request waits for more than the statement in flight and its own. Each
 * caller's promise settles only once the statement holding its record committed.
 *
 * No lock is held between round trips: a lane remembers its chain's head and appends with a
 * compare-and-set on it (see insertIfHeadUnchanged). Lanes of one process use distinct chains;
 * a lane that finds its chain moved on by another replica re-reads the head on another chain.
 */
export class TrailWriter {
  private readonly pending: Pending[] = [];
  private readonly lanes: Lane[];
  private readonly idleLanes: Lane[];

  constructor(private readonly db: DataSource) {
    // A random start, so that replicas of the same subgraph begin on different chains.
    const first = randomInt(ACCESS_TRAIL_CHAINS);
    this.lanes = Array.from({ length: LANES }, (_, index) => ({
      chain: (first + index) % ACCESS_TRAIL_CHAINS,
      head: null,
    }));
    this.idleLanes = [...this.lanes];
  }

  append(record: AccessRecord): Promise<StoredAccessRecord> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.startLanes();
    });
  }

  /**
   * One lane writes while the next batch gathers: the fewer statements, the less the trail takes
   * from the business reads on the same server (the benchmark showed it: 2 lanes cost more than 1).
   * More lanes join only when a full batch is already waiting.
   */
  private startLanes(): void {
    const laneWanted = () => this.idleLanes.length === LANES || this.pending.length >= MAX_BATCH;
    while (this.idleLanes.length > 0 && this.pending.length > 0 && laneWanted()) {
      const lane = this.idleLanes.pop()!;
      const batch = this.pending.splice(0, MAX_BATCH);
      void this.write(lane, batch).finally(() => {
        this.idleLanes.push(lane);
        this.startLanes();
      });
    }
  }

  private async write(lane: Lane, batch: Pending[]): Promise<void> {
    try {
      const stored = await this.appendBatch(
        lane,
        batch.map((pending) => pending.record),
      );
      batch.forEach((pending, index) => pending.resolve(stored[index]));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  private async appendBatch(lane: Lane, records: AccessRecord[]): Promise<StoredAccessRecord[]> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      lane.head ??= await readHead(this.db, lane.chain);
      const chained = chainOnto(lane.head, records);
      if (await insertIfHeadUnchanged(this.db, lane.head, chained)) {
        lane.head = chained[chained.length - 1];
        return chained;
      }
      lane.chain = this.chainNoLaneHolds();
      lane.head = null;
    }
    throw new Error(`The access trail is too contended: ${MAX_ATTEMPTS} chains moved on while appending`);
  }

  /** A chain, picked at random, that none of this process's lanes is on (the contended one included). */
  private chainNoLaneHolds(): number {
    const held = new Set(this.lanes.map((lane) => lane.chain));
    const candidates = Array.from({ length: ACCESS_TRAIL_CHAINS }, (_, chain) => chain).filter(
      (chain) => !held.has(chain),
    );
    return candidates[randomInt(candidates.length)];
  }
}

/** Links `records` one after the other from `head`. */
function chainOnto(head: ChainHead, records: AccessRecord[]): StoredAccessRecord[] {
  let previous = head;
  return records.map((record) => {
    const stored = {
      ...record,
      chain: head.chain,
      position: previous.position + 1,
      previousHash: previous.hash,
      hash: hashRecord(record, previous.hash),
    };
    previous = stored;
    return stored;
  });
}

async function readHead(db: DataSource, chain: number): Promise<ChainHead> {
  const [head]: { position: string; hash: string }[] = await db.query(
    'SELECT position, hash FROM access_trail_head WHERE chain = $1',
    [chain],
  );
  if (!head) throw new Error(`The access trail has no chain ${chain}: its migration has not run`);
  return { chain, position: Number(head.position), hash: head.hash };
}

/**
 * One statement, so one round trip that returns once committed: the head moves from `head` to the
 * last record only if it still is at `head` (compare-and-set; a concurrent append to the chain
 * makes it match nothing), and the records are inserted only if it moved. The records travel as
 * one JSON parameter, so the statement is the same whatever the batch size.
 */
async function insertIfHeadUnchanged(
  db: DataSource,
  head: ChainHead,
  records: StoredAccessRecord[],
): Promise<boolean> {
  const last = records[records.length - 1];
  const rows = records.map((record) => ({
    chain: record.chain,
    position: record.position,
    at: record.at.toISOString(),
    request_id: record.requestId,
    caller_sub: record.callerSub,
    caller_role: record.callerRole,
    caller_org: record.callerOrg,
    purpose: record.purpose,
    young_ids: record.youngIds,
    categories_returned: record.categoriesReturned,
    categories_denied: record.categoriesDenied,
    fields_returned: record.fieldsReturned,
    fields_denied: record.fieldsDenied,
    previous_hash: record.previousHash,
    hash: record.hash,
  }));
  const inserted: unknown[] = await db.query(
    `WITH advanced AS (
       UPDATE access_trail_head SET position = $2, hash = $3
        WHERE chain = $4 AND position = $5 AND hash = $6
       RETURNING chain)
     INSERT INTO access_trail (chain, position, at, request_id, caller_sub, caller_role, caller_org, purpose,
                               young_ids, categories_returned, categories_denied, fields_returned, fields_denied, previous_hash, hash)
     SELECT record.* FROM jsonb_to_recordset($1::jsonb) AS record(
       chain smallint, position bigint, at timestamptz, request_id text, caller_sub text, caller_role text, caller_org text, purpose text,
       young_ids text[], categories_returned text[], categories_denied text[], fields_returned text[], fields_denied text[], previous_hash text, hash text)
     WHERE EXISTS (SELECT FROM advanced)
     RETURNING position`,
    [JSON.stringify(rows), last.position, last.hash, head.chain, head.position, head.hash],
  );
  return inserted.length === records.length;
}
