/**
 * The layers of the hub (docs/architecture.md), checked on every `npm run lint`:
 *
 *   platform  ←  demo  ←  subgraphs/<partner>  ←  gateway, scripts  ←  test
 *   platform  ←  console/bff  ←  scripts                 console/src (the browser app): nothing
 *
 * `platform/` is the bottom layer (the subgraph kit, the policy, the trail, the reference data);
 * a partner's folder never imports another partner's; nothing imports in a circle, type-only
 * imports included (they still tie two files' meanings together).
 * test/unit/architecture.test.ts shows that each rule fails on a violation.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other cannot be understood, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-is-the-bottom-layer',
      severity: 'error',
      comment: 'platform/ imports no demo, subgraph, gateway, script, test or console.',
      from: { path: '^platform/' },
      to: { path: '^(demo|subgraphs|gateway|scripts|test|console)/' },
    },
    {
      name: 'demo-builds-on-the-platform-only',
      severity: 'error',
      comment: 'demo/ generates data from the platform and the reference data; subgraphs load it.',
      from: { path: '^demo/' },
      to: { path: '^(subgraphs|gateway|scripts|test)/' },
    },
    {
      name: 'gateway-knows-no-partner-code',
      severity: 'error',
      comment: 'The gateway knows the partners through the platform and the composed supergraph.',
      from: { path: '^gateway/' },
      to: { path: '^(subgraphs|demo|scripts|test)/' },
    },
    {
      name: 'a-partner-imports-no-other-partner',
      severity: 'error',
      comment: 'What two partners share belongs in platform/ (the subgraph kit).',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: ['^subgraphs/$1/'] },
    },
    {
      name: 'subgraphs-serve-requests-not-scripts',
      severity: 'error',
      comment: 'A subgraph is imported by the registry, scripts and tests, never the other way round.',
      from: { path: '^subgraphs/' },
      to: { path: '^(gateway|scripts|test)/' },
    },
    {
      name: 'the-console-app-is-a-client',
      severity: 'error',
      comment:
        'console/src runs in the browser: it knows the hub through the API schema (its generated types) only.',
      from: { path: '^console/src/' },
      to: { pathNot: '^console/src/' },
    },
    {
      name: 'the-console-bff-builds-on-the-platform-only',
      severity: 'error',
      comment:
        'The BFF serves the app and calls the gateway over HTTP; it shares config and keys via platform/.',
      from: { path: '^console/bff/' },
      to: { path: '^(demo|subgraphs|gateway|scripts|test|console/src)/' },
    },
    {
      name: 'only-scripts-and-tests-start-the-console',
      severity: 'error',
      comment: 'The console is a client of the hub: no server-side layer depends on it.',
      from: { path: '^(platform|demo|subgraphs|gateway)/' },
      to: { path: '^console/' },
    },
  ],
  options: {
    // Type-only imports are dependencies too: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.data|schema|coverage)/' },
    includeOnly: '^(platform|demo|subgraphs|gateway|scripts|test|console)/',
  },
};
