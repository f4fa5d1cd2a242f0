import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the console, generated from the supergraph's API schema (schema/api.graphql,
 * written by `npm run compose`). Documents are strings (no GraphQL runtime in the browser).
 * `npm run console:codegen` writes src/graphql/; `-- --check` fails when it is out of date (npm run lint).
 */
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['console/src/**/*.tsx', 'console/src/**/*.ts', '!console/src/graphql/**'],
  ignoreNoDocuments: false,
  generates: {
    'console/src/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string', LocalDate: 'string' },
      },
    },
  },
};

export default config;
