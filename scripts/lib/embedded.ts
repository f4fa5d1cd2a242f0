import { EmbeddedCluster } from '../../platform/database/embedded-cluster';

export interface ReachedCluster {
  cluster: EmbeddedCluster;
  /** Whether this command started it (and must stop it when done). */
  startedHere: boolean;
}

/**
 * The embedded cluster `npm start` runs on the data folder, or that folder's cluster started for
 * the time of a command (`audit:verify`, `retention:purge`). `variables` are the settings that
 * would have avoided the embedded cluster, named in the error when there is none.
 */
export async function reachEmbeddedCluster(
  dataDirectory: string,
  variables: readonly string[],
): Promise<ReachedCluster> {
  if (!EmbeddedCluster.exists(dataDirectory)) {
    throw new Error(
      `No embedded PostgreSQL in ${dataDirectory}: run \`npm start\` once, set HUB_DATA_DIR, or set ${variables.join(', ')}`,
    );
  }
  const running = EmbeddedCluster.runningPort(dataDirectory);
  const cluster = new EmbeddedCluster({ directory: dataDirectory, port: running ?? 0 });
  if (running === null) await cluster.start();
  return { cluster, startedHere: running === null };
}
