/**
 * Minimal `--name value` / `--flag` parsing for the project's scripts: every script documents
 * its options in its own --help text, and an unknown option is an error, not ignored.
 */
export function parseArgs(argv: string[], known: { values: string[]; flags: string[] }): { values: Record<string, string>; flags: Set<string> } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const name = arg.replace(/^--/, '');
    if (arg === '-h') flags.add('help');
    else if (known.flags.includes(name)) flags.add(name);
    else if (known.values.includes(name)) {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      values[name] = value;
      index += 1;
    } else throw new Error(`Unknown option: ${arg}`);
  }
  return { values, flags };
}
