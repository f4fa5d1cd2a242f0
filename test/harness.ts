import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubgraphName } from '../platform/partners';
import { startStack, type RunningStack } from '../scripts/lib/stack';

/** The demo used by integration tests: big enough for real paths and pagination, quick to load. */
export const TEST_DEMO = { seed: 7, youngCount: 400 };

export interface GraphQLAnswer<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestHub {
  stack: RunningStack;
  /** Posts one operation to the gateway, as a client would. */
  query<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<Data>>;
  /** Posts one operation directly to a subgraph, bypassing the gateway. */
  querySubgraph<Data = Record<string, any>>(name: SubgraphName, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<Data>>;
  /** SQL statements each subgraph sent while `action` ran. */
  countStatements(action: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
  stop(): Promise<void>;
}

/**
 * The whole hub on free ports, in a fresh temporary folder: a real embedded PostgreSQL,
 * seven subgraphs on their own databases and roles, and the gateway on the committed supergraph.
 */
export async function startTestHub(): Promise<TestHub> {
  const directory = mkdtempSync(join(tmpdir(), 'hub-test-'));
  const stack = await startStack({
    dataDirectory: directory,
    postgresPort: 0,
    gatewayPort: 0,
    subgraphPorts: 'free',
    demo: TEST_DEMO,
    production: false,
    env: {},
    quiet: true,
    log: () => undefined,
  });
  const post = async (url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as Omit<GraphQLAnswer, 'status'>;
    return { status: response.status, ...body };
  };
  return {
    stack,
    query: (query, variables) => post(stack.gateway.url, query, variables) as never,
    querySubgraph: (name, query, variables) => post(stack.subgraphs[name].url, query, variables) as never,
    async countStatements(action) {
      const before = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.statements.statements]));
      await action();
      return Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.statements.statements - before[name]])) as Record<SubgraphName, number>;
    },
    async stop() {
      await stack.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
