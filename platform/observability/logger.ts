import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Where a logger writes: by default JSON lines on stderr; `write` receives each line instead (the tests
 * collect them, a host can forward them).
 */
export interface LoggerOptions {
  write?: (line: string) => void;
  /** Default: `LOG_LEVEL`, else `info`. */
  level?: string;
}

/** What a redacted value becomes. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values never reach a log line, wherever a caller puts them in a log object: credentials
 * (tokens, headers that carry them), GraphQL variables (they hold whatever the client sent, names
 * included) and the personal fields of the hub's schema.
 */
const SENSITIVE_KEYS = [
  'authorization',
  'token',
  'internalToken',
  'x-hub-caller',
  'cookie',
  'password',
  'variables',
  'firstName',
  'lastName',
  'birthDate',
  'ine',
  'email',
  'phone',
  'contact',
  'address',
] as const;

const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => {
  const path = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const child = path.startsWith('[') ? `*${path}` : `*.${path}`;
  return [path, child, `*.*${path.startsWith('[') ? path : `.${path}`}`];
});

/**
 * Free text is written by many hands (a library's warning, an error's message): whatever it quotes is
 * the value it echoes, e.g. graphql-js's `Variable "$id" got invalid value "Dupont"` or PostgreSQL's
 * `invalid input syntax for type uuid: "…"`. Quoted values, e-mail addresses and bearer tokens are cut
 * out of every message and string argument before the line is written.
 */
export function scrubText(text: string): string {
  return text
    .replace(/\beyJ[\w-]*\.[\w-]*\.?[\w-]*/g, REDACTED)
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, REDACTED)
    .replace(/"(?:[^"\\\n]|\\.){0,500}"/g, (quoted) => (/^"\$\w+"$/.test(quoted) ? quoted : `"${REDACTED}"`))
    .replace(/(?<![\w])'(?:[^'\\\n]|\\.){0,500}'(?![\w])/g, `'${REDACTED}'`);
}

/**
 * An error as a log object: its name, its codes and where it was raised, never its message verbatim
 * (scrubbed of values) nor the data a driver attaches (PostgreSQL's `detail` quotes the row).
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: scrubText(String(error)) };
  const { code, extensions, path } = error as Error & {
    code?: unknown;
    extensions?: { code?: unknown };
    path?: unknown;
  };
  return {
    error: {
      name: error.name,
      message: scrubText(error.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof extensions?.code === 'string' ? { code: extensions.code } : {}),
      ...(Array.isArray(path) ? { path: path.join('.') } : {}),
      // The frames only: the first line of a stack repeats the message.
      ...(error.stack ? { stack: error.stack.split('\n').slice(1, 8).join('\n') } : {}),
    },
  };
}

function scrubArgument(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value instanceof Error) return errorFields(value);
  return value;
}

/**
 * A pino logger for one component (`gateway`, a subgraph's name, `stack`…): JSON lines with `level`,
 * `time`, `component` and `msg`, personal and secret keys redacted, free text scrubbed of the values it
 * quotes.
 */
export function createLogger(component: string, options: LoggerOptions = {}): Logger {
  const write = options.write;
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : pino.destination({ dest: 2, sync: true });
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { component },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(scrubArgument) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/**
 * A `(message) => void` callback on top of a logger, for the functions that take one (authentication
 * refusals, the error handlers): each message becomes one line at `level`, scrubbed like any other.
 */
export function messageLogger(
  logger: Logger,
  level: 'info' | 'warn' | 'error' = 'warn',
): (message: string) => void {
  return (message) => logger[level](message);
}

/** Apollo's logger interface (ApolloServer and ApolloGateway `logger`) on top of a pino logger. */
export function apolloLogger(logger: Logger): {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
} {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message?: unknown) =>
    message instanceof Error ? logger[level](errorFields(message)) : logger[level](String(message));
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}
