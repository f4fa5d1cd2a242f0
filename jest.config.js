/**
 * Four projects: `test/unit` holds tests of pure logic (fast, no I/O); `test/integration` starts
 * the real stack (embedded PostgreSQL, seven subgraphs, the gateway); `test/adversarial` attacks
 * that same stack as a curious insider or a hostile network would (docs/threat-model.md); `test/browser`
 * drives the web console in Debian's Chromium against that stack, as a person would (docs/console.md).
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
    {
      displayName: 'adversarial',
      testMatch: ['<rootDir>/test/adversarial/**/*.adv.test.ts'],
      transform: { '^.+\\.ts$': swc },
      setupFiles: ['reflect-metadata'],
      testEnvironment: 'node',
    },
    {
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
      transform: { '^.+\\.ts$': swc },
      setupFiles: ['reflect-metadata'],
      testEnvironment: 'node',
    },
  ],
};
