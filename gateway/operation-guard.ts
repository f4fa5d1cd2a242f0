import { parse as parseUrl } from 'node:url';
import type { Request, RequestHandler } from 'express';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { ErrorCode } from '../platform/server/errors';
import { sendHubError } from '../platform/server/http-errors';
import { authenticatedCaller } from './authentication';
import { LIMIT_KINDS, type LimitKind, type LimitsSettings, type OperationLimits } from './limits';
import { countTokens, measureOperations, type SchemaShape } from './operation-cost';
import { resolveDocument, type TrustedDocumentsSettings } from './trusted-documents';

/** An operation over one of its limits. */
export interface LimitBreach {
  limit: LimitKind;
  /** What the operation asks (for `tokens`, counting stops just past the limit). */
  value: number;
  max: number;
}

const LABELS: Record<LimitKind, string> = {
  tokens: 'tokens',
  depth: 'depth',
  aliases: 'aliases',
  rootFields: 'root fields',
  directives: 'directives',
  cost: 'estimated cost',
};

/**
 * The first limit an operation breaks, or null; every step is linear in the document's size (tokens are
 * counted before parsing, each fragment is measured once). A document that does not parse is left to
 * Apollo, which answers its syntax error.
 */
export function breachOf(
  query: string,
  variables: Record<string, unknown>,
  limits: OperationLimits,
  shape: SchemaShape,
  model: LimitsSettings['model'],
): LimitBreach | null {
  let document: DocumentNode;
  try {
    const tokens = countTokens(query, limits.tokens);
    if (tokens > limits.tokens) return { limit: 'tokens', value: tokens, max: limits.tokens };
    document = parse(query, { maxTokens: limits.tokens, noLocation: true });
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  for (const measures of measureOperations(document, shape, model, variables).values())
    for (const limit of LIMIT_KINDS)
      if (limit !== 'tokens' && measures[limit] > limits[limit])
        return { limit, value: saturated(measures[limit]), max: limits[limit] };
  return null;
}

/** Exponential fragments give numbers past what JSON can say. */
function saturated(value: number): number {
  return Math.min(value, Number.MAX_SAFE_INTEGER);
}

export function breachMessage(breach: LimitBreach): string {
  const asked = breach.limit === 'tokens' ? `more than ${breach.max}` : String(breach.value);
  return (
    `The operation is too complex: ${LABELS[breach.limit]} ${asked}, at most ${breach.max} for your role. ` +
    'Ask for fewer fields or smaller pages, or split the operation.'
  );
}

interface GraphQLRequestFields {
  query?: unknown;
  variables?: unknown;
  extensions?: unknown;
  documentId?: unknown;
}

/** The fields of a GraphQL-over-HTTP request: the JSON body of a POST, the URL parameters of a GET. */
function requestFields(request: Request): GraphQLRequestFields | undefined {
  if (request.method === 'GET') {
    const parameters = new URLSearchParams(parseUrl(request.url).search ?? '');
    const json = (name: string) => {
      const raw = parameters.get(name);
      try {
        return raw === null ? undefined : (JSON.parse(raw) as unknown);
      } catch {
        return undefined;
      }
    };
    return {
      query: parameters.get('query') ?? undefined,
      variables: json('variables'),
      extensions: json('extensions'),
      documentId: parameters.get('documentId') ?? undefined,
    };
  }
  const body = request.body as unknown;
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as GraphQLRequestFields)
    : undefined;
}

/**
 * Guards /graphql after authentication and the body's parsing, before Apollo sees the request: trusted
 * documents (the registered document a request names replaces its text; in `required` mode any other text
 * is refused), then the caller's role's limits. Nothing of a refused operation is validated, planned or
 * sent to a subgraph.
 */
export function operationGuard(options: {
  trusted: TrustedDocumentsSettings;
  limits: LimitsSettings;
  shape: SchemaShape;
  /**
   * A refusal, by reason for the metrics: the limit broken (`cost`, `depth`, `root_fields`…),
   * `untrusted_document` or `unknown_document`.
   */
  onRefusal: (reason: string) => void;
}): RequestHandler {
  return (request, response, next) => {
    const fields = requestFields(request);
    if (!fields) return next();
    const resolution = resolveDocument(options.trusted, fields);
    if (!resolution) return next();
    if ('refused' in resolution) {
      options.onRefusal(
        resolution.refused === 'UNTRUSTED_DOCUMENT' ? 'untrusted_document' : 'unknown_document',
      );
      return sendHubError(
        response,
        resolution.refused === 'UNTRUSTED_DOCUMENT' ? 400 : 200,
        ErrorCode[resolution.refused],
        resolution.message,
      );
    }
    // A POST that names a registered document by id runs its text.
    if (request.method === 'POST' && fields.query !== resolution.query) {
      (request.body as GraphQLRequestFields).query = resolution.query;
      delete (request.body as GraphQLRequestFields).documentId;
    }
    const variables =
      fields.variables && typeof fields.variables === 'object' && !Array.isArray(fields.variables)
        ? (fields.variables as Record<string, unknown>)
        : {};
    const limits = options.limits.byRole[authenticatedCaller(response).role];
    const breach = breachOf(resolution.query, variables, limits, options.shape, options.limits.model);
    if (!breach) return next();
    options.onRefusal(breach.limit.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
    sendHubError(response, 400, ErrorCode.QUERY_TOO_COMPLEX, breachMessage(breach), { ...breach });
  };
}
