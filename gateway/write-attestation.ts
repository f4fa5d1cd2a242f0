import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, OperationTypeNode, type ArgumentNode, type ValueNode } from 'graphql';
import { MAX_ATTESTED_SUBJECTS } from '../platform/auth/internal-token';
import { INTERNAL_TOKEN_HEADER } from '../platform/auth/internal-token';
import { isHubId } from '../platform/database/loaders';
import { SUBGRAPHS } from '../platform/partners';
import { ErrorCode, badUserInput } from '../platform/server/errors';
import type { GatewayContext } from './context';

/** The argument (or field of an `input` argument) by which a mutation names the person it writes about. */
export const YOUNG_ID_ARGUMENT = 'youngId';
const ATTESTATION_TIMEOUT_MS = 5000;

const ATTESTATION_QUERY = 'query Attest($representations: [_Any!]!) { _entities(representations: $representations) { ... on Young { accessSubject } } }';

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.STRING:
      return node.value;
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, valueOf(field.value, variables)]));
    case Kind.LIST:
      return node.values.map((value) => valueOf(value, variables));
    default:
      return undefined;
  }
}

/** The hub ids a root mutation field names: its `youngId` argument, or the `youngId` of an input object argument. */
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
 * Before a mutation is routed, asks psad to attest each person it names (bassin, age,
 * oppositions, psad's followers: `Young.accessSubject`, as for every read) and signs the
 * attestations into the internal tokens of this request. A partner's mutation runs at the root,
 * with no `Young` representation to carry psad's facts; this is how it decides a write on the
 * same facts as a read, and how it knows the person exists at all. Ids that are not hub ids are
 * left to the subgraph's own validation. If psad cannot answer, the mutation is not sent.
 */
export function writeAttestationPlugin(psadUrl: () => string | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const variables = request.variables ?? {};
          const ids = new Set<string>();
          for (const selection of operation.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD) continue;
            for (const id of namedYoungIds(selection.arguments ?? [], variables)) if (isHubId(id)) ids.add(id.toLowerCase());
          }
          if (ids.size === 0) return;
          if (ids.size > MAX_ATTESTED_SUBJECTS) throw badUserInput(`One request may write about ${MAX_ATTESTED_SUBJECTS} young people at most`, YOUNG_ID_ARGUMENT);
          contextValue.attestSubjects(await fetchAttestations([...ids], psadUrl(), contextValue));
        },
      };
    },
  };
}

async function fetchAttestations(ids: string[], url: string | undefined, context: GatewayContext): Promise<Record<string, string | null>> {
  const unavailable = () =>
    new GraphQLError('PSAD is unavailable: the people this mutation names cannot be attested, so nothing was written.', {
      extensions: { code: ErrorCode.PARTNER_UNAVAILABLE, partner: SUBGRAPHS.psad.partner, subgraph: 'psad' },
    });
  if (!url) throw unavailable();
  let body: { data?: { _entities?: ({ accessSubject?: string | null } | null)[] } };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: await context.internalToken('psad') },
      body: JSON.stringify({ query: ATTESTATION_QUERY, variables: { representations: ids.map((id) => ({ __typename: 'Young', id })) } }),
      signal: AbortSignal.timeout(ATTESTATION_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = (await response.json()) as typeof body;
  } catch (error) {
    context.onPartnerFailure?.('psad', error);
    throw unavailable();
  }
  const entities = body.data?._entities ?? [];
  return Object.fromEntries(ids.map((id, index) => [id, entities[index]?.accessSubject ?? null]));
}
