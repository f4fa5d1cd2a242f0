import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { defaultSubgraphUrl } from '../../platform/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/partners';
import { PROJECT_ROOT } from '../../platform/paths';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';

export const SCHEMA_DIRECTORY = join(PROJECT_ROOT, 'schema');
export const SUPERGRAPH_FILE = join(SCHEMA_DIRECTORY, 'supergraph.graphql');
/** The API schema: what clients see of the supergraph (no join__ machinery, no @inaccessible element). */
export const API_SCHEMA_FILE = join(SCHEMA_DIRECTORY, 'api.graphql');
export const subgraphSchemaFile = (name: SubgraphName) =>
  join(SCHEMA_DIRECTORY, 'subgraphs', `${name}.graphql`);

export interface Composition {
  subgraphs: Record<SubgraphName, string>;
  supergraph: string;
  /** The supergraph's API schema, printed: what the console's typed documents are generated from. */
  api: string;
}

/** Prints every subgraph's SDL from its code. */
export async function printSubgraphs(): Promise<Record<SubgraphName, string>> {
  const entries = await Promise.all(
    SUBGRAPH_NAMES.map(
      async (name) =>
        [name, `${printSubgraphSchema(await SUBGRAPH_DEFINITIONS[name].buildSchema()).trim()}\n`] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, string>;
}

/**
 * Composes the supergraph with @apollo/composition, and derives its API schema; throws with every
 * composition error listed.
 */
export function composeSupergraph(subgraphs: Record<SubgraphName, string>): {
  supergraph: string;
  api: string;
} {
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({ name, typeDefs: parse(subgraphs[name]), url: defaultSubgraphUrl(name) })),
  );
  if (result.errors) {
    throw new Error(
      `The subgraphs do not compose:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`,
    );
  }
  return {
    supergraph: `${result.supergraphSdl.trim()}\n`,
    api: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trim()}\n`,
  };
}

export async function compose(): Promise<Composition> {
  const subgraphs = await printSubgraphs();
  return { subgraphs, ...composeSupergraph(subgraphs) };
}

export function writeComposition(composition: Composition): string[] {
  mkdirSync(join(SCHEMA_DIRECTORY, 'subgraphs'), { recursive: true });
  const files = SUBGRAPH_NAMES.map((name) => {
    writeFileSync(subgraphSchemaFile(name), composition.subgraphs[name]);
    return subgraphSchemaFile(name);
  });
  writeFileSync(SUPERGRAPH_FILE, composition.supergraph);
  writeFileSync(API_SCHEMA_FILE, composition.api);
  return [...files, SUPERGRAPH_FILE, API_SCHEMA_FILE];
}

/** Files whose committed content differs from what the code generates (the drift check). */
export function driftedFiles(composition: Composition): string[] {
  const expected: [string, string][] = [
    ...SUBGRAPH_NAMES.map(
      (name) => [subgraphSchemaFile(name), composition.subgraphs[name]] as [string, string],
    ),
    [SUPERGRAPH_FILE, composition.supergraph],
    [API_SCHEMA_FILE, composition.api],
  ];
  return expected.filter(([file, content]) => readOrNull(file) !== content).map(([file]) => file);
}

export function readSupergraph(): string {
  return readFileSync(SUPERGRAPH_FILE, 'utf8');
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
