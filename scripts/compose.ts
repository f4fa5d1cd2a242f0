import 'reflect-metadata';
import { relative } from 'node:path';
import { compose, driftedFiles, writeComposition } from './lib/composition';

const HELP = `Usage: npm run compose [-- --check]

Prints every subgraph's SDL to schema/subgraphs/<name>.graphql and composes
schema/supergraph.graphql with @apollo/composition. Both are committed: the gateway
serves the committed supergraph.

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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
