import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { CATEGORY_DIRECTIVE, CATEGORY_DIRECTIVE_SDL, CATEGORY_SPEC_URL } from '../policy/category';
import type { GuardOptions } from '../policy/context';
import { guardCategorizedFields } from '../policy/guard';
import { normaliseMutationText } from './text';

/**
 * Federation spec linked by every subgraph. 2.9 brings `@authenticated`, `@requiresScopes`,
 * `@policy`, `@override(label:)` and `@cost`, which the access-control work builds on.
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.9';
const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@inaccessible',
  '@tag',
  '@override',
  '@composeDirective',
];

export interface FederatedSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` functions, keyed by entity type name. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
  /** How this subgraph guards its categorized fields (platform/policy/guard.ts). */
  access: GuardOptions<never>;
}

/**
 * Bridges type-graphql to @apollo/subgraph: type-graphql builds the schema from decorated
 * classes, its SDL (with the federation directives set through `@Directive`) is re-read by
 * `buildSubgraphSchema`, which adds `_service`, `_entities` and the `@link` to the spec.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    // Subgraphs may legitimately have no Query of their own (they only extend entities).
    skipCheck: true,
    validate: false,
  });
  const link = [
    `extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ${JSON.stringify(FEDERATION_IMPORTS)})`,
    `  @link(url: "${CATEGORY_SPEC_URL}", import: ["@${CATEGORY_DIRECTIVE}"])`,
    `  @composeDirective(name: "@${CATEGORY_DIRECTIVE}")`,
    CATEGORY_DIRECTIVE_SDL,
  ].join('\n');
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) } as never;
  }
  const subgraph = buildSubgraphSchema([
    {
      typeDefs: gql`
        ${link}
        ${printSchemaWithDirectives(schema)}
      `,
      resolvers,
    },
  ]);
  guardCategorizedFields(subgraph, options.access);
  normaliseMutationText(subgraph);
  return subgraph;
}
