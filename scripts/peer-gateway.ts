import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gatewayKeysFromEnvironment } from '../platform/auth/keys';
import {
  dataDirectorySetting,
  defaultSubgraphUrl,
  integerSetting,
  isProduction,
  subgraphUrlVariable,
} from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { SUBGRAPH_NAMES } from '../platform/partners';
import { parseArgs } from './lib/args';
import { startHiveGateway, startStockApolloGateway } from './lib/peer-gateways';

const HELP = `Usage: npm run peer-gateway -- --kind hive|apollo

Serves the hub's committed supergraph with another gateway than the hub's own, in front of
running subgraphs (npm start's), with only what the hub's door does at the edge: callers'
tokens verified as the hub verifies them, each subgraph fetch signed with an internal token.
For comparisons (npm run bench:reads) and to see that the supergraph is not locked into one
gateway (docs/performance.md#portability). Not for production: the hub's policy plugins,
attestations and limits are not there.

Options:
  --kind hive     Hive Gateway (@graphql-hive/gateway, default runtime)
  --kind apollo   stock @apollo/gateway with @apollo/server
  --help          show this help

Environment: as the gateway's (docs/operations.md): PORT (default 4100), SUPERGRAPH_PATH,
<STEM>_SUBGRAPH_URL per subgraph, HUB_DATA_DIR for the development keys, HUB_AUTH_* and
HUB_INTERNAL_PRIVATE_KEY_FILE.`;

async function main(): Promise<void> {
  const { values, flags } = parseArgs(process.argv.slice(2), { values: ['kind'], flags: ['help'] });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  const start = { hive: startHiveGateway, apollo: startStockApolloGateway }[values.kind ?? ''];
  if (!start) throw new Error(`--kind must be hive or apollo\n\n${HELP}`);
  const supergraphPath = resolve(process.env.SUPERGRAPH_PATH ?? `${PROJECT_ROOT}/schema/supergraph.graphql`);
  const gateway = await start({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [
        name,
        process.env[subgraphUrlVariable(name)] ?? defaultSubgraphUrl(name),
      ]),
    ),
    keys: gatewayKeysFromEnvironment(process.env, {
      production: isProduction(),
      dataDirectory: dataDirectorySetting(),
    }),
    port: integerSetting(process.env, 'PORT', 4100),
  });
  console.log(`${values.kind} gateway listening on ${gateway.url}`);
  const stop = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
