import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * One logger for the process: JSON lines on stdout (CloudWatch reads them), or any other destination (the demo's
 * readable terminal lines). Secrets are redacted by name, in case one ever reaches a log call.
 */
export function createLogger(level: string, options: { destination?: DestinationStream } = {}) {
  const { destination } = options;
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['*.password', '*.token', '*.bearerToken', '*.authorization', '*.databaseUrl'],
        censor: '[secret]',
      },
    },
    destination ?? pino.destination({ sync: true }),
  );
}

/** Readable log lines for a person at a terminal; loaded only then. */
export async function readableDestination(): Promise<DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', destination: 2 });
}

/**
 * Runs one stage and logs it as an event with its duration. A failure is rethrown for the caller to log: it knows
 * which tickers failed with it (a `stage failed` event each).
 */
export async function timed<T>(
  logger: Logger,
  stage: string,
  fields: Record<string, unknown>,
  work: () => Promise<T>,
  describe: (result: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  const started = performance.now();
  const result = await work();
  logger.info(
    { ...fields, stage, ms: Math.round(performance.now() - started), ...describe(result) },
    'stage',
  );
  return result;
}

/**
 * The logger of a command that prints its own report on stdout (backfill, replay, digest …): warnings and worse,
 * as JSON lines on stderr, unless LOG_LEVEL asks for more.
 */
export function commandLogger(config: { logLevel?: string }) {
  return createLogger(config.logLevel ?? 'warn', { destination: process.stderr });
}
