import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'graphql';
import { DEFAULT_MANIFEST, readManifest, sha256 } from '../gateway/trusted-documents';
import { PROJECT_ROOT } from '../platform/paths';
import { parseArgs } from './lib/args';

const DOCUMENTS_DIRECTORY = join(PROJECT_ROOT, 'schema', 'documents');
/** The console's operations, as GraphQL Code Generator lists them (`npm run console:codegen`). */
const CONSOLE_DOCUMENTS = join(PROJECT_ROOT, 'console', 'src', 'graphql', 'persisted-documents.json');

const HELP = `Usage: npm run documents:register [-- --file F.graphql ... --manifest PATH --check]

Registers operations as trusted documents: adds each one to the manifest (default
schema/trusted-documents.json: sha256 of the text → text), which the gateway reads at start. With
HUB_TRUSTED_DOCUMENTS=required (the production default) it runs these operations only. A client
sends the text, or its id: {"documentId": "sha256:<hex>"} (POST), or APQ's
extensions.persistedQuery.sha256Hash (POST or GET). Each file holds one document, registered as
its text without leading and trailing blank space (the exact text a client must send to be
recognised by its text). Entries already in the manifest are kept: remove one by hand.

Options:
  --file F          a .graphql file to register (repeatable), or a .json map of id → text as
                    GraphQL Code Generator's persisted documents; default: every file of
                    schema/documents/ (the operations of the README and of the scripts) and the
                    console's operations (console/src/graphql/persisted-documents.json)
  --manifest PATH   the manifest to update (default schema/trusted-documents.json)
  --check           write nothing; exit 1 if a document is not registered yet
  --help            show this help

Prints each document's id and file.`;

function main(): void {
  const { values, flags, lists } = parseArgs(process.argv.slice(2), {
    values: ['manifest'],
    flags: ['check', 'help'],
    lists: ['file'],
  });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  const manifestPath = resolve(values.manifest ?? DEFAULT_MANIFEST);
  const files = (lists.file ?? defaultFiles()).map((file) => resolve(file));
  if (files.length === 0) throw new Error('No document to register: give --file, or add schema/documents/');
  const manifest = readManifest(manifestPath);
  const missing: string[] = [];
  for (const [file, text] of files.flatMap(documentsOf)) {
    const document = text.trim();
    // A document that does not parse is refused here rather than at every request.
    parse(document);
    const hash = sha256(document);
    if (!manifest.has(hash)) missing.push(file);
    manifest.set(hash, document);
    console.log(`sha256:${hash}  ${relative(process.cwd(), file)}`);
  }
  if (flags.has('check')) {
    if (missing.length > 0) {
      console.error(`Not registered: ${missing.map((file) => relative(process.cwd(), file)).join(', ')}`);
      console.error('Run `npm run documents:register` and commit the manifest.');
      process.exitCode = 1;
    }
    return;
  }
  const sorted = Object.fromEntries([...manifest].sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(manifestPath, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`${relative(process.cwd(), manifestPath)}: ${manifest.size} documents (${missing.length} new)`);
}

function defaultFiles(): string[] {
  const files = existsSync(DOCUMENTS_DIRECTORY)
    ? readdirSync(DOCUMENTS_DIRECTORY)
        .filter((name) => name.endsWith('.graphql'))
        .sort()
        .map((name) => join(DOCUMENTS_DIRECTORY, name))
    : [];
  return existsSync(CONSOLE_DOCUMENTS) ? [...files, CONSOLE_DOCUMENTS] : files;
}

/** A .graphql file holds one document; a .json file, many (persisted documents: id → text). */
function documentsOf(file: string): [string, string][] {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.json')) return [[file, text]];
  return Object.values(JSON.parse(text) as Record<string, string>).map((document) => [file, document]);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
