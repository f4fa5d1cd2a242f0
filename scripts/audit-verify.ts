import { dataDirectorySetting } from '../platform/config';
import { isSubgraphName, SUBGRAPH_NAMES } from '../platform/partners';
import { parseArgs } from './lib/args';
import { auditVerify } from './lib/audit-verify';

const HELP = `Usage: npm run audit:verify [-- --subgraph <name>]

Walks the hash chains of each subgraph's access trail, in that subgraph's own database, and
prints "ok (N records)" or the first broken link: the chain, the position and the kind of
tampering (EDITED, DELETED, REORDERED or INSERTED). Exits with status 1 if any trail is broken
or cannot be read.

Options:
  --subgraph <name>   verify only this subgraph (${SUBGRAPH_NAMES.join(', ')})
  --help              show this help

Environment:
  <PARTNER>_DATABASE_URL   verify that subgraph's external database, e.g. PSAD_DATABASE_URL
  HUB_DATA_DIR             otherwise, the embedded PostgreSQL's folder (default .data); it is
                           started for the check if \`npm start\` is not running`;

async function main(): Promise<void> {
  const { values, flags } = parseArgs(process.argv.slice(2), { values: ['subgraph'], flags: ['help'] });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  if (values.subgraph !== undefined && !isSubgraphName(values.subgraph)) {
    throw new Error(`Unknown subgraph "${values.subgraph}": one of ${SUBGRAPH_NAMES.join(', ')}`);
  }
  process.exitCode = await auditVerify({
    subgraphs: values.subgraph ? [values.subgraph] : SUBGRAPH_NAMES,
    dataDirectory: dataDirectorySetting(),
    env: process.env,
    print: (line) => console.log(line),
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
