import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths';
import { habilitationRows, habilitationsCsv } from '../platform/policy/habilitations';
import { ACCESS_MATRIX_PATH, renderAccessMatrix } from '../platform/policy/matrix';
import { parseArgs } from './lib/args';

const HELP = `Usage: npm run policy:matrix [-- --check | --register csv|json]

Writes ${ACCESS_MATRIX_PATH}: the access policy (platform/policy/rules.ts), the register
of habilitations (platform/policy/habilitations.ts) and the retention periods
(platform/policy/retention.ts) as a Markdown document for the DPO.
The document is committed; a change of policy shows as a diff of it.

  --check            write nothing; exit 1 if the committed document differs from the code
  --register FORMAT  print the register of habilitations to stdout as csv or json, write nothing
  --help             show this help`;

function main(): void {
  const { values, flags } = parseArgs(process.argv.slice(2), {
    values: ['register'],
    flags: ['check', 'help'],
  });
  if (flags.has('help')) {
    console.log(HELP);
    return;
  }
  if (values.register !== undefined) {
    printRegister(values.register);
    return;
  }
  const file = join(PROJECT_ROOT, ACCESS_MATRIX_PATH);
  const document = renderAccessMatrix();
  if (flags.has('check')) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== document) {
      console.error(
        `${ACCESS_MATRIX_PATH} differs from the policy; run \`npm run policy:matrix\` and commit it.`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(`${ACCESS_MATRIX_PATH} is up to date.`);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, document);
  console.log(`wrote ${ACCESS_MATRIX_PATH}`);
}

function printRegister(format: string): void {
  if (format === 'csv') process.stdout.write(habilitationsCsv());
  else if (format === 'json') console.log(JSON.stringify(habilitationRows(), null, 2));
  else throw new Error(`--register must be csv or json, not ${format}`);
}

try {
  main();
} catch (error: unknown) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  process.exitCode = 2;
}
