import type { Response } from 'express';
import { ErrorCode } from '../server/errors';
import { InvalidClaimsError } from './claims';

/**
 * Why a token was refused, as `extensions.reason` next to `code: "UNAUTHENTICATED"`. Stable:
 * clients may branch on them (e.g. EXPIRED → get a new token).
 */
export const AUTHENTICATION_FAILURE_REASONS = [
  'MISSING_TOKEN',
  'MALFORMED_TOKEN',
  'EXPIRED',
  'NOT_YET_VALID',
  'INVALID_SIGNATURE',
  'WRONG_ISSUER',
  'WRONG_AUDIENCE',
  'UNSUPPORTED_ALGORITHM',
  'INVALID_CLAIMS',
  /** An internal token shown with another body than the one it was signed for. */
  'BODY_MISMATCH',
  /** An internal token shown a second time: each serves one fetch. */
  'REPLAYED',
  /** Not the token's fault: the identity provider's keys (JWKS) could not be fetched. Answered with 503. */
  'KEYS_UNAVAILABLE',
] as const;
export type AuthenticationFailureReason = (typeof AUTHENTICATION_FAILURE_REASONS)[number];

/** A refused token. The message is safe to return: it never quotes the token or a claim's value. */
export class AuthenticationFailure extends Error {
  constructor(
    readonly reason: AuthenticationFailureReason,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return this.reason === 'KEYS_UNAVAILABLE' ? 503 : 401;
  }
}

/** Translates what jose (or the claims check) threw into a stable reason. */
export function failureFromVerificationError(error: unknown): AuthenticationFailure {
  if (error instanceof AuthenticationFailure) return error;
  if (error instanceof InvalidClaimsError)
    return new AuthenticationFailure('INVALID_CLAIMS', `Invalid token: ${error.message}.`);
  const { code, claim } = (error ?? {}) as { code?: unknown; claim?: unknown };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return new AuthenticationFailure('EXPIRED', 'The token has expired: get a new one.');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claimFailure(typeof claim === 'string' ? claim : 'unknown');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new AuthenticationFailure(
        'UNSUPPORTED_ALGORITHM',
        'The token is signed with an algorithm this hub does not accept.',
      );
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new AuthenticationFailure(
        'INVALID_SIGNATURE',
        'The token signature does not match a key this hub trusts.',
      );
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return new AuthenticationFailure('MALFORMED_TOKEN', 'The token is not a well-formed signed JWT.');
    default:
      return new AuthenticationFailure(
        'KEYS_UNAVAILABLE',
        'Tokens cannot be verified right now; try again later.',
      );
  }
}

function claimFailure(claim: string): AuthenticationFailure {
  if (claim === 'nbf') return new AuthenticationFailure('NOT_YET_VALID', 'The token is not valid yet (nbf).');
  if (claim === 'iss')
    return new AuthenticationFailure(
      'WRONG_ISSUER',
      'The token was not issued by an issuer this hub trusts.',
    );
  if (claim === 'aud')
    return new AuthenticationFailure('WRONG_AUDIENCE', 'The token is meant for another audience.');
  return new AuthenticationFailure(
    'INVALID_CLAIMS',
    `Invalid token: claim "${claim}" is missing or invalid.`,
  );
}

/**
 * Answers a refused request without running anything: a GraphQL-shaped body (clients read
 * `errors` as usual) and the RFC 6750 challenge.
 */
export function sendAuthenticationFailure(
  response: Response,
  failure: AuthenticationFailure,
  realm: string,
): void {
  if (failure.status === 401) {
    const error = failure.reason === 'MISSING_TOKEN' ? '' : ', error="invalid_token"';
    response.set('WWW-Authenticate', `Bearer realm="${realm}"${error}`);
  }
  response.status(failure.status).json({
    errors: [
      { message: failure.message, extensions: { code: ErrorCode.UNAUTHENTICATED, reason: failure.reason } },
    ],
  });
}
