import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Caller } from '../platform/auth/claims';
import { decideWithoutSubject } from '../platform/policy/engine';
import { fieldCategory } from '../platform/policy/guard';
import type { DataCategory, RefusalReason } from '../platform/policy/types';
import type { GatewayContext } from './context';

/** `Type.field` → category, read from the `@category` directives composed into the supergraph. */
export function categoriesOf(supergraphSdl: string): Map<string, DataCategory> {
  const categories = new Map<string, DataCategory>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
      continue;
    for (const field of definition.fields ?? []) {
      const category = fieldCategory(field);
      if (category) categories.set(`${definition.name.value}.${field.name.value}`, category);
    }
  }
  return categories;
}

export interface Refusal {
  /** Response path of the refused field, through the operation's own selections (list indices left out). */
  path: string[];
  field: string;
  category: DataCategory;
  reason: RefusalReason;
}

/**
 * Removes from the operation every field whose category the caller can never see, whatever the
 * row (role, purpose, habilitation): those never reach a subgraph. Fields whose answer depends on
 * the row are left to the subgraphs, which decide again on their own data.
 */
export function pruneOperation(
  document: DocumentNode,
  schema: GraphQLSchema,
  categories: Map<string, DataCategory>,
  caller: Caller,
  now: Date,
): { document: DocumentNode; refusals: Refusal[] } {
  const typeInfo = new TypeInfo(schema);
  const inlined = inlineFragments(document);
  const refusals: Refusal[] = [];
  const path: string[] = [];
  const pruned = visit(
    inlined,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode) {
          const parent = typeInfo.getParentType();
          const field = parent ? `${parent.name}.${node.name.value}` : node.name.value;
          const category = categories.get(field);
          if (category) {
            const decision = decideWithoutSubject(caller, category, now);
            if (decision !== 'DEPENDS_ON_ROW' && !decision.allowed) {
              refusals.push({
                path: [...path, node.alias?.value ?? node.name.value],
                field,
                category,
                reason: decision.reason,
              });
              return null;
            }
          }
          path.push(node.alias?.value ?? node.name.value);
          return undefined;
        },
        leave() {
          path.pop();
        },
      },
      SelectionSet: {
        leave(node: SelectionSetNode) {
          // A selection emptied by pruning still needs a field to be valid GraphQL.
          return node.selections.length === 0
            ? { ...node, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] }
            : undefined;
        },
      },
    }),
  );
  return { document: refusals.length > 0 ? pruned : document, refusals };
}

/**
 * Replaces named fragment spreads by inline fragments, so that every field sits at its real
 * response path (a named fragment can be spread at several places). Each fragment is inlined once
 * and its selection shared by every spread, so this step is linear in the document's size; the
 * operation's expanded size is bounded before it runs (gateway/operation-guard.ts refuses a
 * document whose fragments multiply). Validation has already rejected fragment cycles.
 */
export function inlineFragments(document: DocumentNode): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  if (fragments.size === 0) return document;
  const inlined = new Map<string, SelectionSetNode>();
  const selectionOf = (name: string): SelectionSetNode => {
    let selection = inlined.get(name);
    if (!selection) {
      selection = expand(fragments.get(name)!.selectionSet);
      inlined.set(name, selection);
    }
    return selection;
  };
  // By hand rather than with `visit`, which would walk again each shared selection it is handed.
  const expand = (set: SelectionSetNode): SelectionSetNode => ({
    ...set,
    selections: set.selections.map((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD)
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragments.get(selection.name.value)!.typeCondition,
          directives: selection.directives,
          selectionSet: selectionOf(selection.name.value),
        } satisfies InlineFragmentNode;
      return selection.selectionSet
        ? { ...selection, selectionSet: expand(selection.selectionSet) }
        : selection;
    }),
  });
  return {
    ...document,
    definitions: document.definitions
      .filter((definition) => definition.kind !== Kind.FRAGMENT_DEFINITION)
      .map((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION
          ? { ...definition, selectionSet: expand(definition.selectionSet) }
          : definition,
      ),
  };
}

/** Puts `null` where each refused field would have been, in every object along its path. */
export function fillRefusedFields(
  data: Record<string, unknown> | null | undefined,
  refusals: Refusal[],
): void {
  if (!data) return;
  for (const refusal of refusals) setNull(data, refusal.path);
}

function setNull(value: unknown, path: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) setNull(item, path);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const [head, ...rest] = path;
  const record = value as Record<string, unknown>;
  if (rest.length === 0) record[head] = null;
  else setNull(record[head], rest);
}

export function refusalError(refusal: Refusal): GraphQLFormattedError {
  return new GraphQLError(`Access to ${refusal.field} (${refusal.category}) is refused: ${refusal.reason}`, {
    path: refusal.path,
    extensions: {
      code: 'FORBIDDEN',
      reason: refusal.reason,
      category: refusal.category,
      field: refusal.field,
    },
  }).toJSON();
}

/**
 * Enforces the policy at the gateway, before any subgraph is called. The pruned operation gets
 * its own hash, so the gateway's query-plan cache never serves one caller's plan to another.
 */
export function accessControlPlugin(supergraphSdl: string): ApolloServerPlugin<GatewayContext> {
  const categories = categoriesOf(supergraphSdl);
  return {
    async requestDidStart() {
      let refusals: Refusal[] = [];
      return {
        async didResolveOperation(requestContext) {
          const caller = requestContext.contextValue.caller;
          if (!caller) return;
          const result = pruneOperation(
            requestContext.document,
            requestContext.schema,
            categories,
            caller,
            new Date(),
          );
          refusals = result.refusals;
          if (refusals.length === 0) return;
          const mutable = requestContext as unknown as { document: DocumentNode; queryHash: string };
          mutable.document = result.document;
          mutable.queryHash = createHash('sha256').update(print(result.document)).digest('hex');
        },
        async willSendResponse({ response }) {
          if (refusals.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          fillRefusedFields(result.data as Record<string, unknown> | null | undefined, refusals);
          result.errors = [...(result.errors ?? []), ...refusals.map(refusalError)];
        },
      };
    },
  };
}
