import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Fields that must never reach a log line: session cookies, passwords, tokens (invitation
 * links, CSRF, the metrics token) and the connection URLs, which carry database passwords.
 * Redaction works on these paths wherever a caller puts them; URLs that slip into a message
 * or an error text are scrubbed by `scrubCredentials` as well.
 */
const SECRET_PATHS = [
  'password',
  'token',
  'csrfToken',
  'cookie',
  'authorization',
  'databaseUrl',
  'redisUrl',
  '*.password',
  '*.token',
  '*.csrfToken',
  '*.cookie',
  '*.authorization',
  '*.databaseUrl',
  '*.redisUrl',
  'headers["set-cookie"]',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["set-cookie"]',
];

/** `scheme://user:password@` in any text: the password part is replaced. */
const CREDENTIALS_IN_URL = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi;

export function scrubCredentials(text: string): string {
  return text.replace(CREDENTIALS_IN_URL, '$1$2:***@');
}

/** Plain fields an error may carry that help and hold no secret (pg, ioredis, Node system errors). */
const ERROR_FIELDS = ['code', 'errno', 'syscall', 'severity', 'routine'] as const;

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
  [field: string]: unknown;
}

/**
 * An error as a log field: its class, message, stack and a few known plain fields, nothing
 * else. Driver errors carry their connection (pg's `client`, with user, host and password
 * fields) as enumerable properties; those must not be copied into the log.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubCredentials(String(error)) };
  const serialized: SerializedError = {
    type: error.constructor?.name ?? 'Error',
    message: scrubCredentials(error.message),
  };
  if (error.stack) serialized.stack = scrubCredentials(error.stack);
  const fields = error as unknown as Record<string, unknown>;
  for (const field of ERROR_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') serialized[field] = value;
  }
  if (error.cause !== undefined && depth < 3) serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: string;
  format?: LogFormat;
  /** Where lines go; standard output when absent. Tests pass a collecting stream. */
  destination?: DestinationStream;
}

/**
 * One line per record, for a person watching `pnpm start`: time, level, message, then the
 * record's other fields as JSON. Production (the default) keeps plain JSON for collectors.
 */
function prettyLines(out: NodeJS.WritableStream): DestinationStream {
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { time, level, msg, pid: _pid, hostname: _hostname, err, ...rest } = record;
      const clock = typeof time === 'string' ? time.slice(11, 23) : '';
      const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
      const stack = err && typeof err === 'object' && 'stack' in err ? `\n${String(err.stack)}` : '';
      const text = typeof msg === 'string' ? msg : msg === undefined ? '' : JSON.stringify(msg);
      out.write(`${clock} ${String(level).toUpperCase().padEnd(5)} ${text}${extra}${stack}\n`);
    },
  };
}

export function createLogger({ level = 'info', format = 'json', destination }: LoggerOptions = {}): Logger {
  const target =
    destination ?? (format === 'pretty' ? prettyLines(process.stdout) : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level,
      timestamp: stdTimeFunctions.isoTime,
      // Level names, not numbers: what someone grepping a log file searches for.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_PATHS, censor: '[skjult]' },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubCredentials(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    target,
  );
}

function formatFromEnv(): LogFormat {
  return process.env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json';
}

/**
 * The process's logger: JSON on standard output unless LOG_FORMAT=pretty, at LOG_LEVEL
 * (info by default; the test configuration sets warn).
 */
export const logger: Logger = createLogger({ level: process.env.LOG_LEVEL || 'info', format: formatFromEnv() });

/**
 * Records that are written whatever LOG_LEVEL says: the startup line, which people and
 * scripts wait for ("Samråd kjører på http://…").
 */
export const announcements: Logger = logger.child({}, { level: 'info' });
