import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import {
  AUDIT_UNAVAILABLE_MESSAGE,
  accessTrailPlugin,
  createAccessCollector,
  type AuditedContext,
} from '../../platform/audit/recorder';
import {
  appendAccessRecord,
  hashRecord,
  readTrail,
  verifyTrail,
  type AccessRecord,
  type TrailVerdict,
} from '../../platform/audit/trail';
import type { Caller } from '../../platform/auth/claims';
import { EmbeddedCluster, ownerRoleOf, roleOf } from '../../platform/database/embedded-cluster';
import { openSubgraphDatabase } from '../../platform/database/open';
import { SUBGRAPHS } from '../../platform/partners';
import { auditVerify } from '../../scripts/lib/audit-verify';
import { migrations as e2cMigrations } from '../../subgraphs/e2c/migrations';

// One real PostgreSQL for the file; the trail lives in e2c's database, migrated as its owner.
let directory: string;
let cluster: EmbeddedCluster;
let db: DataSource;
let superuser: Client;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'hub-trail-test-'));
  cluster = new EmbeddedCluster({ directory, port: 0 });
  await cluster.start();
  db = (
    await openSubgraphDatabase(
      { profile: SUBGRAPHS.e2c, entities: [], migrations: e2cMigrations },
      { databaseUrl: cluster.urlFor('e2c'), migrationDatabaseUrl: cluster.migrationUrlFor('e2c') },
    )
  ).dataSource;
  superuser = await connect(cluster.superuserUrlFor('e2c'));
});

afterAll(async () => {
  if (db?.isInitialized) await db.destroy();
  await superuser?.end().catch(() => undefined);
  await cluster?.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

async function asRole<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Records in the trail once the appending tests ran: 1 alone, 200 in parallel, 3 around another replica's
 * append.
 */
const TRAIL_SIZE = 204;

const caller: Caller = {
  sub: 'agent-7',
  role: 'psad-coordinator',
  org: 'PSAD-38-GRE',
  territories: ['38-GRE'],
  purpose: 'ACCOMPAGNEMENT',
};

function sampleRecord(requestId: string, youngIds = ['11111111-1111-4111-8111-111111111111']): AccessRecord {
  return {
    at: new Date(),
    requestId,
    callerSub: caller.sub,
    callerRole: caller.role,
    callerOrg: caller.org,
    purpose: caller.purpose,
    youngIds,
    categoriesReturned: ['IDENTITY', 'FOLLOW_UP_SUMMARY'],
    categoriesDenied: ['FOLLOW_UP_DETAIL'],
    fieldsReturned: ['Young.firstName', 'Young.e2cFollowUps'],
    fieldsDenied: ['FollowUp.notes'],
  };
}

describe('two roles per partner database', () => {
  it('gives the database, its public schema and every migrated table to the owner role', async () => {
    const owner = ownerRoleOf('e2c');
    const { rows: database } = await superuser.query(
      "SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'e2c'",
    );
    const { rows: schema } = await superuser.query(
      "SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'public'",
    );
    const { rows: tables } = await superuser.query(
      "SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'",
    );
    expect([database, schema, tables]).toEqual([[{ owner }], [{ owner }], [{ owner }]]);
  });

  it('lets the runtime role use the business tables but not change the schema', async () => {
    await asRole(cluster.urlFor('e2c'), async (runtime) => {
      await runtime.query(
        "INSERT INTO organisation (id, kind, name, code, bassin_code, commune) VALUES (gen_random_uuid(), 'E2C', 'E2C Isère', 'E2C-38', '38-GRE', 'Grenoble')",
      );
      await runtime.query("UPDATE organisation SET name = 'E2C Isère (Grenoble)' WHERE code = 'E2C-38'");
      expect((await runtime.query("SELECT name FROM organisation WHERE code = 'E2C-38'")).rows).toEqual([
        { name: 'E2C Isère (Grenoble)' },
      ]);
      await runtime.query("DELETE FROM organisation WHERE code = 'E2C-38'");
      await expect(runtime.query('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
      await expect(runtime.query('DROP TABLE organisation')).rejects.toThrow(/must be owner/);
    });
  });

  it('lets neither role into another partner’s database', async () => {
    for (const url of [cluster.urlFor('e2c'), cluster.migrationUrlFor('e2c')]) {
      const intruder = new Client({ connectionString: url.replace(/\/e2c$/, '/cfa') });
      await expect(intruder.connect()).rejects.toThrow(/permission denied/);
      await intruder.end().catch(() => undefined);
    }
  });
});

describe('the access trail', () => {
  it('appends a record that verifies and reads back by person, never holding the data itself', async () => {
    const youngId = '22222222-2222-4222-8222-222222222222';
    const stored = await appendAccessRecord(db, sampleRecord('req-single', [youngId]));
    expect(stored.hash).toBe(hashRecord(stored, stored.previousHash));
    const [read] = await readTrail(db, youngId);
    expect(read).toEqual(stored);
    expect(await verifyTrail(db)).toEqual({ ok: true, records: 1 });
  });

  it('keeps 200 parallel appends from two replicas, all chained, none lost', async () => {
    const replica = (
      await openSubgraphDatabase(
        { profile: SUBGRAPHS.e2c, entities: [], migrations: e2cMigrations },
        { databaseUrl: cluster.urlFor('e2c') },
      )
    ).dataSource;
    try {
      const stored = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          appendAccessRecord(index % 2 ? replica : db, sampleRecord(`req-parallel-${index}`)),
        ),
      );
      expect(new Set(stored.map((record) => `${record.chain}:${record.position}`)).size).toBe(200);
    } finally {
      await replica.destroy();
    }
    const { rows } = await superuser.query(
      'SELECT chain, count(*)::int AS count, max(position)::int AS last FROM access_trail GROUP BY chain',
    );
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(201);
    // Positions run 1..n without a gap in every chain.
    for (const row of rows) expect(row.last).toBe(row.count);
    expect(await verifyTrail(db)).toEqual({ ok: true, records: 201 });
  });

  it('moves to another chain when another replica appended to its own meanwhile', async () => {
    const first = await appendAccessRecord(db, sampleRecord('req-before'));
    // Another replica appends to that chain behind this process's back (a correct append).
    await forge(first.chain, first.position + 1, first.hash);
    await superuser.query(
      'UPDATE access_trail_head SET position = position + 1, hash = (SELECT hash FROM access_trail WHERE chain = $1 AND position = $2) WHERE chain = $1',
      [first.chain, first.position + 1],
    );
    const next = await appendAccessRecord(db, sampleRecord('req-after'));
    expect(next.chain).not.toBe(first.chain);
    expect(await verifyTrail(db)).toEqual({ ok: true, records: TRAIL_SIZE });
  });

  it('lets the runtime role append and read, never change or remove a record', async () => {
    await asRole(cluster.urlFor('e2c'), async (runtime) => {
      expect((await runtime.query('SELECT count(*)::int AS count FROM access_trail')).rows[0].count).toBe(
        TRAIL_SIZE,
      );
      await expect(runtime.query("UPDATE access_trail SET caller_org = 'X'")).rejects.toThrow(
        /permission denied/,
      );
      await expect(runtime.query('DELETE FROM access_trail')).rejects.toThrow(/permission denied/);
      await expect(runtime.query('TRUNCATE access_trail')).rejects.toThrow(/permission denied/);
      await expect(runtime.query('DELETE FROM access_trail_head')).rejects.toThrow(/permission denied/);
      await expect(runtime.query("INSERT INTO access_trail_head VALUES (99, 0, 'x')")).rejects.toThrow(
        /permission denied/,
      );
    });
  });

  it('refuses changes even to its owner (the trigger, second line of defence)', async () => {
    await asRole(cluster.migrationUrlFor('e2c'), async (owner) => {
      await expect(owner.query("UPDATE access_trail SET caller_org = 'X'")).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(owner.query('DELETE FROM access_trail')).rejects.toThrow(/append-only: DELETE refused/);
      await expect(owner.query('TRUNCATE access_trail')).rejects.toThrow(/append-only: TRUNCATE refused/);
    });
  });
});

/**
 * Tampering as a superuser would (triggers off), then restoring the trail exactly: each case
 * starts from an intact trail, which `afterEach` checks.
 */
async function tamper(
  change: (target: { chain: number; last: number }) => Promise<void>,
): Promise<{ chain: number; last: number }> {
  const { rows } = await superuser.query(
    'SELECT chain, max(position)::int AS last FROM access_trail GROUP BY chain ORDER BY count(*) DESC, chain LIMIT 1',
  );
  const target = rows[0] as { chain: number; last: number };
  expect(target.last).toBeGreaterThanOrEqual(4);
  await superuser.query('BEGIN');
  await superuser.query('SET LOCAL session_replication_role = replica');
  await superuser.query('CREATE TEMP TABLE trail_backup AS SELECT * FROM access_trail');
  await superuser.query('CREATE TEMP TABLE head_backup AS SELECT * FROM access_trail_head');
  await change(target);
  await superuser.query('COMMIT');
  return target;
}

async function restore(): Promise<void> {
  await superuser.query('BEGIN');
  await superuser.query('SET LOCAL session_replication_role = replica');
  await superuser.query('DELETE FROM access_trail');
  await superuser.query('INSERT INTO access_trail SELECT * FROM trail_backup');
  await superuser.query(
    'UPDATE access_trail_head AS head SET position = backup.position, hash = backup.hash FROM head_backup AS backup WHERE head.chain = backup.chain',
  );
  await superuser.query('DROP TABLE trail_backup, head_backup');
  await superuser.query('COMMIT');
}

async function hashAt(chain: number, position: number): Promise<string> {
  return (
    await superuser.query('SELECT hash FROM access_trail WHERE chain = $1 AND position = $2', [
      chain,
      position,
    ])
  ).rows[0].hash;
}

/**
 * A well-formed record, correctly hashed on `previousHash`: what a forger who knows the format would write.
 */
async function forge(chain: number, position: number, previousHash: string): Promise<void> {
  const record = sampleRecord('forged', ['33333333-3333-4333-8333-333333333333']);
  await superuser.query(
    `INSERT INTO access_trail (chain, position, at, request_id, caller_sub, caller_role, caller_org, purpose, young_ids, categories_returned,
       categories_denied, fields_returned, fields_denied, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      chain,
      position,
      record.at,
      record.requestId,
      record.callerSub,
      record.callerRole,
      record.callerOrg,
      record.purpose,
      record.youngIds,
      record.categoriesReturned,
      record.categoriesDenied,
      record.fieldsReturned,
      record.fieldsDenied,
      previousHash,
      hashRecord(record, previousHash),
    ],
  );
}

async function move(chain: number, from: number, to: number): Promise<void> {
  await superuser.query('UPDATE access_trail SET position = $3 WHERE chain = $1 AND position = $2', [
    chain,
    from,
    to,
  ]);
}

describe('verification of a tampered trail', () => {
  afterEach(async () => {
    await restore();
    expect(await verifyTrail(db)).toMatchObject({ ok: true });
  });

  async function verdictAfter(
    change: (target: { chain: number; last: number }) => Promise<void>,
  ): Promise<{ verdict: TrailVerdict; chain: number; last: number }> {
    const target = await tamper(change);
    return { verdict: await verifyTrail(db), ...target };
  }

  it('names an edited record', async () => {
    const { verdict, chain } = await verdictAfter(({ chain }) =>
      superuser
        .query("UPDATE access_trail SET caller_org = 'SOMEONE-ELSE' WHERE chain = $1 AND position = 2", [
          chain,
        ])
        .then(() => undefined),
    );
    expect(verdict).toMatchObject({ ok: false, chain, position: 2, problem: 'EDITED' });
  });

  it('names an edited record whose hash was recomputed', async () => {
    const { verdict, chain } = await verdictAfter(async ({ chain }) => {
      const [record] = (await readTrail(db, '11111111-1111-4111-8111-111111111111')).filter(
        (r) => r.chain === chain && r.position === 2,
      );
      const edited = { ...record, callerOrg: 'SOMEONE-ELSE' };
      await superuser.query(
        'UPDATE access_trail SET caller_org = $3, hash = $4 WHERE chain = $1 AND position = $2',
        [chain, 2, edited.callerOrg, hashRecord(edited, record.previousHash)],
      );
    });
    expect(verdict).toMatchObject({ ok: false, chain, position: 2, problem: 'EDITED' });
  });

  it('names a deleted record', async () => {
    const { verdict, chain } = await verdictAfter(({ chain }) =>
      superuser
        .query('DELETE FROM access_trail WHERE chain = $1 AND position = 2', [chain])
        .then(() => undefined),
    );
    expect(verdict).toMatchObject({ ok: false, chain, position: 2, problem: 'DELETED' });
  });

  it('names a deleted last record', async () => {
    const { verdict, chain, last } = await verdictAfter(({ chain, last }) =>
      superuser
        .query('DELETE FROM access_trail WHERE chain = $1 AND position = $2', [chain, last])
        .then(() => undefined),
    );
    expect(verdict).toMatchObject({ ok: false, chain, position: last, problem: 'DELETED' });
  });

  it('names two records swapped', async () => {
    const { verdict, chain } = await verdictAfter(async ({ chain, last }) => {
      await move(chain, 2, last + 100);
      await move(chain, 3, 2);
      await move(chain, last + 100, 3);
    });
    expect(verdict).toMatchObject({ ok: false, chain, position: 2, problem: 'REORDERED' });
  });

  it('names a record forged after the last one', async () => {
    const { verdict, chain, last } = await verdictAfter(async ({ chain, last }) =>
      forge(chain, last + 1, await hashAt(chain, last)),
    );
    expect(verdict).toMatchObject({ ok: false, chain, position: last + 1, problem: 'INSERTED' });
  });

  it('names a record spliced between two others, even with the head moved on', async () => {
    const { verdict, chain } = await verdictAfter(async ({ chain, last }) => {
      for (let position = last; position >= 3; position -= 1) await move(chain, position, position + 1);
      await forge(chain, 3, await hashAt(chain, 2));
      await superuser.query('UPDATE access_trail_head SET position = position + 1 WHERE chain = $1', [chain]);
    });
    expect(verdict).toMatchObject({ ok: false, chain, position: 3, problem: 'INSERTED' });
  });

  it('names a record in a chain the trail does not have', async () => {
    const { verdict } = await verdictAfter(() => forge(999, 1, '0'.repeat(64)));
    expect(verdict).toMatchObject({ ok: false, chain: 999, position: 1, problem: 'INSERTED' });
  });

  it('makes `audit:verify` fail with the chain, the position and the kind of tampering', async () => {
    const lines: string[] = [];
    const target = await tamper(({ chain }) =>
      superuser
        .query('DELETE FROM access_trail WHERE chain = $1 AND position = 3', [chain])
        .then(() => undefined),
    );
    const status = await auditVerify({
      subgraphs: ['e2c'],
      dataDirectory: directory,
      env: {},
      print: (line) => lines.push(line),
      quiet: true,
    });
    expect(status).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^e2c: BROKEN at chain ${target.chain}, position 3: DELETED`)),
    ]);
  });
});

describe('audit:verify', () => {
  const run = async (options: {
    subgraphs: ('e2c' | 'cfa')[];
    env?: NodeJS.ProcessEnv;
    dataDirectory?: string;
  }) => {
    const lines: string[] = [];
    const status = await auditVerify({
      dataDirectory: directory,
      env: {},
      ...options,
      print: (line) => lines.push(line),
      quiet: true,
    });
    return { status, lines };
  };

  it('passes an intact trail, on the embedded cluster already running', async () => {
    expect(await run({ subgraphs: ['e2c'] })).toEqual({
      status: 0,
      lines: [`e2c: ok (${TRAIL_SIZE} records)`],
    });
  });

  it('reads an external database from <STEM>_DATABASE_URL', async () => {
    const external = await run({
      subgraphs: ['e2c'],
      env: { E2C_DATABASE_URL: cluster.urlFor('e2c') },
      dataDirectory: join(directory, 'nowhere'),
    });
    expect(external).toEqual({ status: 0, lines: [`e2c: ok (${TRAIL_SIZE} records)`] });
  });

  it('fails on a database without a trail, and explains a missing cluster', async () => {
    const unmigrated = await run({ subgraphs: ['cfa'] });
    expect(unmigrated.status).toBe(1);
    expect(unmigrated.lines[0]).toMatch(/^cfa: cannot verify the access trail of CFA: .*access_trail/);
    await expect(run({ subgraphs: ['e2c'], dataDirectory: join(directory, 'nowhere') })).rejects.toThrow(
      /No embedded PostgreSQL in .*nowhere.*E2C_DATABASE_URL/,
    );
  });
});

describe('the trail plugin', () => {
  const typeDefs = `type Query { young(id: ID!): Young, offerCount: Int! }
    type Young { id: ID!, firstName: String, pjjSignal: String }`;
  const resolvers = {
    Query: { young: (_: unknown, { id }: { id: string }) => ({ id }), offerCount: () => 12 },
    Young: {
      firstName: (young: { id: string }, _: unknown, context: AuditedContext) => {
        context.access.note(young.id, 'IDENTITY', 'Young.firstName', true);
        return 'Camille';
      },
      pjjSignal: (young: { id: string }, _: unknown, context: AuditedContext) => {
        context.access.note(young.id, 'PJJ_SIGNAL', 'Young.pjjSignal', false);
        return null;
      },
    },
  };
  const youngId = '44444444-4444-4444-8444-444444444444';
  const YOUNG_QUERY = `{ young(id: "${youngId}") { firstName pjjSignal } }`;
  const failures: string[] = [];
  let server: ApolloServer<AuditedContext>;

  beforeAll(() => {
    server = new ApolloServer<AuditedContext>({
      typeDefs,
      resolvers,
      plugins: [accessTrailPlugin(db, (message) => failures.push(message))],
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function execute(query: string, requestId: string) {
    const response = await server.executeOperation(
      { query },
      { contextValue: { access: createAccessCollector(caller, requestId) } },
    );
    return response.body.kind === 'single' ? response.body.singleResult : null;
  }

  async function withoutInsertRight(work: () => Promise<void>): Promise<void> {
    await superuser.query(`REVOKE INSERT ON access_trail FROM ${roleOf('e2c')}`);
    try {
      await work();
    } finally {
      await superuser.query(`GRANT INSERT ON access_trail TO ${roleOf('e2c')}`);
    }
  }

  it('writes one record per request before the answer leaves', async () => {
    expect(await execute(YOUNG_QUERY, 'req-plugin-1')).toEqual({
      data: { young: { firstName: 'Camille', pjjSignal: null } },
    });
    expect(await readTrail(db, youngId)).toEqual([
      expect.objectContaining({
        requestId: 'req-plugin-1',
        fieldsReturned: ['Young.firstName'],
        fieldsDenied: ['Young.pjjSignal'],
        categoriesReturned: ['IDENTITY'],
        categoriesDenied: ['PJJ_SIGNAL'],
      }),
    ]);
  });

  it('returns no data when the record cannot be written', async () => {
    await withoutInsertRight(async () => {
      const answer = await execute(YOUNG_QUERY, 'req-plugin-2');
      expect(answer).toEqual({
        data: null,
        errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'AUDIT_UNAVAILABLE' } }],
      });
      expect(JSON.stringify(answer)).not.toContain('Camille');
    });
    expect(failures).toEqual([
      expect.stringMatching(
        /^\[access-trail\] request req-plugin-2: permission denied for table access_trail$/,
      ),
    ]);
    expect((await readTrail(db, youngId)).map((record) => record.requestId)).toEqual(['req-plugin-1']);
  });

  it('writes nothing, and blocks nothing, when no personal data was touched', async () => {
    await withoutInsertRight(async () => {
      expect(await execute('{ offerCount }', 'req-plugin-3')).toEqual({ data: { offerCount: 12 } });
    });
    expect(
      (
        await superuser.query(
          "SELECT count(*)::int AS count FROM access_trail WHERE request_id = 'req-plugin-3'",
        )
      ).rows[0].count,
    ).toBe(0);
  });
});

describe('a cluster created before the two roles', () => {
  it('is handed over to the owner role at the next start, and keeps working', async () => {
    // What older code left: pjj's database, schema and tables owned by the runtime role, no owner password.
    await superuser.query(`ALTER DATABASE pjj OWNER TO ${roleOf('pjj')}`);
    await asRole(cluster.superuserUrlFor('pjj'), async (pjj) => {
      await pjj.query('ALTER SCHEMA public OWNER TO pg_database_owner');
      await pjj.query(`SET ROLE ${roleOf('pjj')}`);
      await pjj.query('CREATE TABLE legacy_signal (id serial PRIMARY KEY, label text NOT NULL)');
    });
    const credentialsFile = join(directory, 'credentials.json');
    const { ownerPasswords: _dropped, ...olderCredentials } = JSON.parse(
      readFileSync(credentialsFile, 'utf8'),
    );
    writeFileSync(credentialsFile, JSON.stringify(olderCredentials));
    await db.destroy();
    await superuser.end();
    await cluster.stop();

    cluster = new EmbeddedCluster({ directory, port: 0 });
    await cluster.start();
    superuser = await connect(cluster.superuserUrlFor('pjj'));
    db = (
      await openSubgraphDatabase(
        { profile: SUBGRAPHS.e2c, entities: [], migrations: e2cMigrations },
        { databaseUrl: cluster.urlFor('e2c'), migrationDatabaseUrl: cluster.migrationUrlFor('e2c') },
      )
    ).dataSource;

    const owner = ownerRoleOf('pjj');
    const { rows } = await superuser.query(
      `SELECT (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'pjj') AS database,
              (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public') AS schema,
              (SELECT tableowner FROM pg_tables WHERE tablename = 'legacy_signal') AS "table"`,
    );
    expect(rows).toEqual([{ database: owner, schema: owner, table: owner }]);
    await asRole(cluster.urlFor('pjj'), async (runtime) => {
      await runtime.query("INSERT INTO legacy_signal (label) VALUES ('still writable')");
      expect((await runtime.query('SELECT label FROM legacy_signal')).rows).toEqual([
        { label: 'still writable' },
      ]);
    });
    await asRole(cluster.migrationUrlFor('pjj'), (ownerClient) => ownerClient.query('SELECT 1'));
    expect(await verifyTrail(db)).toMatchObject({ ok: true });
  });

  it('lets audit:verify start the cluster itself when it is not running, and stop it after', async () => {
    await db.destroy();
    await superuser.end();
    await cluster.stop();
    expect(EmbeddedCluster.runningPort(directory)).toBeNull();
    const lines: string[] = [];
    expect(
      await auditVerify({
        subgraphs: ['e2c'],
        dataDirectory: directory,
        env: {},
        print: (line) => lines.push(line),
        quiet: true,
      }),
    ).toBe(0);
    expect(lines[0]).toMatch(/^e2c: ok \(\d+ records\)$/);
    expect(EmbeddedCluster.runningPort(directory)).toBeNull();
  });
});
