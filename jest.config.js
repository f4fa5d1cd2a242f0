/**
 * Two projects split by file suffix: `*.test.ts` are unit tests of pure logic (fast, no I/O);
 * `*.int.test.ts` start the real stack (embedded PostgreSQL, seven subgraphs, the gateway).
 * @type {import('jest').Config}
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2022',
      keepClassNames: true,
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs', ignoreDynamic: true },
  },
];

module.exports = {
  // Integration suites start PostgreSQL and eight servers in beforeAll; a slow machine needs more than 5 s.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform: { '^.+\\.ts$': swc },
      setupFiles: ['reflect-metadata'],
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int.test.ts'],
      transform: { '^.+\\.ts$': swc },
      setupFiles: ['reflect-metadata'],
      testEnvironment: 'node',
    },
  ],
};
