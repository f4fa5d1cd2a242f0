import { Client } from 'pg';
import { verifyTrail, type TrailVerdict } from '../../platform/audit/trail';
import { databaseUrlVariable } from '../../platform/config';
import { SUBGRAPHS, type SubgraphName } from '../../platform/partners';
import { reachEmbeddedCluster } from './embedded';
import { Progress } from './progress';

export interface AuditVerifyOptions {
  subgraphs: readonly SubgraphName[];
  /** The embedded cluster's folder, for subgraphs without `<STEM>_DATABASE_URL`. */
  dataDirectory: string;
  env: NodeJS.ProcessEnv;
  /** Where the verdicts go, one line per subgraph (stdout for the command). */
  print: (line: string) => void;
  quiet?: boolean;
}

/**
 * Walks the access trail of each subgraph's own database and prints "ok (N records)" or the first
 * broken link. Returns the exit status: 0 when every trail is intact, 1 otherwise (a trail that
 * cannot be read is not a verified one). An embedded cluster that is not running is started for
 * the time of the check, and stopped after.
 */
export async function auditVerify(options: AuditVerifyOptions): Promise<number> {
  const needsCluster = options.subgraphs.some((name) => !options.env[databaseUrlVariable(name)]);
  const embedded = needsCluster
    ? await reachEmbeddedCluster(options.dataDirectory, options.subgraphs.map(databaseUrlVariable))
    : null;
  const progress = new Progress(options.subgraphs.length, options.quiet);
  let failures = 0;
  try {
    for (const name of options.subgraphs) {
      const url = options.env[databaseUrlVariable(name)] ?? embedded!.cluster.urlFor(name);
      const line = await verifySubgraph(name, url);
      if (!line.ok) failures += 1;
      options.print(line.text);
      progress.step(`${name} verified`);
    }
  } finally {
    if (embedded?.startedHere) await embedded.cluster.stop();
  }
  return failures === 0 ? 0 : 1;
}

async function verifySubgraph(name: SubgraphName, url: string): Promise<{ ok: boolean; text: string }> {
  const client = new Client({ connectionString: url, application_name: 'hub-audit-verify' });
  try {
    await client.connect();
    const verdict = await verifyTrail(client);
    return { ok: verdict.ok, text: `${name}: ${describeVerdict(verdict)}` };
  } catch (error) {
    return {
      ok: false,
      text: `${name}: cannot verify the access trail of ${SUBGRAPHS[name].label}: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function describeVerdict(verdict: TrailVerdict): string {
  if (verdict.ok) return `ok (${verdict.records} ${verdict.records === 1 ? 'record' : 'records'})`;
  return `BROKEN at chain ${verdict.chain}, position ${verdict.position}: ${verdict.problem} (${verdict.detail})`;
}
