import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASSINS } from '../platform/reference/territories';
import type { Caller } from '../platform/auth/claims';
import { signDevelopmentToken } from '../platform/auth/development-tokens';
import { signFact } from '../platform/auth/facts';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../platform/auth/internal-token';
import { loadJose } from '../platform/auth/jose';
import { loadOrCreateDevelopmentKeys, type DevelopmentKeys } from '../platform/auth/keys';
import { CONTRIBUTING_SUBGRAPHS, SUBGRAPHS, type SubgraphName } from '../platform/partners';
import { startStack, type RunningStack } from '../scripts/lib/stack';

/** The demo used by integration tests: big enough for real paths and pagination, quick to load. */
export const TEST_DEMO = { seed: 7, youngCount: 400 };

/** Who the tests are by default: a PSAD coordinator covering every bassin of the demo. */
export const TEST_CALLER: Caller = {
  sub: 'test-psad-coordinator',
  role: 'psad-coordinator',
  org: 'PSAD-TEST',
  territories: BASSINS.map((bassin) => bassin.code),
  purpose: 'ACCOMPAGNEMENT',
};

export interface QueryOptions {
  /** The bearer token; default: a token for TEST_CALLER; null: no Authorization header. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface SubgraphQueryOptions {
  /**
   * The `x-hub-caller` token, or how to sign it for the body sent; default: one the gateway would sign for
   * TEST_CALLER and this body; null: none.
   */
  internalToken?: string | null | ((body: string) => Promise<string>);
  /** The request id of the default token (random unless given): access facts are valid within one request. */
  requestId?: string;
  headers?: Record<string, string>;
}

export interface GraphQLAnswer<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestHub {
  stack: RunningStack;
  /** The hub's data folder: its embedded PostgreSQL and development keys (`HUB_DATA_DIR` for a child process). */
  directory: string;
  /** The development keys of this hub: the issuer's (caller tokens) and the gateway's internal pair. */
  keys: DevelopmentKeys;
  /** A valid caller token (1 h) for TEST_CALLER with these claims replaced. */
  tokenFor(claims?: Partial<Caller>): Promise<string>;
  /**
   * Posts one operation to the gateway, as a client would (with a TEST_CALLER token unless told otherwise).
   */
  query<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<GraphQLAnswer<Data>>;
  /**
   * Posts one operation directly to a subgraph, bypassing the gateway (with a valid internal token unless
   * told otherwise).
   */
  querySubgraph<Data = Record<string, any>>(
    name: SubgraphName,
    query: string,
    variables?: Record<string, unknown>,
    options?: SubgraphQueryOptions,
  ): Promise<GraphQLAnswer<Data>>;
  /**
   * `variables` with the access facts of their `Young` representations (`accessSubject` as a JSON subject,
   * `<prefix>Followers` as a list) signed by their owners for request `requestId`, as the subgraphs would.
   */
  signFacts(variables: Record<string, unknown>, requestId: string): Promise<Record<string, unknown>>;
  /** The claims of a signed access fact, unchecked (for assertions). */
  readFact(fact: unknown): Promise<Record<string, unknown>>;
  /** Every line the gateway and the subgraphs logged, to check that no personal data reaches the logs. */
  logs: string[];
  /** SQL statements each subgraph sent while `action` ran. */
  countStatements(action: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
  stop(): Promise<void>;
}

export interface TestHubOptions {
  /** Settings of the stack (e.g. `HUB_SUBGRAPH_TIMEOUT_MS`); none by default. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The whole hub on free ports, in a fresh temporary folder: a real embedded PostgreSQL,
 * seven subgraphs on their own databases and roles, and the gateway on the committed supergraph.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const directory = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const logs: string[] = [];
  const stack = await startStack({
    dataDirectory: directory,
    postgresPort: 0,
    gatewayPort: 0,
    subgraphPorts: 'free',
    demo: TEST_DEMO,
    production: false,
    env: options.env ?? {},
    quiet: true,
    log: (line) => void logs.push(line),
  });
  const keys = loadOrCreateDevelopmentKeys(directory);
  const tokenFor = (claims: Partial<Caller> = {}) =>
    signDevelopmentToken(
      { ...TEST_CALLER, ...claims },
      { privateKey: keys.issuer.privateKey, ttlSeconds: 3600 },
    );
  const post = async (
    url: string,
    query: string,
    variables: Record<string, unknown> | undefined,
    headers: Record<string, string> | ((body: string) => Promise<Record<string, string>>),
  ): Promise<GraphQLAnswer> => {
    const request = JSON.stringify({ query, variables });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(typeof headers === 'function' ? await headers(request) : headers),
      },
      body: request,
    });
    const body = (await response.json()) as Omit<GraphQLAnswer, 'status'>;
    return { status: response.status, ...body };
  };
  return {
    stack,
    directory,
    keys,
    logs,
    tokenFor,
    async query(query, variables, options = {}) {
      const token = options.token === undefined ? await tokenFor() : options.token;
      return post(stack.gateway.url, query, variables, {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...options.headers,
      }) as never;
    },
    async querySubgraph(name, query, variables, options = {}) {
      const sign =
        options.internalToken === undefined
          ? (body: string) =>
              signInternalToken(
                { caller: TEST_CALLER, requestId: options.requestId ?? randomUUID() },
                name,
                keys.internal.privateKey,
                body,
              )
          : options.internalToken;
      return post(stack.subgraphs[name].url, query, variables, async (body) => {
        const token = typeof sign === 'function' ? await sign(body) : sign;
        return { ...(token === null ? {} : { [INTERNAL_TOKEN_HEADER]: token }), ...options.headers };
      }) as never;
    },
    signFacts: (variables, requestId) => signFacts(keys, variables, requestId),
    async readFact(fact) {
      const { decodeJwt } = await loadJose();
      return decodeJwt(String(fact));
    },
    async countStatements(action) {
      const before = Object.fromEntries(
        Object.entries(stack.subgraphs).map(([name, s]) => [name, s.statements.statements]),
      );
      await action();
      return Object.fromEntries(
        Object.entries(stack.subgraphs).map(([name, s]) => [name, s.statements.statements - before[name]]),
      ) as Record<SubgraphName, number>;
    },
    async stop() {
      await stack.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Signs the facts of each `Young` representation in `variables` with their owners' development keys. */
async function signFacts(
  keys: DevelopmentKeys,
  variables: Record<string, unknown>,
  requestId: string,
): Promise<Record<string, unknown>> {
  const sign = (owner: SubgraphName, kind: 'access-subject' | 'followers', id: string, claims: object) =>
    signFact({ issuer: owner, privateKey: keys.facts[owner].privateKey }, kind, id, requestId, { ...claims });
  const signed = async (value: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map(signed));
    const representation = value as Record<string, unknown> | null;
    if (representation?.__typename !== 'Young' || typeof representation.id !== 'string') return value;
    const id = representation.id;
    const copy = { ...representation };
    if (typeof copy.accessSubject === 'string')
      copy.accessSubject = await sign('psad', 'access-subject', id, { subject: copy.accessSubject });
    for (const name of CONTRIBUTING_SUBGRAPHS) {
      const field = `${SUBGRAPHS[name].fieldPrefix}Followers`;
      if (Array.isArray(copy[field]))
        copy[field] = await sign(name, 'followers', id, { followers: copy[field] });
    }
    return copy;
  };
  return Object.fromEntries(
    await Promise.all(Object.entries(variables).map(async ([name, value]) => [name, await signed(value)])),
  );
}
