import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import express from 'express';
import {
  authenticateCallers,
  authenticatedCaller,
  bearerToken,
  createCallerVerifier,
} from '../../gateway/authentication';
import type { GatewayContext } from '../../gateway/context';
import { PartnerDataSource } from '../../gateway/partner-data-source';
import type { Caller } from '../../platform/auth/claims';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../platform/auth/internal-token';
import type { GatewayKeys } from '../../platform/auth/keys';
import type { SubgraphName } from '../../platform/partners';

export interface PeerGatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph listens; replaces the URLs written in the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  keys: GatewayKeys;
  port?: number;
}

export interface RunningPeerGateway {
  url: string;
  stop(): Promise<void>;
}

/** The supergraph with each `@join__graph(name:, url:)` pointing where that subgraph listens now. */
export function supergraphAt(supergraphSdl: string, urls: Partial<Record<SubgraphName, string>>): string {
  return supergraphSdl.replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
    (declaration, name: string) => {
      const url = urls[name as SubgraphName];
      return url ? `@join__graph(name: "${name}", url: "${url}")` : declaration;
    },
  );
}

/**
 * What the hub's gateway does at the edge, as a Hive Gateway plugin: the caller's bearer token
 * verified as the hub verifies it (401 otherwise), and each subgraph fetch signed with an internal
 * token for that subgraph and that body. The subgraphs then serve Hive as they serve the hub's
 * gateway: they trust nothing else. The hub's own plugins (operation policy, attestations) stay
 * out: this is the peer the benchmark and the portability test compare with.
 */
function hubEdgePlugin(options: PeerGatewayOptions): GatewayPlugin {
  const verify = createCallerVerifier(options.keys.callerTokens);
  const subgraphOf = new Map(
    Object.entries(options.subgraphUrls).map(([name, url]) => [new URL(url).toString(), name]),
  );
  const identities = new WeakMap<Request, { caller: Caller; requestId: string }>();
  return {
    async onRequest({ request, endResponse }) {
      if (!new URL(request.url).pathname.startsWith('/graphql')) return;
      try {
        const caller = await verify(bearerToken(request.headers.get('authorization') ?? undefined));
        identities.set(request, { caller, requestId: randomUUID() });
      } catch {
        endResponse(
          Response.json(
            {
              errors: [
                { message: 'A valid bearer token is required.', extensions: { code: 'UNAUTHENTICATED' } },
              ],
            },
            { status: 401 },
          ),
        );
      }
    },
    async onFetch({ url, options: init, setOptions, context }) {
      const request = (context as { request?: Request }).request;
      const identity = request && identities.get(request);
      const subgraph = subgraphOf.get(new URL(url).toString());
      if (!identity || !subgraph || typeof init.body !== 'string') return;
      const token = await signInternalToken(identity, subgraph, options.keys.internalPrivateKey, init.body);
      setOptions({
        ...init,
        headers: { ...(init.headers as Record<string, string>), [INTERNAL_TOKEN_HEADER]: token },
      });
    },
  };
}

/** Hive Gateway (its default runtime) serving the hub's supergraph over HTTP, with the hub's edge plugin. */
export async function startHiveGateway(options: PeerGatewayOptions): Promise<RunningPeerGateway> {
  const runtime = createGatewayRuntime({
    supergraph: supergraphAt(options.supergraphSdl, options.subgraphUrls),
    plugins: () => [hubEdgePlugin(options)],
    logging: false,
    graphqlEndpoint: '/graphql',
    landingPage: false,
  });
  const server: Server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}

/**
 * Stock `@apollo/gateway` serving the hub's supergraph, with only what the hub's door does at the edge:
 * the caller's token verified (401 otherwise) and each fetch signed for its subgraph and body (the hub's
 * data source). None of the hub's own plugins: the baseline the hub's gateway is compared with.
 */
export async function startStockApolloGateway(options: PeerGatewayOptions): Promise<RunningPeerGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new PartnerDataSource(name, options.subgraphUrls[name as SubgraphName] ?? url ?? ''),
  });
  const apollo = new ApolloServer<GatewayContext>({ gateway });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    authenticateCallers(options.keys.callerTokens, () => undefined),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        const identity = { caller: authenticatedCaller(res), requestId: randomUUID() };
        return {
          ...identity,
          internalToken: (subgraph, body) =>
            signInternalToken(identity, subgraph, options.keys.internalPrivateKey, body),
          attestSubjects: () => undefined,
        };
      },
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async stop() {
      await apollo.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
