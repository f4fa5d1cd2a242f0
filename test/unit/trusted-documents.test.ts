import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildASTSchema, parse, validate } from 'graphql';
import { limitsFromEnvironment } from '../../gateway/limits';
import { schemaShapeOf } from '../../gateway/operation-cost';
import { breachOf } from '../../gateway/operation-guard';
import {
  DEFAULT_MANIFEST,
  readManifest,
  resolveDocument,
  sha256,
  type TrustedDocumentsSettings,
} from '../../gateway/trusted-documents';
import { PROJECT_ROOT } from '../../platform/paths';

const SUPERGRAPH = readFileSync(join(PROJECT_ROOT, 'schema', 'supergraph.graphql'), 'utf8');
const manifest = readManifest(DEFAULT_MANIFEST);

describe('the committed manifest', () => {
  it('registers every operation of schema/documents (npm run documents:register)', () => {
    const directory = join(PROJECT_ROOT, 'schema', 'documents');
    const files = readdirSync(directory).filter((name) => name.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = readFileSync(join(directory, file), 'utf8').trim();
      expect({ file, registered: manifest.get(sha256(document)) === document }).toEqual({
        file,
        registered: true,
      });
    }
  });

  it('registers every operation of the console, under the id the console sends', () => {
    const file = join(PROJECT_ROOT, 'console', 'src', 'graphql', 'persisted-documents.json');
    const documents = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
    expect(documents.length).toBeGreaterThan(0);
    for (const [id, document] of documents) {
      expect(id).toBe(`sha256:${sha256(document)}`);
      expect({ id, registered: manifest.get(sha256(document)) === document }).toEqual({
        id,
        registered: true,
      });
    }
  });

  it('holds operations valid against the supergraph, within a coordinator’s limits', () => {
    const schema = buildASTSchema(parse(SUPERGRAPH), { assumeValidSDL: true });
    const limits = limitsFromEnvironment({});
    const shape = schemaShapeOf(SUPERGRAPH);
    for (const [hash, document] of manifest) {
      expect({ hash, errors: validate(schema, parse(document)).map((error) => error.message) }).toEqual({
        hash,
        errors: [],
      });
      expect(breachOf(document, {}, limits.byRole['psad-coordinator'], shape, limits.model)).toBeNull();
    }
  });
});

describe('which document a request runs', () => {
  const registered = 'query Territories { territories { code } }';
  const settings = (mode: TrustedDocumentsSettings['mode']): TrustedDocumentsSettings => ({
    mode,
    documents: new Map([[sha256(registered), registered]]),
  });

  it('a registered one, by its text, its documentId or its APQ hash, in either mode', () => {
    for (const mode of ['required', 'allowed'] as const)
      for (const request of [
        { query: registered },
        { documentId: `sha256:${sha256(registered)}` },
        { documentId: sha256(registered) },
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(registered) } } },
      ])
        expect(resolveDocument(settings(mode), request)).toEqual({ query: registered, registered: true });
  });

  it('any other text when allowed; none when required', () => {
    expect(resolveDocument(settings('allowed'), { query: '{ young(id: "x") { id } }' })).toEqual({
      query: '{ young(id: "x") { id } }',
      registered: false,
    });
    expect(resolveDocument(settings('required'), { query: '{ young(id: "x") { id } }' })).toEqual(
      expect.objectContaining({ refused: 'UNTRUSTED_DOCUMENT' }),
    );
  });

  it('an unknown id: PERSISTED_QUERY_NOT_FOUND; no document at all: left to Apollo', () => {
    expect(resolveDocument(settings('allowed'), { documentId: 'sha256:00' })).toEqual(
      expect.objectContaining({ refused: 'PERSISTED_QUERY_NOT_FOUND' }),
    );
    expect(resolveDocument(settings('required'), {})).toBeUndefined();
  });

  it('a manifest whose key is not its document’s hash stops the gateway at start', () => {
    const path = join(tmpdir(), `manifest-${process.pid}.json`);
    writeFileSync(path, JSON.stringify({ [sha256('{ a }')]: '{ b }' }));
    expect(() => readManifest(path)).toThrow(/is not the sha256 of its document/);
  });
});
