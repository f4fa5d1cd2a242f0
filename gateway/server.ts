import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import type { Caller } from '../platform/auth/claims';
import { signInternalToken, type InternalIdentity } from '../platform/auth/internal-token';
import type { GatewayKeys } from '../platform/auth/keys';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/partners';
import { createErrorFormatter } from '../platform/server/errors';
import { graphqlRequestShape, hubErrorHandler, unknownRoute } from '../platform/server/http-errors';
import { blockSuggestionsPlugin } from '../platform/server/suggestions';
import { authenticateCallers, authenticatedCaller } from './authentication';
import type { GatewayContext } from './context';
import { requestObservabilityPlugin } from '../platform/observability/graphql';
import { activeTraceId } from '../platform/observability/trace-context';
import { apolloLogger, createLogger, errorFields, messageLogger } from '../platform/observability/logger';
import { GatewayMetrics, timedFetches } from './metrics';
import { PartnerDataSource } from './partner-data-source';
import { SubgraphClient, subgraphCallSettings } from './subgraph-client';
import { accessControlPlugin } from './access-control';
import { ceilingOf } from './limits';
import { schemaShapeOf } from './operation-cost';
import { operationGuard } from './operation-guard';
import { protectionFromEnvironment, type GatewayProtection } from './protection';
import { createRateLimiter } from './rate-limits';
import { manifestCache } from './trusted-documents';
import { writeAttestationPlugin } from './write-attestation';
import { readAttestationPlugin } from './read-attestation';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens; overrides the URLs written in the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** How callers' tokens are verified, and the key that signs the internal tokens (platform/auth/keys.ts). */
  keys: GatewayKeys;
  port: number;
  host?: string;
  production: boolean;
  /** Limits, trusted documents and rate limits; default: from the environment (gateway/protection.ts). */
  protection?: GatewayProtection;
  /** Receives each log line (JSON, platform/observability/logger.ts); default: stderr. */
  log?: (line: string) => void;
  /** Where the `HUB_SUBGRAPH_*` settings of the subgraph calls are read (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 2000;

/**
 * The caller of one request, with a fresh request id and the internal tokens that vouch for both to the
 * subgraphs.
 */
function verifiedIdentity(
  caller: Caller,
  keys: GatewayKeys,
  requestId: string = randomUUID(),
): Pick<GatewayContext, 'requestId' | 'caller' | 'internalToken' | 'attestSubjects'> {
  const identity: InternalIdentity = { caller, requestId };
  return {
    requestId,
    caller,
    internalToken: (subgraph, body) => signInternalToken(identity, subgraph, keys.internalPrivateKey, body),
    attestSubjects(subjects) {
      // Tokens signed from now on (not psad's, for the attestation itself) carry them.
      identity.subjects = subjects;
    },
  };
}

/**
 * With tracing on, the request id is the trace id (32 hex digits) of the trace the gateway started for this
 * request, so that the trail's `request_id` leads to the trace. A client's own `traceparent` is continued
 * but not trusted as an id: the request then gets a random one, as without tracing.
 */
function traceRequestId(request: Request): string | undefined {
  if (request.headers.traceparent !== undefined) return undefined;
  return activeTraceId() ?? undefined;
}

/**
 * The only door of the hub: serves the committed supergraph with @apollo/gateway. Routes:
 * POST /graphql (bearer token required; rate-limited per caller and organisation; trusted documents and
 * the role's limits checked before Apollo: gateway/protection.ts), GET /health (liveness), GET /ready
 * (every subgraph reachable), GET /metrics; the last three are open, for probes and scrapers.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = createLogger('gateway', { write: options.log });
  const log = messageLogger(logger);
  const metrics = new GatewayMetrics();
  const protection = options.protection ?? protectionFromEnvironment(process.env, options.production);
  const rateLimiter = await createRateLimiter(protection.rateLimits, (scope) =>
    metrics.countRefusal(`rate_limit_${scope}`),
  );
  const subgraphUrl = (name: string, fallback: string | undefined) =>
    options.subgraphUrls[name as SubgraphName] ?? fallback ?? '';

  // One keep-alive pool, timeout and circuit per subgraph (gateway/subgraph-client.ts).
  const clients = new Map<string, SubgraphClient>();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const client = new SubgraphClient(name, subgraphCallSettings(options.env ?? process.env, name), {
        onFailure: (reason) => metrics.countCallFailure(name, reason),
      });
      clients.set(name, client);
      return timedFetches(new PartnerDataSource(name, subgraphUrl(name, url), client), name, metrics);
    },
    logger: apolloLogger(logger),
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = await new Promise((resolve) => {
    const server = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(server));
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger(logger),
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    // The guard counts tokens per role before Apollo parses; the parser still stops past the highest limit.
    parseOptions: { maxTokens: ceilingOf(protection.limits).tokens },
    // Only the registered documents can be named by hash: no client registers its own.
    persistedQueries: { cache: manifestCache(protection.trustedDocuments) },
    formatError: createErrorFormatter('the gateway', (error) => logger.error(errorFields(error)), {
      production: options.production,
    }),
    plugins: [
      ...(options.production ? [blockSuggestionsPlugin<GatewayContext>()] : []),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The policy, enforced on the operation before any subgraph is called.
      accessControlPlugin(options.supergraphSdl),
      // A mutation's people, attested by psad before it is routed to a partner (which decides writes on the
      // facts of a read).
      writeAttestationPlugin(options.supergraphSdl, options.subgraphUrls),
      // `young(id)`: the caller's institution's report of who follows the person, so that psad decides the
      // identity whole and answers a person out of reach as it answers a hub id nobody has.
      readAttestationPlugin(options.subgraphUrls),
      requestObservabilityPlugin<GatewayContext>(logger, (served) => metrics.observeRequest(served)),
    ],
  });
  await apollo.start();

  const subgraphHealth = async (): Promise<Record<string, boolean>> => {
    const entries = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const url = options.subgraphUrls[name];
        if (!url) return [name, false] as const;
        try {
          const response = await fetch(new URL('/health', url), {
            signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
          });
          return [name, response.ok] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  };

  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/ready', async (_request, response) => {
    const subgraphs = await subgraphHealth();
    const ready = Object.values(subgraphs).every(Boolean);
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', subgraphs });
  });
  app.get('/metrics', async (_request, response) => {
    for (const [name, client] of clients)
      metrics.setCircuitState(name, client.circuit, client.breaker.failures);
    response.type(metrics.contentType).send(await metrics.render(await subgraphHealth()));
  });
  app.use(
    '/graphql',
    // Refused callers never reach Apollo: counted here, by status (rate limits and limits count their own).
    (_request: Request, response: express.Response, next: express.NextFunction) => {
      response.once('finish', () => {
        if (response.statusCode === 401) metrics.countRefusal('unauthenticated');
      });
      next();
    },
    authenticateCallers(options.keys.callerTokens, log),
    rateLimiter.middleware,
    graphqlRequestShape,
    express.json({ limit: '1mb' }),
    // Trusted documents and the role's limits: a refused operation is never parsed by Apollo, validated,
    // pruned (access-control.ts) nor planned.
    operationGuard({
      trusted: protection.trustedDocuments,
      limits: protection.limits,
      shape: schemaShapeOf(options.supergraphSdl),
      onRefusal: (reason) => metrics.countRefusal(reason),
    }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GatewayContext> => ({
        ...verifiedIdentity(authenticatedCaller(res), options.keys, traceRequestId(req)),
        subgraphClients: clients,
        onPartnerFailure: (subgraph, error) => {
          metrics.countPartnerFailure(subgraph);
          logger.warn({ subgraph, ...errorFields(error) }, 'partner unreachable');
        },
      }),
    }),
  );

  // Whatever else is asked, and whatever fails before GraphQL runs, gets the hub's own body.
  app.use(unknownRoute);
  app.use(hubErrorHandler('the gateway', log));

  const port = (httpServer.address() as AddressInfo).port;
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    async stop() {
      await apollo.stop();
      await rateLimiter.stop();
      await Promise.all([...clients.values()].map((client) => client.close()));
    },
  };
}
