import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths';

/**
 * `required`: only the operations of the manifest run (production default); `allowed`: registered ones
 * can be sent by id, and any other document runs too (development default).
 */
export type TrustedDocumentsMode = 'required' | 'allowed';

export interface TrustedDocumentsSettings {
  mode: TrustedDocumentsMode;
  /** sha256 (hex, of the exact text) → document. */
  documents: ReadonlyMap<string, string>;
}

export const DEFAULT_MANIFEST = `${PROJECT_ROOT}/schema/trusted-documents.json`;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads a manifest (`{"<sha256>": "<document>"}`, as `npm run documents:register` writes it). Every key
 * must be the hash of its document: a manifest edited by hand and wrong stops the gateway at start.
 */
export function readManifest(path: string): Map<string, string> {
  if (!existsSync(path)) return new Map();
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${path} must be a JSON object of sha256 → document`);
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(raw)) {
    if (typeof document !== 'string' || sha256(document) !== hash)
      throw new Error(`${path}: the entry ${hash} is not the sha256 of its document`);
    documents.set(hash, document);
  }
  return documents;
}

/**
 * `HUB_TRUSTED_DOCUMENTS` (`required` or `allowed`; default `required` in production, `allowed`
 * otherwise) and `HUB_TRUSTED_DOCUMENTS_FILE` (default `schema/trusted-documents.json`).
 */
export function trustedDocumentsFromEnvironment(
  env: NodeJS.ProcessEnv,
  production: boolean,
): TrustedDocumentsSettings {
  const raw = env.HUB_TRUSTED_DOCUMENTS || (production ? 'required' : 'allowed');
  if (raw !== 'required' && raw !== 'allowed')
    throw new Error(`HUB_TRUSTED_DOCUMENTS must be "required" or "allowed", got "${raw}"`);
  return {
    mode: raw,
    documents: readManifest(resolve(env.HUB_TRUSTED_DOCUMENTS_FILE || DEFAULT_MANIFEST)),
  };
}

/** The id a client sent for a registered document: `documentId` (`sha256:<hex>` or `<hex>`) or APQ's hash. */
export function documentIdOf(request: { documentId?: unknown; extensions?: unknown }): string | undefined {
  if (typeof request.documentId === 'string') return request.documentId.replace(/^sha256:/, '');
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
    ?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

export type Resolution =
  | { query: string; registered: boolean }
  | { refused: 'PERSISTED_QUERY_NOT_FOUND' | 'UNTRUSTED_DOCUMENT'; message: string };

/**
 * The document a request runs: the registered one it names, or its own text (refused in `required` mode
 * unless that text is registered). `undefined` when the request names no document at all (Apollo answers
 * that).
 */
export function resolveDocument(
  settings: TrustedDocumentsSettings,
  request: { query?: unknown; documentId?: unknown; extensions?: unknown },
): Resolution | undefined {
  const id = documentIdOf(request);
  if (typeof request.query === 'string' && request.query !== '') {
    const registered = settings.documents.has(sha256(request.query));
    if (!registered && settings.mode === 'required')
      return {
        refused: 'UNTRUSTED_DOCUMENT',
        message:
          'This hub runs registered operations only: register the document ' +
          '(npm run documents:register) and send its id.',
      };
    return { query: request.query, registered };
  }
  if (id === undefined) return undefined;
  const registered = settings.documents.get(id);
  return registered === undefined
    ? { refused: 'PERSISTED_QUERY_NOT_FOUND', message: `No registered operation has the id ${id}.` }
    : { query: registered, registered: true };
}

/**
 * The manifest as Apollo's persisted-query cache, read-only: a GET that names a registered document by its
 * hash is served from it, and no client can register a document of its own (Apollo's automatic persisted
 * queries would otherwise let anyone add to it).
 */
export function manifestCache(settings: TrustedDocumentsSettings): {
  get(key: string): Promise<string | undefined>;
  set(): Promise<void>;
  delete(): Promise<boolean>;
} {
  return {
    async get(key) {
      return settings.documents.get(key.slice(key.lastIndexOf(':') + 1));
    },
    async set() {},
    async delete() {
      return false;
    },
  };
}
