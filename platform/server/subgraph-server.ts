import type { KeyObject } from 'node:crypto';
import { RequestFacts, type FactKeys } from '../auth/facts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { DataSource } from 'typeorm';
import { systemClock } from '../calendar';
import { isProduction, subgraphKeepAliveSetting } from '../config';
import { inBatchWindow } from '../database/batch-window';
import { openSubgraphDatabase } from '../database/open';
import type { StatementCounter } from '../database/data-source';
import type { SubgraphProfile } from '../partners';
import { createErrorFormatter } from './errors';
import { graphqlRequestShape, hubErrorHandler, unknownRoute } from './http-errors';
import { blockSuggestionsPlugin } from './suggestions';
import { gatewayIdentity, requireGatewayIdentity } from './internal-authentication';
import { noticesPlugin } from './notices';
import type { SubgraphContext, SubgraphDefinition } from './definition';
import { accessTrailPlugin, createAccessCollector } from '../audit/recorder';
import { appendAccessRecord } from '../audit/trail';
import type { ApolloServerPlugin } from '@apollo/server';
import { apolloLogger, createLogger, errorFields, messageLogger } from '../observability/logger';
import { createSubgraphMetrics, METRICS_CONTENT_TYPE } from '../observability/metrics';

export interface RunningSubgraph {
  profile: SubgraphProfile;
  url: string;
  port: number;
  dataSource: DataSource;
  statements: StatementCounter;
  stop(): Promise<void>;
}

export interface StartSubgraphOptions {
  /** The subgraph's runtime role on its own database. */
  databaseUrl: string;
  /** The role that owns the schema and runs migrations; defaults to `databaseUrl`. */
  migrationDatabaseUrl?: string;
  /** Verifies the gateway's internal tokens (`x-hub-caller`): the subgraph answers no one else. */
  internalPublicKey: KeyObject;
  /** Signs the access facts this subgraph owns, and checks the other subgraphs' (platform/auth/facts.ts). */
  factKeys: FactKeys;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Receives each log line (JSON, platform/observability/logger.ts); default: stderr. */
  log?: (line: string) => void;
  /** How long an idle connection is kept open (default: `HUB_SUBGRAPH_SERVER_KEEP_ALIVE_MS`, 10 s). */
  keepAliveTimeoutMs?: number;
}

/** Builds the HTTP server of a subgraph (GraphQL on /graphql, liveness on /health) and starts listening. */
export async function startSubgraph(
  definition: SubgraphDefinition,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const logger = createLogger(definition.profile.name, { write: options.log });
  const log = messageLogger(logger);
  const { dataSource, counter } = await openSubgraphDatabase(definition, options);
  const schema = await definition.buildSchema();
  const production = isProduction();
  const metrics = createSubgraphMetrics(definition.profile.name, dataSource, counter);

  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = await new Promise((resolve) => {
    const server = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
  // Longer than the gateway keeps an idle connection, so that the gateway is always the one to close it.
  httpServer.keepAliveTimeout = options.keepAliveTimeoutMs ?? subgraphKeepAliveSetting();
  httpServer.headersTimeout = httpServer.keepAliveTimeout + 5_000;
  const apollo = new ApolloServer<SubgraphContext<unknown>>({
    schema,
    logger: apolloLogger(logger),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(definition.profile.name, (error) => logger.error(errorFields(error)), {
      production,
    }),
    // Inline traces would hand resolver timings to any caller: off.
    // The trail plugin comes last: it writes once the response is final, and withholds it if it cannot.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ...(production ? [blockSuggestionsPlugin<SubgraphContext<unknown>>()] : []),
      noticesPlugin(),
      accessTrailPlugin(
        dataSource,
        messageLogger(logger, 'error'),
        metrics.timeTrailWrite,
      ) as ApolloServerPlugin<SubgraphContext<unknown>>,
    ],
  });
  await apollo.start();

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', subgraph: definition.profile.name });
  });
  // Prometheus text: the pool, the trail's writes, Node's default metrics (event-loop lag included).
  app.get('/metrics', async (_request, response) => {
    response.type(METRICS_CONTENT_TYPE).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    ...requireGatewayIdentity(definition.profile.name, options.internalPublicKey, log),
    graphqlRequestShape,
    (_request, _response, next) => {
      metrics.countRequest();
      next();
    },
    // Each request's loaders batch by level of its resolver tree, not by the timing of the answers.
    (_request, _response, next) => inBatchWindow(next),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const identity = gatewayIdentity(res);
        return {
          profile: definition.profile,
          caller: identity.caller,
          requestId: identity.requestId,
          attestedSubjects: identity.subjects ?? {},
          db: dataSource,
          facts: new RequestFacts(options.factKeys, identity.requestId, metrics.countFact),
          loaders: definition.createLoaders(dataSource),
          subjects: new Map(),
          notices: [],
          access: createAccessCollector(identity.caller, identity.requestId, systemClock(), (record) =>
            metrics.timeTrailWrite(() => appendAccessRecord(dataSource, record)),
          ),
          now: systemClock,
        };
      },
    }),
  );

  // Whatever else is asked, and whatever fails before GraphQL runs, gets the hub's own body.
  app.use(unknownRoute);
  app.use(hubErrorHandler(definition.profile.name, log));

  const port = (httpServer.address() as AddressInfo).port;
  return {
    profile: definition.profile,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    dataSource,
    statements: counter,
    async stop() {
      await apollo.stop();
      await dataSource.destroy();
    },
  };
}
