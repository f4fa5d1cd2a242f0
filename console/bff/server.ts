import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { callerFromClaims, type Caller } from '../../platform/auth/claims';
import { signDevelopmentToken } from '../../platform/auth/development-tokens';
import { PROJECT_ROOT } from '../../platform/paths';
import { BASSINS } from '../../platform/reference/territories';
import { SessionStore, type ConsoleSession } from './sessions';
import { csrfTokenMatches, fromThisOrigin, randomToken, securityHeaders } from './security';

export interface ConsoleOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  gatewayUrl: string;
  port: number;
  host?: string;
  production: boolean;
  /**
   * The development issuer's private key: with it (never in production), the development sign-in page
   * mints tokens as `npm run token` does. Without it, only the identity provider signs people in.
   */
  developmentIssuerKey: KeyObject | null;
  /** The built app (default dist/console/app, written by `npm run build:console`). */
  staticDirectory?: string;
  /** The origin browsers see (e.g. https://console.example.gouv.fr) when behind a proxy; default: Host. */
  publicOrigin?: string;
  /** Issuer and audience of minted development tokens (default: the gateway's development defaults). */
  issuer?: string;
  audience?: string;
  log?: (line: string) => void;
}

export interface RunningConsole {
  url: string;
  stop(): Promise<void>;
}

/** How long a development session (and its token) lasts. */
export const SESSION_TTL_SECONDS = 8 * 3600;
const BODY_LIMIT = '256kb';

export const DEFAULT_STATIC_DIRECTORY = join(PROJECT_ROOT, 'dist', 'console', 'app');

/**
 * The console's backend-for-frontend: serves the built app, holds each person's session (their token
 * stays here; the browser has an httpOnly, SameSite=Strict cookie), refuses cross-site writes, and
 * forwards GraphQL to the gateway with the caller's token. See docs/console.md.
 */
export function createConsoleApp(options: ConsoleOptions): express.Express {
  const staticDirectory = options.staticDirectory ?? DEFAULT_STATIC_DIRECTORY;
  const indexHtml = readIndex(staticDirectory);
  const sessions = new SessionStore();
  const cookieName = options.production ? '__Host-console-session' : 'console-session';
  const developmentSignIn = !options.production && options.developmentIssuerKey !== null;

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders(options.production));

  const sessionOf = (request: Request): ConsoleSession | null =>
    sessions.get(readCookie(request.get('cookie'), cookieName));

  const setSessionCookie = (response: Response, value: string, maxAgeSeconds: number) => {
    const attributes = [
      `${cookieName}=${value}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${maxAgeSeconds}`,
      ...(options.production ? ['Secure'] : []),
    ];
    response.setHeader('set-cookie', attributes.join('; '));
  };

  // Every POST: from this origin only (login CSRF included), JSON only (no form can send it cross-site).
  const sameOriginJson = (request: Request, response: Response, next: NextFunction) => {
    if (!fromThisOrigin(request, options.publicOrigin))
      return refuse(response, 403, 'CSRF', 'Requête refusée : elle ne vient pas de la console.');
    if (!request.is('application/json'))
      return refuse(response, 415, 'BAD_REQUEST', 'Le corps doit être du JSON.');
    next();
  };
  // Signed-in POSTs also carry the session's CSRF token.
  const signedIn = (request: Request, response: Response, next: NextFunction) => {
    const session = sessionOf(request);
    if (!session) return refuse(response, 401, 'UNAUTHENTICATED', 'Session absente ou expirée.');
    if (!csrfTokenMatches(request.get('x-csrf-token'), session.csrfToken))
      return refuse(response, 403, 'CSRF', 'Jeton anti-CSRF absent ou invalide.');
    response.locals.session = session;
    next();
  };
  const json = express.json({ limit: BODY_LIMIT });

  app.get('/api/session', (request, response) => {
    response.setHeader('cache-control', 'no-store');
    const session = sessionOf(request);
    response.json({
      developmentSignIn,
      ...(session
        ? {
            session: {
              caller: session.caller,
              csrfToken: session.csrfToken,
              expiresAt: new Date(session.expiresAt).toISOString(),
            },
          }
        : {}),
    });
  });

  app.get('/api/bassins', (_request, response) => {
    response.json(BASSINS.map(({ code, name }) => ({ code, name })));
  });

  app.post('/api/session/development', sameOriginJson, json, async (request, response) => {
    if (!developmentSignIn || !options.developmentIssuerKey)
      return refuse(response, 404, 'NOT_FOUND', 'La connexion de développement est fermée en production.');
    let caller: Caller;
    try {
      caller = developmentCaller(request.body);
    } catch (error) {
      return refuse(
        response,
        400,
        'BAD_USER_INPUT',
        error instanceof Error ? error.message : 'Saisie invalide.',
      );
    }
    const token = await signDevelopmentToken(caller, {
      privateKey: options.developmentIssuerKey,
      ttlSeconds: SESSION_TTL_SECONDS,
      issuer: options.issuer,
      audience: options.audience,
    });
    // A new session id at every sign-in: a planted cookie never becomes someone's session.
    sessions.delete(readCookie(request.get('cookie'), cookieName));
    const session = sessions.create(caller, token, SESSION_TTL_SECONDS);
    setSessionCookie(response, session.id, SESSION_TTL_SECONDS);
    options.log?.(`console: development sign-in as ${caller.role} of ${caller.org}`);
    response.status(204).end();
  });

  app.post('/api/session/sign-out', sameOriginJson, signedIn, (_request, response) => {
    sessions.delete((response.locals.session as ConsoleSession).id);
    setSessionCookie(response, '', 0);
    response.status(204).end();
  });

  app.post('/api/graphql', sameOriginJson, signedIn, json, async (request, response) => {
    const session = response.locals.session as ConsoleSession;
    // Only what a GraphQL request holds: a registered document's id (what the console sends) or a text.
    const { documentId, query, variables, operationName } = (request.body ?? {}) as Record<string, unknown>;
    try {
      const upstream = await fetch(options.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
        body: JSON.stringify({ documentId, query, variables, operationName }),
      });
      response.status(upstream.status);
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.setHeader('cache-control', 'no-store');
      response.send(await upstream.text());
    } catch {
      refuse(response, 502, 'GATEWAY_UNAVAILABLE', 'La passerelle du hub ne répond pas.');
    }
  });

  app.use('/api', (_request, response) => refuse(response, 404, 'NOT_FOUND', 'Route inconnue.'));

  app.use(
    '/assets',
    express.static(join(staticDirectory, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  // Every other GET is a screen of the single-page app: the same page, with this response's nonce.
  app.get('/{*path}', (_request, response) => {
    response.setHeader('cache-control', 'no-store');
    response.type('html').send(indexHtml.replaceAll('__CSP_NONCE__', response.locals.nonce as string));
  });
  // Malformed JSON and the like: the same error shape, no stack trace.
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500;
    refuse(response, status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', 'Requête invalide.');
  });
  return app;
}

export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const app = createConsoleApp(options);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port, options.host ?? '127.0.0.1', () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The caller a development sign-in asks for, checked as the gateway checks a token's claims. */
function developmentCaller(body: unknown): Caller {
  const { role, territories, org } = (body ?? {}) as Record<string, unknown>;
  const list = Array.isArray(territories) ? territories : [];
  const unknownBassin = list.find((code) => !BASSINS.some((bassin) => bassin.code === code));
  if (unknownBassin !== undefined) throw new Error(`Bassin inconnu : ${String(unknownBassin)}.`);
  const organisation =
    typeof org === 'string' && org.trim() !== ''
      ? org.trim()
      : role === 'psad-coordinator' && list.length > 0
        ? `PSAD-${String(list[0])}`
        : role === 'dpo'
          ? 'DPD-ACADEMIE-GRENOBLE'
          : '';
  if (organisation === '') throw new Error('Indiquez le code de votre organisation.');
  const purpose = role === 'dashboard' || role === 'dpo' ? 'PILOTAGE_AGREGE' : 'ACCOMPAGNEMENT';
  // The gateway's own check of a token's claims: what it would refuse is refused here, with its message.
  return callerFromClaims({
    sub: `console-${randomToken().slice(0, 12)}`,
    role,
    org: organisation,
    territories: list,
    purpose,
  });
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function readIndex(directory: string): string {
  try {
    return readFileSync(join(directory, 'index.html'), 'utf8');
  } catch {
    throw new Error(`The console is not built (${directory}/index.html): run \`npm run build:console\`.`);
  }
}

function refuse(response: Response, status: number, code: string, message: string): void {
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
}
