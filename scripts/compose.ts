import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths';
import { compose, driftedFiles, writeComposition } from './lib/composition';

const HELP = `Usage: npm run compose [-- --check]

Prints every subgraph's SDL to schema/subgraphs/<name>.graphql and composes
schema/supergraph.graphql with @apollo/composition, and its API schema
schema/api.graphql, from which the console's types are regenerated (console/src/graphql/).
All are committed: the gateway serves the committed supergraph.

  --check   write nothing; exit 1 if composition fails or a committed file differs
            from what the code generates (run by npm test)
  --help    show this help`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`Unknown argument: ${unknown.join(' ')}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  const composition = await compose();
  if (args.includes('--check')) {
    const drifted = driftedFiles(composition);
    if (drifted.length > 0) {
      console.error(
        `Committed schema files differ from the code; run \`npm run compose\` and commit:\n${drifted.map((f) => `  ${relative(process.cwd(), f)}`).join('\n')}`,
      );
      process.exitCode = 1;
      return;
    }
    console.log('Schema files are up to date and the supergraph composes.');
    return;
  }
  for (const file of writeComposition(composition)) console.log(`wrote ${relative(process.cwd(), file)}`);
  // The console's types follow the API schema: regenerate them with it (npm run lint checks both).
  execFileSync(
    join(PROJECT_ROOT, 'node_modules', '.bin', 'graphql-codegen'),
    ['--config', 'console/codegen.ts', '--errors-only'],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log('wrote console/src/graphql/ (npm run console:codegen)');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
