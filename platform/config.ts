import { resolve } from 'node:path';
import { envStem, SUBGRAPHS, type SubgraphName } from './partners';

/** Production mode: introspection, stack traces and development conveniences are off. */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * `HUB_DATA_DIR` (default `.data`): the embedded PostgreSQL, its generated credentials and the development
 * keys.
 */
export function dataDirectorySetting(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.HUB_DATA_DIR || '.data');
}

/** `<STEM>_DATABASE_URL`, e.g. `EDUCATION_NATIONALE_DATABASE_URL`: the subgraph's own PostgreSQL database. */
export function databaseUrlVariable(name: SubgraphName): string {
  return `${envStem(name)}_DATABASE_URL`;
}

/** `<STEM>_MIGRATION_DATABASE_URL`: the schema owner's connection, used only to run migrations. */
export function migrationDatabaseUrlVariable(name: SubgraphName): string {
  return `${envStem(name)}_MIGRATION_DATABASE_URL`;
}

/** `<STEM>_SUBGRAPH_URL`, e.g. `E2C_SUBGRAPH_URL`: where the gateway reaches a subgraph. */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `${envStem(name)}_SUBGRAPH_URL`;
}

export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://localhost:${SUBGRAPHS[name].defaultPort}/graphql`;
}

/** Reads an integer setting, failing fast with the variable's name rather than running misconfigured. */
export function integerSetting(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${variable} must be a non-negative integer, got "${raw}"`);
  return value;
}

/**
 * `HUB_SUBGRAPH_SERVER_KEEP_ALIVE_MS` (default 10 s): how long a subgraph keeps an idle connection open. The
 * gateway drops its own idle connections sooner (`HUB_SUBGRAPH_KEEP_ALIVE_MS`, 4 s), so that it never reuses
 * one that the subgraph is closing at that very moment (a spurious `ECONNRESET`).
 */
export function subgraphKeepAliveSetting(env: NodeJS.ProcessEnv = process.env): number {
  return integerSetting(env, 'HUB_SUBGRAPH_SERVER_KEEP_ALIVE_MS', 10_000);
}
