import type { KeyObject } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  AuthenticationFailure,
  failureFromVerificationError,
  sendAuthenticationFailure,
} from '../auth/failures';
import { INTERNAL_TOKEN_HEADER, verifyInternalToken, type InternalIdentity } from '../auth/internal-token';
import type { SubgraphName } from '../partners';

/**
 * Guards a subgraph's /graphql: only requests carrying the gateway's internal token for this
 * subgraph reach Apollo. Anything else — a direct call, a forged, expired or other-subgraph
 * token — is answered 401 before the body is even parsed: no resolver runs, no row is read.
 */
export function requireGatewayIdentity(
  subgraph: SubgraphName,
  publicKey: KeyObject,
  log: (message: string) => void,
): RequestHandler {
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      response.locals.identity = await verifyInternalToken(internalToken(request), subgraph, publicKey);
    } catch (error) {
      const failure = failureFromVerificationError(error);
      log(`[${subgraph}] request refused: ${failure.reason}`);
      sendAuthenticationFailure(response, failure, `foquale-hub/${subgraph}`);
      return;
    }
    next();
  };
}

/** The caller and request id the gateway vouched for (set by `requireGatewayIdentity`). */
export function gatewayIdentity(response: Response): InternalIdentity {
  const identity = response.locals.identity as InternalIdentity | undefined;
  if (!identity) throw new Error('requireGatewayIdentity must run before the GraphQL handler');
  return identity;
}

function internalToken(request: Request): string {
  const token = request.header(INTERNAL_TOKEN_HEADER);
  if (!token)
    throw new AuthenticationFailure(
      'MISSING_TOKEN',
      `This subgraph answers the hub gateway only: the ${INTERNAL_TOKEN_HEADER} token is missing.`,
    );
  return token;
}
