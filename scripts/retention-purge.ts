import { dataDirectorySetting } from '../platform/config';
import { isSubgraphName, SUBGRAPH_NAMES } from '../platform/partners';
import { TRAIL_RETENTION_VARIABLE } from '../platform/policy/retention';
import { parseArgs } from './lib/args';
import { parseClock, retentionPurge, type RetentionPurgeOptions } from './lib/retention-purge';

const HELP = `Usage: npm run retention:purge [-- --subgraph <name>] [--now <ISO date>] [--dry-run]

Deletes, in each subgraph's own database and as the role that owns its schema, the records
whose data category's retention period has run out (platform/policy/retention.ts, rendered
in docs/access-matrix.md): closed follow-ups and their notes, closed PSAD cases, ended
enrolments, closed FOQUALE contracts, ended apprenticeship contracts, withdrawn PJJ signals,
closed offers, withdrawn oppositions, identities nothing else refers to… A record still open
or in force is never deleted. One transaction per subgraph. Prints, per subgraph and table,
how many rows were (or would be) purged. The access trail is kept: its hash chains have no
checkpoint yet, so deleting its oldest records would break \`npm run audit:verify\`.
Exits with status 1 if a subgraph could not be purged (or reached), 2 on a usage error.

Options:
  --subgraph <name>   purge only this subgraph (${SUBGRAPH_NAMES.join(', ')})
  --now <date>        the clock: an ISO day (2040-01-01) or instant; default: now
  --dry-run           count what would be purged, delete nothing
  --help              show this help

Environment:
  <PARTNER>_MIGRATION_DATABASE_URL  that subgraph's external database, as its schema owner
  <PARTNER>_DATABASE_URL            the same, when there is no separate owner role
  HUB_DATA_DIR                      otherwise, the embedded PostgreSQL's folder (default .data);
                                    it is started for the purge if \`npm start\` is not running
  ${TRAIL_RETENTION_VARIABLE}         the ACCESS_LOG period in years (default 3)`;

/** The command line, or a usage error; null when only the help was asked for. */
function parseCommandLine(
  argv: string[],
): Pick<RetentionPurgeOptions, 'subgraphs' | 'now' | 'dryRun'> | null {
  const { values, flags } = parseArgs(argv, { values: ['subgraph', 'now'], flags: ['dry-run', 'help'] });
  if (flags.has('help')) return null;
  if (values.subgraph !== undefined && !isSubgraphName(values.subgraph)) {
    throw new Error(`Unknown subgraph "${values.subgraph}": one of ${SUBGRAPH_NAMES.join(', ')}`);
  }
  return {
    subgraphs: values.subgraph ? [values.subgraph] : SUBGRAPH_NAMES,
    now: values.now === undefined ? new Date() : parseClock(values.now),
    dryRun: flags.has('dry-run'),
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseCommandLine>;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (!options) {
    console.log(HELP);
    return;
  }
  const { status } = await retentionPurge({
    ...options,
    dataDirectory: dataDirectorySetting(),
    env: process.env,
    print: (line) => console.log(line),
  });
  process.exitCode = status;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
