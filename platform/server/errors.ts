import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** Stable `extensions.code` values that clients may rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  PARTNER_UNAVAILABLE: 'PARTNER_UNAVAILABLE',
  /** HTTP 401: no valid token; `extensions.reason` says why (platform/auth/failures.ts). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** A precise, safe message about one input field; nothing is written when it is thrown. */
export function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

/**
 * Keeps deliberate errors (those carrying a known code) and replaces anything unexpected by a
 * generic message, so that a database error never leaks a value or a stack trace to the caller.
 * The original is handed to `log` for the operator.
 */
export function createErrorFormatter(service: string, log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const original = unwrapResolverError(error);
    const deliberate = original instanceof GraphQLError || (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR);
    if (deliberate) return formatted;
    log(original);
    return {
      message: `Internal error in ${service}; the operator has the details.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
