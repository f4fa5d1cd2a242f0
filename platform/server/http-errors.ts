import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ErrorCode } from './errors';

/**
 * Sends the hub's own error body, GraphQL-shaped (`{"errors":[{"message","extensions":{"code"}}]}`):
 * what every request that never reaches GraphQL execution gets, whatever went wrong; `extensions` adds to
 * the code what the client needs to act on it.
 */
export function sendHubError(
  response: Response,
  status: number,
  code: (typeof ErrorCode)[keyof typeof ErrorCode],
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  response.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** The errors body-parser raises (`error.type`), as the hub answers them. */
const BODY_ERRORS: Record<string, [number, (typeof ErrorCode)[keyof typeof ErrorCode], string]> = {
  'entity.parse.failed': [400, ErrorCode.BAD_REQUEST, 'The request body is not JSON.'],
  'entity.too.large': [413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.'],
  'encoding.unsupported': [
    415,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    'The request body’s encoding is not supported.',
  ],
  'charset.unsupported': [
    415,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    'The request body’s charset is not supported.',
  ],
};

/**
 * The last error handler of a server: an error Express would render as its default page (with a
 * stack trace and file paths outside production) becomes the hub's own body instead. Known body
 * errors keep their status; any other 4xx is a bad request; the rest is internal, logged for the
 * operator and told to no one.
 */
export function hubErrorHandler(service: string, log: (message: string) => void): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const { type, status } = (error ?? {}) as { type?: string; status?: number };
    const known = type ? BODY_ERRORS[type] : undefined;
    if (known) return sendHubError(response, ...known);
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendHubError(response, status, ErrorCode.BAD_REQUEST, 'The request is malformed.');
    log(`[${service}] ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    sendHubError(
      response,
      500,
      ErrorCode.INTERNAL_SERVER_ERROR,
      `Internal error in ${service}; the operator has the details.`,
    );
  };
}

/** Any route the server does not serve: 404, in the hub's own words (never Express's page). */
export const unknownRoute: RequestHandler = (_request, response) =>
  sendHubError(response, 404, ErrorCode.ROUTE_NOT_FOUND, 'No such route: GraphQL is served on /graphql.');

/**
 * Guards /graphql before its body is read: GET and POST only (405 otherwise), and a POST body must
 * be `application/json` (415 otherwise), which Apollo would otherwise answer with a plain-text page.
 */
export const graphqlRequestShape: RequestHandler = (request, response, next) => {
  if (request.method !== 'GET' && request.method !== 'POST') {
    response.setHeader('Allow', 'GET, POST');
    return sendHubError(
      response,
      405,
      ErrorCode.METHOD_NOT_ALLOWED,
      'GraphQL is served with GET and POST only.',
    );
  }
  if (request.method === 'POST' && !request.is('application/json'))
    return sendHubError(
      response,
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      'Send the GraphQL request as application/json.',
    );
  next();
};
