/**
 * The one logger: one JSON line per entry on stdout (CloudWatch keeps each as a structured
 * event), with `level`, `message`, `timestamp`, `service`, the keys appended for the request
 * (the tenant), then what the call adds; an `Error` becomes `{ name, message, stack }` (and its
 * `cause`). Written here rather than taken from a library: it is all the service needs, and a
 * logging library cost every function ~20 KiB and ~8 ms of CPU at each cold start.
 *
 * Request and record bodies are never logged: they can hold card numbers or passwords. Nor are
 * raw paths or path parameters: a path id is whatever the client typed until it is validated.
 * Log route keys (`GET /v1/customers/{id}`), ids read from the table, statuses and error names.
 */
const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
type Level = keyof typeof LEVELS;

function serialize(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const cause = depth < 3 && value.cause !== undefined ? serialize(value.cause, depth + 1) : undefined;
    return { name, message, stack, ...(cause === undefined ? {} : { cause }) };
  }
  return value;
}

export class Logger {
  private readonly keys: Record<string, unknown> = {};
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    level: string | undefined,
  ) {
    this.threshold = LEVELS[(level?.toUpperCase() as Level | undefined) ?? 'INFO'] ?? LEVELS.INFO;
  }

  /** Keys every later entry carries (in a Lambda container: until a new request sets them again). */
  appendKeys(keys: Record<string, unknown>): void {
    Object.assign(this.keys, keys);
  }

  debug(message: string, extra?: Record<string, unknown>): void {
    this.write('DEBUG', message, extra);
  }

  info(message: string, extra?: Record<string, unknown>): void {
    this.write('INFO', message, extra);
  }

  warn(message: string, extra?: Record<string, unknown>): void {
    this.write('WARN', message, extra);
  }

  error(message: string, extra?: Record<string, unknown>): void {
    this.write('ERROR', message, extra);
  }

  private write(level: Exclude<Level, 'SILENT'>, message: string, extra: Record<string, unknown> | undefined): void {
    if (LEVELS[level] < this.threshold) return;
    const fields = Object.fromEntries(Object.entries(extra ?? {}).map(([key, value]) => [key, serialize(value)]));
    process.stdout.write(`${JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: this.service, ...this.keys, ...fields })}\n`);
  }
}

export const logger = new Logger('winery-people', process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'SILENT' : 'INFO'));
