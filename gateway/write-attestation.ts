import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  parse,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Caller } from '../platform/auth/claims';
import { ROLE_RULES } from '../platform/policy/rules';
import {
  INTERNAL_TOKEN_HEADER,
  MAX_ATTESTED_SUBJECTS,
  type WriteAttestation,
} from '../platform/auth/internal-token';
import { isHubId } from '../platform/database/loaders';
import { CONTRIBUTING_SUBGRAPHS, SUBGRAPHS, isSubgraphName, type SubgraphName } from '../platform/partners';
import { ACCESS_SUBJECT_FIELD } from '../platform/policy/category';
import { followersField } from '../platform/policy/subject';
import { ErrorCode, badUserInput } from '../platform/server/errors';
import type { GatewayContext } from './context';

/** The argument (or field of an `input` argument) by which a mutation names the person it writes about. */
export const YOUNG_ID_ARGUMENT = 'youngId';
const ATTESTATION_TIMEOUT_MS = 5000;

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.STRING:
      return node.value;
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, valueOf(field.value, variables)]),
      );
    case Kind.LIST:
      return node.values.map((value) => valueOf(value, variables));
    default:
      return undefined;
  }
}

/**
 * The hub ids a root mutation field names: its `youngId` argument, or the `youngId` of an input object
 * argument.
 */
export function namedYoungIds(args: readonly ArgumentNode[], variables: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const argument of args) {
    const value = valueOf(argument.value, variables);
    if (argument.name.value === YOUNG_ID_ARGUMENT && typeof value === 'string') ids.push(value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const nested = (value as Record<string, unknown>)[YOUNG_ID_ARGUMENT];
      if (typeof nested === 'string') ids.push(nested);
    }
  }
  return ids;
}

/**
 * The root fields of an operation, through inline fragments and fragment spreads (`... on Mutation { … }`).
 */
export function rootFields(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  seen = new Set<string>(),
): FieldNode[] {
  return selectionSet.selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document, seen);
    if (seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    const fragment = document.definitions.find(
      (d): d is FragmentDefinitionNode =>
        d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
    );
    return fragment ? rootFields(fragment.selectionSet, document, seen) : [];
  });
}

/** The subgraph that serves each root mutation field, read from the supergraph's `@join__field(graph:)`. */
export function mutationOwners(supergraphSdl: string): Map<string, SubgraphName> {
  const document = parse(supergraphSdl);
  const graphs = new Map<string, string>();
  const owners = new Map<string, SubgraphName>();
  const argument = (directive: { arguments?: readonly ArgumentNode[] }, name: string) =>
    directive.arguments?.find((a) => a.name.value === name)?.value;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = argument(value.directives?.find((d) => d.name.value === 'join__graph') ?? {}, 'name');
      if (name?.kind === Kind.STRING) graphs.set(value.name.value, name.value);
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Mutation') continue;
    for (const field of definition.fields ?? []) {
      const graph = argument(field.directives?.find((d) => d.name.value === 'join__field') ?? {}, 'graph');
      const name = graph?.kind === Kind.ENUM ? graphs.get(graph.value) : undefined;
      if (name && isSubgraphName(name)) owners.set(field.name.value, name);
    }
  }
  return owners;
}

/**
 * The follower report a write by this caller can depend on, besides psad's attestation: a rule
 * only ever asks whether the caller's own organisation follows the person (FOLLOWS) or is their
 * school (OWN_SCHOOL), and only the caller's own institution reports its organisations (psad's
 * cases, whoever follows them, are in psad's attestation). None when that institution is psad, or
 * is the subgraph written, which reports its own followers itself.
 */
export function reportNeeded(caller: Caller, owners: ReadonlySet<SubgraphName>): SubgraphName | null {
  const partner = ROLE_RULES[caller.role].partner;
  const reporter = CONTRIBUTING_SUBGRAPHS.find((name) => SUBGRAPHS[name].partner === partner) ?? null;
  return reporter && !(owners.size === 1 && owners.has(reporter)) ? reporter : null;
}

/**
 * Before a mutation is routed, gathers what the rules need about each person it names: psad's
 * attestation (`Young.accessSubject`: bassin, age, oppositions, psad's followers) and, when it
 * can matter, the report of the caller's own institution of who follows the person
 * (`<prefix>Followers`), signed into the internal tokens of this request. A partner's mutation
 * runs at the root, with no `Young` representation to carry those facts; this is how it decides a
 * write — and the payload it returns — on the facts a read would use for this caller, and how it
 * knows the person exists at all. A mutation served by psad needs none: psad establishes subjects
 * itself. Ids that are not hub ids are left to the subgraph's own validation. If psad cannot
 * answer, the mutation is not sent; if the reporting partner cannot, it reports no follower (the
 * rules then fail closed).
 */
export function writeAttestationPlugin(
  supergraphSdl: string,
  subgraphUrls: Partial<Record<SubgraphName, string>>,
): ApolloServerPlugin<GatewayContext> {
  const ownerOf = mutationOwners(supergraphSdl);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const variables = request.variables ?? {};
          const ids = new Set<string>();
          const owners = new Set<SubgraphName>();
          for (const selection of rootFields(operation.selectionSet, document)) {
            const named = namedYoungIds(selection.arguments ?? [], variables).filter(isHubId);
            if (named.length === 0) continue;
            const owner = ownerOf.get(selection.name.value);
            if (owner) owners.add(owner);
            for (const id of named) ids.add(id.toLowerCase());
          }
          if (ids.size === 0 || [...owners].every((owner) => owner === 'psad')) return;
          if (ids.size > MAX_ATTESTED_SUBJECTS)
            throw badUserInput(
              `One request may write about ${MAX_ATTESTED_SUBJECTS} young people at most`,
              YOUNG_ID_ARGUMENT,
            );
          const reporter = reportNeeded(contextValue.caller, owners);
          contextValue.attestSubjects(
            await gatherAttestations([...ids], subgraphUrls, contextValue, reporter ? [reporter] : []),
          );
        },
      };
    },
  };
}

type Entities = ({ [field: string]: unknown } | null)[];

/** One `_entities` fetch of `Young` fields from one subgraph, signed for it; throws when it cannot answer. */
export async function fetchYoungFields(
  subgraph: SubgraphName,
  url: string | undefined,
  ids: string[],
  fields: string,
  context: Pick<GatewayContext, 'internalToken' | 'subgraphClients'>,
): Promise<Entities> {
  if (!url) throw new Error(`no URL for ${subgraph}`);
  const request = JSON.stringify({
    query: `query Attest($representations: [_Any!]!) { _entities(representations: $representations) { ... on Young { ${fields} } } }`,
    variables: { representations: ids.map((id) => ({ __typename: 'Young', id })) },
  });
  const init = {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [INTERNAL_TOKEN_HEADER]: await context.internalToken(subgraph, request),
    },
    body: request,
  };
  // The subgraph's own pool, timeout and circuit when the gateway has them (a read: retried on a reset).
  const client = context.subgraphClients?.get(subgraph);
  const response = client
    ? await client.post(url, init, true)
    : await fetch(url, { ...init, signal: AbortSignal.timeout(ATTESTATION_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { data?: { _entities?: Entities } };
  if (!body.data?._entities) throw new Error('no entities in the answer');
  return body.data._entities;
}

/**
 * psad's attestation and the follower reports of `reporters` for each of `ids`, fetched in parallel (also
 * used by `npm run bench:writes`).
 */
export async function gatherAttestations(
  ids: string[],
  urls: Partial<Record<SubgraphName, string>>,
  context: Pick<GatewayContext, 'internalToken' | 'onPartnerFailure' | 'subgraphClients'>,
  reporters: readonly SubgraphName[],
): Promise<Record<string, WriteAttestation>> {
  const attest = fetchYoungFields('psad', urls.psad, ids, ACCESS_SUBJECT_FIELD, context).catch(
    (error: unknown) => {
      context.onPartnerFailure?.('psad', error);
      throw new GraphQLError(
        'PSAD is unavailable: the people this mutation names cannot be attested, so nothing was written.',
        {
          extensions: {
            code: ErrorCode.PARTNER_UNAVAILABLE,
            partner: SUBGRAPHS.psad.partner,
            subgraph: 'psad',
          },
        },
      );
    },
  );
  const reports = reporters.map(async (name) => {
    const field = followersField(SUBGRAPHS[name]);
    try {
      return { field, entities: await fetchYoungFields(name, urls[name], ids, field, context) };
    } catch (error) {
      context.onPartnerFailure?.(name, error);
      return { field, entities: [] as Entities };
    }
  });
  const [subjects, ...followers] = await Promise.all([attest, ...reports]);
  return Object.fromEntries(
    ids.map((id, index) => {
      const accessSubject = subjects[index]?.[ACCESS_SUBJECT_FIELD];
      const reported = followers
        .map(({ field, entities }) => [field, entities[index]?.[field]] as const)
        .filter(([, report]) => typeof report === 'string');
      return [
        id,
        {
          accessSubject: typeof accessSubject === 'string' ? accessSubject : null,
          reports: Object.fromEntries(reported) as Record<string, string>,
        },
      ];
    }),
  );
}
