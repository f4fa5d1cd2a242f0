export interface KnownOptions {
  /** `--name value`, at most once. */
  values: string[];
  flags: string[];
  /** `--name value`, as many times as needed (e.g. `--territory 38-GRE --territory 38-CEN`). */
  lists?: string[];
}

export interface ParsedArgs {
  values: Record<string, string>;
  flags: Set<string>;
  lists: Record<string, string[]>;
}

/**
 * Minimal `--name value` / `--flag` parsing for the project's scripts: every script documents
 * its options in its own --help text, and an unknown option is an error, not ignored.
 */
export function parseArgs(argv: string[], known: KnownOptions): ParsedArgs {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const lists: Record<string, string[]> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    const name = arg.replace(/^--/, '');
    if (arg === '-h') flags.add('help');
    else if (known.flags.includes(name)) flags.add(name);
    else if (known.values.includes(name) || known.lists?.includes(name)) {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      if (known.lists?.includes(name)) (lists[name] ??= []).push(value);
      else if (name in values) throw new Error(`${arg} is given twice`);
      else values[name] = value;
      index += 1;
    } else throw new Error(`Unknown option: ${arg}`);
  }
  return { values, flags, lists };
}
