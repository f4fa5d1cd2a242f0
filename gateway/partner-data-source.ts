import { randomUUID } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { INTERNAL_TOKEN_HEADER } from '../platform/auth/internal-token';
import { SUBGRAPHS, isSubgraphName, type SubgraphProfile } from '../platform/partners';
import { ErrorCode } from '../platform/server/errors';
import type { GatewayContext } from './context';

type FetcherRequestInit = NonNullable<Parameters<RemoteGraphQLDataSource['fetcher']>[1]>;

/**
 * How the gateway talks to one partner's subgraph. When the partner cannot be reached, the
 * answer is not an exception (which would lose the whole query plan branch) but a response
 * whose requested fields are null and whose error names the partner: the other partners'
 * data still reaches the caller, and psad's merges run on what did arrive.
 */
export class PartnerDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly profile: SubgraphProfile | null;
  /** The signers of the fetches under way, by the placeholder their request carries until it is sent. */
  private readonly signers = new Map<string, (body: string) => Promise<string>>();

  constructor(
    readonly name: string,
    url: string,
  ) {
    super({ url });
    this.profile = isSubgraphName(name) ? SUBGRAPHS[name] : null;
    const send = this.fetcher;
    this.fetcher = async (target, init) => send(target, init && (await this.signed(init)));
  }

  /**
   * The subgraph request is built from scratch (no client header is ever copied), and carries
   * the caller only as the gateway's signed internal token, meant for this subgraph and this
   * body alone. The body is serialized after this hook, so the request carries a placeholder
   * here, which the fetcher replaces with the token signed over the very bytes it sends.
   */
  async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading (unused here: the supergraph is static) have no caller.
    if (!('incomingRequestContext' in options)) return;
    const placeholder = randomUUID();
    this.signers.set(placeholder, (body) => options.context.internalToken(this.name, body));
    options.request.http?.headers.set(INTERNAL_TOKEN_HEADER, placeholder);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      options.context?.onPartnerFailure?.(this.profile?.name ?? this.url, error);
      return unavailableResponse(this.profile, options.request.query ?? '', options.request.variables ?? {});
    } finally {
      this.signers.delete(options.request.http?.headers.get(INTERNAL_TOKEN_HEADER) ?? '');
    }
  }

  /** The request as sent: its placeholder replaced by the internal token of its body. */
  private async signed(init: FetcherRequestInit): Promise<FetcherRequestInit> {
    const placeholder = init.headers?.[INTERNAL_TOKEN_HEADER];
    if (placeholder === undefined) return init;
    const sign = this.signers.get(placeholder);
    this.signers.delete(placeholder);
    if (!sign || typeof init.body !== 'string') throw new Error('a subgraph fetch without its signer');
    return { ...init, headers: { ...init.headers, [INTERNAL_TOKEN_HEADER]: await sign(init.body) } };
  }
}

export function unavailableResponse(
  profile: SubgraphProfile | null,
  query: string,
  variables: Record<string, unknown>,
): GatewayGraphQLResponse {
  const label = profile ? `${profile.label} (${profile.name})` : 'a partner';
  const error = {
    message: `${label} is unavailable: its data is missing from this answer.`,
    extensions: {
      code: ErrorCode.PARTNER_UNAVAILABLE,
      partner: profile?.partner ?? null,
      subgraph: profile?.name ?? null,
    },
  };
  return { data: nullShapedData(query, variables), errors: [error] };
}

/**
 * For an `_entities` fetch, returns one object per representation with every requested field
 * set to null; the gateway then merges nulls (nullable contribution fields) instead of dropping
 * the entities. For a root fetch there is nothing to keep, so the data is null.
 */
export function nullShapedData(
  query: string,
  variables: Record<string, unknown>,
): Record<string, unknown> | null {
  let operation: OperationDefinitionNode | undefined;
  try {
    operation = parse(query).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return null;
  }
  const entities = operation?.selectionSet.selections.find(
    (s) => s.kind === Kind.FIELD && s.name.value === '_entities',
  );
  if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return null;
  const representations = Array.isArray(variables.representations)
    ? (variables.representations as { __typename?: string }[])
    : [];
  return {
    [entities.alias?.value ?? '_entities']: representations.map((representation) =>
      nullFields(entities.selectionSet!, representation.__typename ?? ''),
    ),
  };
}

function nullFields(selectionSet: SelectionSetNode, typename: string): Record<string, unknown> {
  const result: Record<string, unknown> = { __typename: typename };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      result[key] = selection.name.value === '__typename' ? typename : null;
    } else if (
      selection.kind === Kind.INLINE_FRAGMENT &&
      (!selection.typeCondition || selection.typeCondition.name.value === typename)
    ) {
      Object.assign(result, nullFields(selection.selectionSet, typename));
    }
  }
  return result;
}
