import { randomUUID } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  GraphQLError,
  Kind,
  parse,
  visit,
  type DocumentNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { INTERNAL_TOKEN_HEADER } from '../platform/auth/internal-token';
import { SUBGRAPHS, isSubgraphName, type SubgraphProfile } from '../platform/partners';
import { ErrorCode } from '../platform/server/errors';
import type { GatewayContext } from './context';
import {
  PartnerCallError,
  PartnerFailureReason,
  type FetcherRequestInit,
  type SubgraphClient,
} from './subgraph-client';

interface PendingFetch {
  sign: (body: string) => Promise<string>;
  /** A query may be sent twice; a mutation never is. */
  idempotent: boolean;
}

/**
 * How the gateway talks to one partner's subgraph. When the partner cannot be reached, the
 * answer is not an exception (which would lose the whole query plan branch) but a response
 * whose requested fields are null and whose error names the partner: the other partners'
 * data still reaches the caller, and psad's merges run on what did arrive. A subgraph that refuses
 * the client's input (HTTP 400 with GraphQL errors) is up: its refusal reaches the client as
 * `BAD_USER_INPUT`, and never counts as an outage.
 */
export class PartnerDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly profile: SubgraphProfile | null;
  /** The fetches under way, by the placeholder their request carries until it is sent. */
  private readonly pending = new Map<string, PendingFetch>();

  /** `client`: how this subgraph is called (gateway/subgraph-client.ts); without it, the default fetcher. */
  constructor(
    readonly name: string,
    url: string,
    readonly client?: SubgraphClient,
  ) {
    super({ url });
    this.profile = isSubgraphName(name) ? SUBGRAPHS[name] : null;
    const send = this.fetcher;
    this.fetcher = async (target, init = {}) => {
      const fetch = this.pending.get(init.headers?.[INTERNAL_TOKEN_HEADER] ?? '');
      const request = await this.signed(init);
      return client ? client.post(target, request, fetch?.idempotent ?? true) : send(target, request);
    };
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
    this.pending.set(placeholder, {
      sign: (body) => options.context.internalToken(this.name, body),
      idempotent: !/^\s*mutation\b/.test(options.request.query ?? ''),
    });
    options.request.http?.headers.set(INTERNAL_TOKEN_HEADER, placeholder);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const query = options.request.query ?? '';
    const variables = options.request.variables ?? {};
    try {
      return await super.process(options);
    } catch (error) {
      const refusal = inputRefusal(error, query);
      if (refusal) return { data: nullShapedData(query, variables), errors: refusal };
      const reason = failureReason(error);
      if (!(error instanceof PartnerCallError)) this.client?.countFailure(reason);
      options.context?.onPartnerFailure?.(this.profile?.name ?? this.url, error);
      return unavailableResponse(this.profile, query, variables, reason);
    } finally {
      this.pending.delete(options.request.http?.headers.get(INTERNAL_TOKEN_HEADER) ?? '');
    }
  }

  /** The request as sent: its placeholder replaced by the internal token of its body. */
  private async signed(init: FetcherRequestInit): Promise<FetcherRequestInit> {
    const placeholder = init.headers?.[INTERNAL_TOKEN_HEADER];
    if (placeholder === undefined) return init;
    const fetch = this.pending.get(placeholder);
    this.pending.delete(placeholder);
    if (!fetch || typeof init.body !== 'string') throw new Error('a subgraph fetch without its signer');
    return { ...init, headers: { ...init.headers, [INTERNAL_TOKEN_HEADER]: await fetch.sign(init.body) } };
  }
}

/** The status and body of a subgraph's non-2xx answer, as RemoteGraphQLDataSource reports it. */
function httpAnswer(error: unknown): { status: number; body: unknown } | null {
  if (!(error instanceof GraphQLError)) return null;
  const response = error.extensions.response as { status?: unknown; body?: unknown } | undefined;
  return typeof response?.status === 'number' ? { status: response.status, body: response.body } : null;
}

function failureReason(error: unknown): PartnerFailureReason {
  if (error instanceof PartnerCallError) return error.reason;
  const answer = httpAnswer(error);
  if (answer) return answer.status >= 500 ? 'SERVER_ERROR' : 'REJECTED';
  return PartnerFailureReason.INVALID_RESPONSE;
}

/**
 * A subgraph's HTTP 400 with GraphQL errors: it refused the client's input (e.g. a variable that is not a
 * valid date). Each error becomes `BAD_USER_INPUT`, naming the argument when the message says which
 * variable (`Variable "$input" got invalid value … at "input.at"` → `input.at`). Null otherwise.
 */
export function inputRefusal(error: unknown, query: string): GraphQLFormattedError[] | null {
  const answer = httpAnswer(error);
  if (answer?.status !== 400) return null;
  const errors = (answer.body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const argumentOf = variableArguments(query);
  return errors.map((refused: { message?: unknown }) => {
    const message = typeof refused?.message === 'string' ? refused.message : 'Invalid input.';
    return {
      message,
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: refusedField(message, argumentOf) },
    };
  });
}

/** The argument a variable's refusal is about: `$input` at `input.at`, passed as `input:`, is `input.at`. */
export function refusedField(message: string, argumentOf: Map<string, string>): string | null {
  const match = /^Variable "\$(\w+)" got invalid value.*? at "([^"]+)"|^Variable "\$(\w+)"/s.exec(message);
  if (!match) return null;
  const variable = match[1] ?? match[3];
  const path = match[2]?.startsWith(variable) ? match[2].slice(variable.length) : '';
  return `${argumentOf.get(variable) ?? variable}${path}`;
}

/** For each variable passed directly as an argument, that argument's name. */
function variableArguments(query: string): Map<string, string> {
  const argumentOf = new Map<string, string>();
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return argumentOf;
  }
  visit(document, {
    Argument(node) {
      if (node.value.kind === Kind.VARIABLE) argumentOf.set(node.value.name.value, node.name.value);
    },
  });
  return argumentOf;
}

export function unavailableResponse(
  profile: SubgraphProfile | null,
  query: string,
  variables: Record<string, unknown>,
  reason?: PartnerFailureReason,
): GatewayGraphQLResponse {
  const label = profile ? `${profile.label} (${profile.name})` : 'a partner';
  const error = {
    message: `${label} is unavailable: its data is missing from this answer.`,
    extensions: {
      code: ErrorCode.PARTNER_UNAVAILABLE,
      partner: profile?.partner ?? null,
      subgraph: profile?.name ?? null,
      ...(reason ? { reason } : {}),
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
