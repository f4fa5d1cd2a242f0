import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { generateWorld } from '../../demo/generate';
import type { DemoWorld } from '../../demo/world';
import { factKeysFromEnvironment, gatewayKeysFromEnvironment } from '../../platform/auth/keys';
import {
  databaseUrlVariable,
  migrationDatabaseUrlVariable,
  subgraphKeepAliveSetting,
  subgraphUrlVariable,
} from '../../platform/config';
import { loadDatasetOnce } from '../../platform/database/dataset-marker';
import { EmbeddedCluster } from '../../platform/database/embedded-cluster';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '../../platform/partners';
import { startSubgraph, type RunningSubgraph } from '../../platform/server/subgraph-server';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';
import { readSupergraph } from './composition';
import { Progress } from './progress';

export interface StackOptions {
  /**
   * Where the embedded cluster keeps its data (used only for subgraphs without an external database URL), and
   * the development keys (`keys/`).
   */
  dataDirectory: string;
  /** Embedded PostgreSQL port; 0 picks a free one. */
  postgresPort: number;
  gatewayPort: number;
  /** 'default' uses each subgraph's fixed port (4001…4007); 'free' lets the system choose (tests). */
  subgraphPorts: 'default' | 'free';
  /** The demo dataset to load once, or false for empty databases. */
  demo: { seed: number; youngCount: number } | false;
  production: boolean;
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
  log?: (message: string) => void;
}

export interface RunningStack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  cluster: EmbeddedCluster | null;
  world: DemoWorld | null;
  /** Stops one subgraph's server, as when a partner goes down. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole hub in one process: PostgreSQL (embedded unless every subgraph has
 * `<STEM>_DATABASE_URL`), each subgraph on its own database and role (migrated, demo loaded
 * once), then the gateway on the committed supergraph. Used by `npm start` and by the tests.
 * Keys come from the `HUB_AUTH_*`/`HUB_INTERNAL_*` settings, or are the development keys under
 * `<dataDirectory>/keys/` (never in production: then it refuses to start without them).
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((message: string) => console.error(message));
  const external = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, env[databaseUrlVariable(name)]]));
  const needsCluster = SUBGRAPH_NAMES.some((name) => !external[name]);
  const gatewayKeys = gatewayKeysFromEnvironment(env, {
    production: options.production,
    dataDirectory: options.dataDirectory,
  });
  // Gateway and subgraphs share this process: the subgraphs' key is the public half of the very key the
  // gateway signs with.
  const internalPublicKey = createPublicKey(gatewayKeys.internalPrivateKey);
  const progress = new Progress(
    SUBGRAPH_NAMES.length + 1 + (needsCluster ? 1 : 0) + (options.demo ? 1 : 0),
    options.quiet,
  );

  let cluster: EmbeddedCluster | null = null;
  if (needsCluster) {
    cluster = new EmbeddedCluster({ directory: options.dataDirectory, port: options.postgresPort });
    await cluster.start();
    progress.step(`PostgreSQL ready on port ${cluster.port} (${join(options.dataDirectory, 'postgres')})`);
  }
  const world = options.demo ? generateWorld(options.demo) : null;
  if (options.demo) progress.step(`Demo world generated (${world!.youngs.length} young people)`);

  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  try {
    // One at a time: on two cores, parallel bulk loads only fight for the same CPU.
    for (const name of SUBGRAPH_NAMES) {
      const definition = SUBGRAPH_DEFINITIONS[name];
      const running = await startSubgraph(definition, {
        databaseUrl: external[name] ?? cluster!.urlFor(name),
        migrationDatabaseUrl: external[name]
          ? env[migrationDatabaseUrlVariable(name)]
          : cluster!.migrationUrlFor(name),
        internalPublicKey,
        factKeys: factKeysFromEnvironment(env, name, {
          production: options.production,
          dataDirectory: options.dataDirectory,
        }),
        port: options.subgraphPorts === 'default' ? SUBGRAPHS[name].defaultPort : 0,
        keepAliveTimeoutMs: subgraphKeepAliveSetting(env),
        log,
      });
      subgraphs[name] = running;
      if (world && options.demo) {
        await loadDatasetOnce(running.dataSource, 'demo', options.demo, (manager) =>
          definition.loadDemo(manager, world),
        );
      }
      progress.step(`${SUBGRAPHS[name].label} subgraph on ${running.url}`);
    }
    const subgraphUrls = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, env[subgraphUrlVariable(name)] ?? subgraphs[name].url]),
    );
    const gateway = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls,
      keys: gatewayKeys,
      port: options.gatewayPort,
      production: options.production,
      log,
      env,
    });
    progress.step(`Gateway on ${gateway.url}`);

    const stopped = new Set<SubgraphName>();
    const stopSubgraph = async (name: SubgraphName) => {
      if (stopped.has(name)) return;
      stopped.add(name);
      await subgraphs[name].stop();
    };
    return {
      gateway,
      subgraphs,
      cluster,
      world,
      stopSubgraph,
      async stop() {
        await gateway.stop();
        for (const name of SUBGRAPH_NAMES) await stopSubgraph(name);
        await cluster?.stop();
      },
    };
  } catch (error) {
    await Promise.allSettled(Object.values(subgraphs).map((running) => running.stop()));
    await cluster?.stop();
    throw error;
  }
}
