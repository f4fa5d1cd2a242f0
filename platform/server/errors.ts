import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { withoutSuggestions } from './suggestions';

/** Stable `extensions.code` values that clients may rely on. */
export const ErrorCode = {
  /** Invalid input: `extensions.field` names the first bad field, `extensions.fieldErrors` lists them all. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  /**
   * A write based on a stale version of a record: reload, then retry; `extensions.currentVersion` says the
   * version in force.
   */
  CONFLICT: 'CONFLICT',
  /**
   * A state change the workflow does not allow from the current state; `extensions.from`, `to` and `allowed`
   * say which.
   */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** An offer has no place left to reserve. */
  NO_VACANCY: 'NO_VACANCY',
  /** An idempotency key sent again with a different request: keys are single-use per operation. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  PARTNER_UNAVAILABLE: 'PARTNER_UNAVAILABLE',
  /** HTTP 400: the request is not a GraphQL request (e.g. its body is not JSON). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** HTTP 413: the request body is larger than the server reads. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** HTTP 415: a POST body that is not `application/json` (or in an unsupported encoding or charset). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** HTTP 405: GraphQL is served with GET and POST only; the `Allow` header says so. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** HTTP 404: no such route (GraphQL is on /graphql; the gateway also serves /health, /ready, /metrics). */
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  /**
   * HTTP 400: the operation asks for more than the caller's role may (gateway/limits.ts), refused before
   * any work: `extensions.limit` names the limit (`tokens`, `depth`, `aliases`, `rootFields`, `directives`,
   * `cost`), `value` what the operation asks, `max` what is allowed.
   */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /**
   * HTTP 429, with `Retry-After`: too many requests from the caller or its organisation
   * (`extensions.scope`: `caller` or `organisation`; `retryAfter` in seconds).
   */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The request names a registered operation (`documentId` or APQ hash) that the hub does not have. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** HTTP 400: the hub runs registered operations only (`HUB_TRUSTED_DOCUMENTS=required`). */
  UNTRUSTED_DOCUMENT: 'UNTRUSTED_DOCUMENT',
  /** HTTP 401: no valid token; `extensions.reason` says why (platform/auth/failures.ts). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Anything unexpected: a generic message, never a stack trace; the operator's log has the details. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** A precise, safe message about one input field; nothing is written when it is thrown. */
export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/** One invalid field of an input, with a message that says what is expected. */
export interface FieldError {
  /** Path of the field in the arguments, e.g. `input.startsOn`. */
  field: string;
  message: string;
}

/**
 * Every invalid field of an input at once, so that a form can show them all; nothing is written when it is
 * thrown.
 */
export function invalidInput(errors: FieldError[]): GraphQLError {
  const message =
    errors.length === 1
      ? errors[0].message
      : `${errors.length} fields are invalid: ${errors.map((error) => `${error.field}: ${error.message}`).join('; ')}`;
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: errors[0]?.field ?? null, fieldErrors: errors },
  });
}

/** A write on a stale version (optimistic concurrency): nothing was written. */
export function conflict(what: string, expectedVersion: number, currentVersion: number): GraphQLError {
  return new GraphQLError(
    `${what} was changed by someone else (version ${currentVersion}, you sent ${expectedVersion}): reload it and try again`,
    {
      extensions: { code: ErrorCode.CONFLICT, expectedVersion, currentVersion },
    },
  );
}

/**
 * A state change the workflow refuses from where the record stands; names both states and what is allowed.
 */
export function illegalTransition(
  what: string,
  from: string,
  to: string,
  allowed: readonly string[],
): GraphQLError {
  const next = allowed.length > 0 ? `from ${from} it can go to ${allowed.join(', ')}` : `${from} is final`;
  return new GraphQLError(`${what} cannot go from ${from} to ${to}: ${next}`, {
    extensions: { code: ErrorCode.ILLEGAL_TRANSITION, from, to, allowed: [...allowed] },
  });
}

/**
 * Keeps deliberate errors (those carrying a known code) and replaces anything unexpected by a
 * generic message, so that a database error never leaks a value or a stack trace to the caller.
 * The original is described to `log` for the operator (`describeError`). In production, messages lose graphql-js's
 * "Did you mean …?" hints, which would spell the schema out to a stranger.
 */
export function createErrorFormatter(
  service: string,
  log: (message: string) => void,
  options: { production?: boolean } = {},
) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const original = unwrapResolverError(error);
    const deliberate =
      original instanceof GraphQLError ||
      (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR);
    if (deliberate) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return {
        ...formatted,
        message: options.production ? withoutSuggestions(formatted.message) : formatted.message,
        ...(formatted.extensions ? { extensions } : {}),
      };
    }
    log(describeError(original, formatted));
    return {
      message: `Internal error in ${service}; the operator has the details.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * One line about an unexpected error for the operator's log: its kind, message, code and path, so that
 * an error that is not an `Error` (a subgraph's formatted error is a plain object) never logs as
 * `[object Object]`. The message is cut short: it may quote what the caller sent.
 */
export function describeError(error: unknown, formatted?: GraphQLFormattedError): string {
  const parts: string[] = [];
  if (error instanceof Error) parts.push(`${error.name}: ${error.message}`);
  else if (error !== null && typeof error === 'object') {
    const record = error as { message?: unknown; name?: unknown };
    const message = typeof record.message === 'string' ? record.message : safeJson(error);
    parts.push(typeof record.name === 'string' ? `${record.name}: ${message}` : message);
  } else parts.push(String(error));
  const code = (error as { code?: unknown } | null)?.code ?? formatted?.extensions?.code;
  if (typeof code === 'string' || typeof code === 'number') parts.push(`code ${code}`);
  if (formatted?.path) parts.push(`at ${formatted.path.join('.')}`);
  return parts.join(' | ').slice(0, 1000);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
