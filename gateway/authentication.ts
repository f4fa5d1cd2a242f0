import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { callerFromClaims, type Caller } from '../platform/auth/claims';
import {
  AuthenticationFailure,
  failureFromVerificationError,
  sendAuthenticationFailure,
} from '../platform/auth/failures';
import { loadJose } from '../platform/auth/jose';
import type { CallerTokenSettings } from '../platform/auth/keys';

/** Clocks of the identity provider and the gateway may drift a little; never more than this. */
const CLOCK_TOLERANCE_SECONDS = 5;
const REALM = 'foquale-hub';

export type CallerVerifier = (token: string) => Promise<Caller>;

/**
 * Guards POST /graphql: a request without a valid `Authorization: Bearer <JWT>` is answered 401
 * here and never reaches Apollo, so nothing is parsed, planned or fetched for it. The verified
 * caller is left in `response.locals` for the GraphQL context (see `authenticatedCaller`).
 * Logs carry the refusal reason only: never the token, never a claim.
 */
export function authenticateCallers(
  settings: CallerTokenSettings,
  log: (message: string) => void,
): RequestHandler {
  const verify = createCallerVerifier(settings);
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      response.locals.caller = await verify(bearerToken(request.header('authorization')));
    } catch (error) {
      const failure = failureFromVerificationError(error);
      log(
        `[gateway] request refused: ${failure.reason}${failure.status === 401 ? '' : ` (${messageOf(error)})`}`,
      );
      sendAuthenticationFailure(response, failure, REALM);
      return;
    }
    next();
  };
}

/** The caller that `authenticateCallers` verified for this request. */
export function authenticatedCaller(response: Response): Caller {
  const caller = response.locals.caller as Caller | undefined;
  if (!caller) throw new Error('authenticateCallers must run before the GraphQL handler');
  return caller;
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750; the scheme is case-insensitive). */
export function bearerToken(header: string | undefined): string {
  if (!header?.trim())
    throw new AuthenticationFailure(
      'MISSING_TOKEN',
      'Authentication required: send "Authorization: Bearer <token>".',
    );
  const match = /^Bearer +([^\s]+)\s*$/i.exec(header);
  if (!match)
    throw new AuthenticationFailure('MALFORMED_TOKEN', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/**
 * Signature (explicit algorithms: `alg: none` and HS256-with-the-public-key are refused before
 * any key is used), expiry and not-before, issuer and audience, then the claims of DESIGN.md §4.
 */
export function createCallerVerifier(settings: CallerTokenSettings): CallerVerifier {
  const options: JWTVerifyOptions = {
    algorithms: settings.algorithms,
    issuer: settings.issuer,
    audience: settings.audience,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp'],
  };
  let jwks: JWTVerifyGetKey | undefined;
  return async (token) => {
    const jose = await loadJose();
    if ('jwksUrl' in settings.keys) {
      // Created once: jose caches the key set and refetches it when an unknown `kid` shows up.
      jwks ??= jose.createRemoteJWKSet(settings.keys.jwksUrl);
      return callerFromClaims((await jose.jwtVerify(token, jwks, options)).payload);
    }
    return callerFromClaims((await jose.jwtVerify(token, settings.keys.publicKey, options)).payload);
  };
}

/**
 * For the operator when verification itself failed (e.g. the JWKS could not be fetched); never about the
 * token.
 */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
