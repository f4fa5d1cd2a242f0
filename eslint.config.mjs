// @ts-check
/**
 * Correctness rules from typescript-eslint; Prettier owns the layout (eslint-config-prettier turns
 * off the rules it decides). The layers and import cycles are checked by dependency-cruiser
 * (.dependency-cruiser.cjs), which also sees type-only imports.
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      'coverage/',
      'schema/',
      'test/fixtures/',
      'console/src/graphql/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Prettier wraps code at 110 columns but leaves comments alone: hold them to the same width.
      'max-len': [
        'error',
        {
          code: 110,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
        },
      ],
      'no-console': 'off',
    },
  },
  {
    // GraphQL answers in tests are untyped JSON: `any` is the honest type there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', process: 'readonly', URL: 'readonly' },
    },
  },
  prettier,
);
