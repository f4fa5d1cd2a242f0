import type { KeyObject } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import {
  AuthenticationFailure,
  failureFromVerificationError,
  sendAuthenticationFailure,
} from '../auth/failures';
import { INTERNAL_TOKEN_HEADER, verifyInternalToken, type InternalIdentity } from '../auth/internal-token';
import { ReplayCache } from '../auth/replay-cache';
import type { SubgraphName } from '../partners';
import { ErrorCode } from './errors';

/** Largest GraphQL request a subgraph reads (a page of `_entities` representations fits many times over). */
const MAX_BODY = '2mb';

/**
 * Guards a subgraph's /graphql: only requests carrying the gateway's internal token for this
 * subgraph and this very body, shown for the first time, reach Apollo. Anything else — a direct
 * call, a forged, expired or other-subgraph token, a captured token with another body or sent
 * again — is answered 401 before the body is parsed: no resolver runs, no row is read. The raw
 * body is hashed as received, then parsed here as JSON. `replays` remembers the token ids this
 * process accepted (see ReplayCache for several replicas).
 */
export function requireGatewayIdentity(
  subgraph: SubgraphName,
  publicKey: KeyObject,
  log: (message: string) => void,
  replays = new ReplayCache(),
): RequestHandler[] {
  const refuse = (response: Response, error: unknown) => {
    const failure = failureFromVerificationError(error);
    log(`[${subgraph}] request refused: ${failure.reason}`);
    sendAuthenticationFailure(response, failure, `foquale-hub/${subgraph}`);
  };
  return [
    // Without a token, nothing is even read.
    (request, response, next) => {
      try {
        internalToken(request);
      } catch (error) {
        refuse(response, error);
        return;
      }
      next();
    },
    express.raw({ type: () => true, limit: MAX_BODY }),
    async (request: Request, response: Response, next: NextFunction) => {
      const raw: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        response.locals.identity = await verifyInternalToken(
          internalToken(request),
          subgraph,
          publicKey,
          raw,
          replays,
        );
      } catch (error) {
        refuse(response, error);
        return;
      }
      try {
        request.body = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        response.status(400).json({
          errors: [{ message: 'The request body is not JSON.', extensions: { code: ErrorCode.BAD_REQUEST } }],
        });
        return;
      }
      next();
    },
  ];
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
