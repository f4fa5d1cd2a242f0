import { Directive } from 'type-graphql';
import type { DataCategory } from './types';

/**
 * The custom directive that tags a field with its data category. It is composed into the
 * supergraph (`@composeDirective`) rather than expressed with federation's `@policy`, because
 * @apollo/gateway refuses supergraphs that link `@policy` (a SECURITY feature it does not enforce);
 * the hub enforces categories itself, at the gateway and again in each subgraph.
 */
export const CATEGORY_DIRECTIVE = 'category';
export const CATEGORY_SPEC_URL = 'https://specs.foquale-hub.fr/category/v1.0';
export const CATEGORY_DIRECTIVE_SDL = `directive @${CATEGORY_DIRECTIVE}(name: String!) on FIELD_DEFINITION`;

/** Tags a field with its data category (DESIGN.md §5). */
export function Category(category: DataCategory): MethodDecorator & PropertyDecorator {
  return Directive(`@${CATEGORY_DIRECTIVE}(name: "${category}")`) as MethodDecorator & PropertyDecorator;
}

/** The psad field that attests, for one young person and one request, the facts the rules need. */
export const ACCESS_SUBJECT_FIELD = 'accessSubject';
