import { fork, type ChildProcess } from 'node:child_process';
import nodeCluster from 'node:cluster';
import { createPublicKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { generateWorld } from '../../demo/generate';
import type { DemoWorld } from '../../demo/world';
import { factKeysFromEnvironment, gatewayKeysFromEnvironment, KeyVariable } from '../../platform/auth/keys';
import {
  databaseUrlVariable,
  integerSetting,
  migrationDatabaseUrlVariable,
  subgraphUrlVariable,
} from '../../platform/config';
import { loadDatasetOnce } from '../../platform/database/dataset-marker';
import { EmbeddedCluster } from '../../platform/database/embedded-cluster';
import { openSubgraphDatabase } from '../../platform/database/open';
import { PROJECT_ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../../platform/partners';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';
import { Progress } from './progress';
import type { StackOptions } from './stack';
import { Supervisor } from './supervisor';

/** Where `npm run build` puts the compiled entries the processes run. */
export const DIST = join(PROJECT_ROOT, 'dist');

export interface ProcessStackOptions extends StackOptions {
  /** Gateway workers (node:cluster) sharing its port; default `HUB_GATEWAY_WORKERS`, else one per core. */
  gatewayWorkers?: number;
}

export interface ProcessStack {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  supervisor: Supervisor;
  cluster: EmbeddedCluster | null;
  world: DemoWorld | null;
  stop(): Promise<void>;
}

/**
 * The hub as production runs it, on one machine: PostgreSQL (embedded, started once here, unless every
 * subgraph has `<STEM>_DATABASE_URL`), then each subgraph in its own process
 * (`dist/subgraphs/<name>/index.js`, which reads its database URL, port and keys from its environment),
 * then the gateway as `node:cluster` workers sharing one port (`dist/gateway/index.js`). A supervisor
 * restarts any of them that dies, with backoff. Needs `npm run build` first (`npm start` does it).
 */
export async function startProcessStack(options: ProcessStackOptions): Promise<ProcessStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((message: string) => console.error(message));
  const external = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, env[databaseUrlVariable(name)]]));
  const needsCluster = SUBGRAPH_NAMES.some((name) => !external[name]);
  const workers =
    options.gatewayWorkers ?? (integerSetting(env, 'HUB_GATEWAY_WORKERS', 0) || availableParallelism());
  const progress = new Progress(
    SUBGRAPH_NAMES.length + 1 + (needsCluster ? 1 : 0) + (options.demo ? 1 : 0),
    options.quiet,
  );
  const keyContext = { production: options.production, dataDirectory: options.dataDirectory };
  // Fails fast on a key misconfiguration, and creates the development keys once, before the children read
  // them.
  const gatewayKeys = gatewayKeysFromEnvironment(env, keyContext);
  for (const name of SUBGRAPH_NAMES) factKeysFromEnvironment(env, name, keyContext);
  const keyEnv = internalPublicKeyEnv(env, options.dataDirectory, gatewayKeys.internalPrivateKey);

  const supervisor = new Supervisor({ log });
  let cluster: EmbeddedCluster | null = null;
  try {
    if (needsCluster) {
      cluster = new EmbeddedCluster({ directory: options.dataDirectory, port: options.postgresPort });
      await cluster.start();
      progress.step(`PostgreSQL ready on port ${cluster.port} (${join(options.dataDirectory, 'postgres')})`);
    }
    const world = options.demo ? generateWorld(options.demo) : null;
    if (options.demo) progress.step(`Demo world generated (${world!.youngs.length} young people)`);

    const subgraphUrls = {} as Record<SubgraphName, string>;
    // One at a time: on two cores, parallel migrations and bulk loads only fight for the same CPU.
    for (const name of SUBGRAPH_NAMES) {
      const databaseUrl = external[name] ?? cluster!.urlFor(name);
      const migrationDatabaseUrl = external[name]
        ? env[migrationDatabaseUrlVariable(name)]
        : cluster!.migrationUrlFor(name);
      if (world && options.demo) {
        const demo = options.demo;
        const definition = SUBGRAPH_DEFINITIONS[name];
        const { dataSource } = await openSubgraphDatabase(definition, { databaseUrl, migrationDatabaseUrl });
        try {
          await loadDatasetOnce(dataSource, 'demo', demo, (manager) => definition.loadDemo(manager, world));
        } finally {
          await dataSource.destroy();
        }
      }
      const port = options.subgraphPorts === 'default' ? SUBGRAPHS[name].defaultPort : await freePort();
      const childEnv: NodeJS.ProcessEnv = {
        ...env,
        ...keyEnv,
        HUB_DATA_DIR: options.dataDirectory,
        [databaseUrlVariable(name)]: databaseUrl,
        ...(migrationDatabaseUrl ? { [migrationDatabaseUrlVariable(name)]: migrationDatabaseUrl } : {}),
        PORT: String(port),
        HOST: '127.0.0.1',
      };
      await supervisor.supervise(name, () =>
        forwarded(fork(join(DIST, 'subgraphs', name, 'index.js'), [], { env: childEnv, silent: true }), log),
      );
      subgraphUrls[name] = env[subgraphUrlVariable(name)] ?? `http://127.0.0.1:${port}/graphql`;
      progress.step(`${SUBGRAPHS[name].label} subgraph on ${subgraphUrls[name]} (own process)`);
    }

    const gatewayPort = options.gatewayPort || (await freePort());
    const gatewayEnv: NodeJS.ProcessEnv = {
      ...env,
      HUB_DATA_DIR: options.dataDirectory,
      PORT: String(gatewayPort),
      HOST: env.HOST ?? '127.0.0.1',
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), subgraphUrls[name]])),
    };
    nodeCluster.setupPrimary({ exec: join(DIST, 'gateway', 'index.js'), silent: true });
    await Promise.all(
      Array.from({ length: workers }, (_, index) =>
        supervisor.supervise(`gateway-${index + 1}`, () =>
          forwarded(nodeCluster.fork(gatewayEnv).process, log),
        ),
      ),
    );
    progress.step(`Gateway on http://localhost:${gatewayPort}/graphql (${workers} worker(s))`);

    return {
      gatewayUrl: `http://localhost:${gatewayPort}/graphql`,
      subgraphUrls,
      supervisor,
      cluster,
      world,
      async stop() {
        // The gateway first, so that it sends nothing more to the subgraphs, then the subgraphs, then PostgreSQL.
        await supervisor.stop();
        await cluster?.stop();
      },
    };
  } catch (error) {
    await supervisor.stop();
    await cluster?.stop();
    throw error;
  }
}

/** Each line a child writes, handed to `log` (JSON lines from pino, mostly). */
function forwarded(child: ChildProcess, log: (line: string) => void): ChildProcess {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream as Readable }).on('line', log);
  }
  return child;
}

/**
 * The subgraphs verify the gateway's internal tokens with the public half of its key. Outside production,
 * both are the development pair; with `HUB_INTERNAL_PRIVATE_KEY_FILE` alone, its public half is written next
 * to the development keys for the subgraph processes to read.
 */
function internalPublicKeyEnv(
  env: NodeJS.ProcessEnv,
  dataDirectory: string,
  privateKey: Parameters<typeof createPublicKey>[0],
): NodeJS.ProcessEnv {
  if (env[KeyVariable.INTERNAL_PUBLIC_KEY_FILE] || !env[KeyVariable.INTERNAL_PRIVATE_KEY_FILE]) return {};
  const directory = join(dataDirectory, 'keys');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const file = join(directory, 'internal-configured.pub.pem');
  writeFileSync(file, createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
  return { [KeyVariable.INTERNAL_PUBLIC_KEY_FILE]: file };
}

/** A port free now (the system's choice), for a child that must keep it across restarts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
