import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { bearerToken, createCallerVerifier } from '../../gateway/authentication';
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
