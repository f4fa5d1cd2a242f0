import type { TypedDocumentString } from './graphql/graphql';

/** A GraphQL error as the gateway sends it: a stable code, and what the code needs (reason, partner…). */
export interface HubError {
  message: string;
  path?: (string | number)[];
  extensions?: {
    code?: string;
    reason?: string;
    category?: string;
    partner?: string;
    partners?: string[];
    currentVersion?: number;
    allowed?: string[];
    fieldErrors?: { field: string; message: string }[];
  };
}

export interface Answer<Data> {
  data: Data | null;
  errors: HubError[];
}

/** The session the BFF holds for this browser (GET /api/session). */
export interface Session {
  caller: { sub: string; role: string; org: string; territories: string[]; purpose: string };
  csrfToken: string;
  expiresAt: string;
}

let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

export class SignedOut extends Error {}

/**
 * Sends one typed operation through the BFF, which adds the caller's token: the browser never holds
 * it. Every POST carries the session's CSRF token (console/bff/security.ts). The operation goes by its
 * id, a trusted document registered in schema/trusted-documents.json (`npm run documents:register`),
 * so that a gateway that runs registered operations only (production) runs the console's.
 */
export async function execute<Data, Variables>(
  document: TypedDocumentString<Data, Variables>,
  variables: Variables,
): Promise<Answer<Data>> {
  const id = document.__meta__?.hash as string | undefined;
  const response = await post(
    '/api/graphql',
    id ? { documentId: id, variables } : { query: document.toString(), variables },
  );
  if (response.status === 401) throw new SignedOut();
  const body = (await response.json()) as { data?: Data | null; errors?: HubError[] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

export function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    },
    body: JSON.stringify(body),
  });
}

export async function fetchSession(): Promise<{ session: Session | null; developmentSignIn: boolean }> {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  const body = (await response.json()) as { session?: Session; developmentSignIn: boolean };
  rememberCsrfToken(body.session?.csrfToken ?? null);
  return { session: body.session ?? null, developmentSignIn: body.developmentSignIn };
}

/** A fresh key per intent: a retry of the same submission sends the same key, so writes once. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
