import {
  Kind,
  Lexer,
  Source,
  TokenKind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
} from 'graphql';
import { parse } from 'graphql';

/** What the estimator knows of one field of the supergraph: enough to size its answer. */
export interface FieldShape {
  /** The named type it returns (lists and non-null unwrapped). */
  type: string;
  list: boolean;
  /** The default of its `first` argument, when it has one. */
  firstDefault?: number;
}

/** `Type.field` → shape, for every object and interface field of the supergraph. */
export type SchemaShape = Map<string, FieldShape>;

/** How the cost of an operation is estimated (gateway/limits.ts holds the hub's values). */
export interface CostModel {
  /** Items assumed in a list without a `first` argument. */
  defaultListSize: number;
  /**
   * `Type.field` → what fetching it costs beyond its items, for the fields that fan out to the partners:
   * counted once per occurrence in the operation (the gateway fetches it once for a whole list).
   */
  weights: ReadonlyMap<string, number>;
}

/** The measures of one operation, fragments expanded as the gateway will plan it. */
export interface OperationMeasures {
  /** The deepest field, the root fields being at depth 1. */
  depth: number;
  /** Aliased fields. */
  aliases: number;
  /** Fields of the root selection. */
  rootFields: number;
  /** Directives used (on fields, fragments and spreads). */
  directives: number;
  /**
   * Estimated work: the fields of the answer, each once per item of the lists around it (their `first`,
   * or the default list size), plus the weight of each occurrence of a field that fans out.
   */
  cost: number;
}

interface SelectionMeasures {
  depth: number;
  aliases: number;
  fields: number;
  directives: number;
  /** Fields of the answer, lists multiplied out. */
  items: number;
  /** Weights of the fanning-out fields, once per occurrence. */
  fetches: number;
}

const NOTHING: SelectionMeasures = { depth: 0, aliases: 0, fields: 0, directives: 0, items: 0, fetches: 0 };

/** Reads the shape of every field from the supergraph SDL (its own AST: no schema is built). */
export function schemaShapeOf(supergraphSdl: string): SchemaShape {
  const shape: SchemaShape = new Map();
  for (const definition of parse(supergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    for (const field of definition.fields ?? []) {
      const first = field.arguments?.find((argument) => argument.name.value === 'first');
      const firstDefault =
        first?.defaultValue?.kind === Kind.INT ? Number(first.defaultValue.value) : undefined;
      shape.set(`${definition.name.value}.${field.name.value}`, {
        ...unwrap(field.type),
        ...(firstDefault === undefined ? {} : { firstDefault }),
      });
    }
  }
  return shape;
}

function unwrap(type: TypeNode): { type: string; list: boolean } {
  let list = false;
  let current = type;
  while (current.kind !== Kind.NAMED_TYPE) {
    if (current.kind === Kind.LIST_TYPE) list = true;
    current = current.type;
  }
  return { type: current.name.value, list };
}

/**
 * The lexical tokens of a document, counted without parsing it (linear, no recursion). Stops counting past
 * `stopAfter`, so that an enormous document costs no more than the limit it breaks. Throws the GraphQL
 * syntax error of a document that cannot be tokenised.
 */
export function countTokens(document: string, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) {
    count += 1;
    if (count > stopAfter) break;
  }
  return count;
}

/**
 * Measures each operation of a parsed document in one pass over it: each fragment is measured once and its
 * measures reused wherever it is spread, so the work is linear in the document's size even when fragments
 * spread each other exponentially (the measures then grow exponentially, and are refused). A fragment
 * cycle, or a spread of an unknown fragment, counts for nothing here: GraphQL validation refuses both.
 */
export function measureOperations(
  document: DocumentNode,
  shape: SchemaShape,
  model: CostModel,
  variables: Record<string, unknown> = {},
): Map<OperationDefinitionNode, OperationMeasures> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  // A variable left out takes its default (`query ($n: Int = 500)`).
  const values: Record<string, unknown> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.OPERATION_DEFINITION)
      for (const variable of definition.variableDefinitions ?? [])
        if (variable.defaultValue?.kind === Kind.INT)
          values[variable.variable.name.value] = Number(variable.defaultValue.value);
  Object.assign(values, variables);
  const measured = new Map<string, SelectionMeasures>();
  const inProgress = new Set<string>();

  const fragment = (name: string): SelectionMeasures => {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    if (!definition || inProgress.has(name)) return NOTHING;
    inProgress.add(name);
    const result = selection(definition.selectionSet, definition.typeCondition.name.value);
    result.directives += definition.directives?.length ?? 0;
    inProgress.delete(name);
    measured.set(name, result);
    return result;
  };

  const listSize = (field: FieldNode, parentType: string, fieldShape: FieldShape | undefined): number => {
    const first = field.arguments?.find((argument) => argument.name.value === 'first');
    if (first) return Math.max(1, integerOf(first.value, values) ?? fieldShape?.firstDefault ?? 1);
    if (fieldShape?.firstDefault !== undefined) return Math.max(1, fieldShape.firstDefault);
    if (!fieldShape?.list) return 1;
    // A connection's `nodes` and `edges` are sized by the connection's own `first`.
    return parentType.endsWith('Connection') ? 1 : model.defaultListSize;
  };

  const selection = (set: SelectionSetNode, parentType: string): SelectionMeasures => {
    const total = { ...NOTHING };
    const add = (part: SelectionMeasures) => {
      total.depth = Math.max(total.depth, part.depth);
      total.aliases += part.aliases;
      total.fields += part.fields;
      total.directives += part.directives;
      total.items += part.items;
      total.fetches += part.fetches;
    };
    for (const node of set.selections) {
      if (node.kind === Kind.FIELD) {
        const key = `${parentType}.${node.name.value}`;
        const fieldShape = shape.get(key);
        // Introspection (development only) is sized by the schema, not by the caller.
        const child =
          node.selectionSet && !node.name.value.startsWith('__')
            ? selection(node.selectionSet, fieldShape?.type ?? '')
            : NOTHING;
        add({
          depth: 1 + child.depth,
          aliases: (node.alias ? 1 : 0) + child.aliases,
          fields: 1,
          directives: (node.directives?.length ?? 0) + child.directives,
          items: 1 + (child.items === 0 ? 0 : listSize(node, parentType, fieldShape) * child.items),
          fetches: (model.weights.get(key) ?? 0) + child.fetches,
        });
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        const part = selection(node.selectionSet, node.typeCondition?.name.value ?? parentType);
        add({ ...part, directives: part.directives + (node.directives?.length ?? 0) });
      } else {
        const part = fragment(node.name.value);
        add({ ...part, directives: part.directives + (node.directives?.length ?? 0) });
      }
    }
    return total;
  };

  const result = new Map<OperationDefinitionNode, OperationMeasures>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' }[definition.operation];
    const measures = selection(definition.selectionSet, root);
    result.set(definition, {
      depth: measures.depth,
      aliases: measures.aliases,
      rootFields: measures.fields,
      directives: measures.directives + (definition.directives?.length ?? 0),
      cost: measures.items + measures.fetches,
    });
  }
  return result;
}

function integerOf(value: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' && Number.isFinite(given) ? Math.trunc(given) : undefined;
  }
  return undefined;
}
