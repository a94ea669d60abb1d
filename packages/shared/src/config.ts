import { z } from 'zod';
import { PRICES } from './cost.ts';
import {
  DailyScheduleTextSchema,
  DEFAULT_ANALYZE_SCHEDULE,
  DEFAULT_COMPLIANCE_SCHEDULE,
  DEFAULT_DIGEST_SCHEDULE,
  parseDailySchedule,
} from './daily-schedule.ts';
import { ConfigError } from './errors.ts';
import { parseSchedule, type Schedule, ScheduleTextSchema } from './schedule.ts';
import { DEFAULT_WATCHLIST_TEXT, TickerSchema, type WatchEntry, WatchlistSchema } from './watchlist.ts';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const optionalUrl = (what: string) => optionalText.pipe(z.url({ error: `a URL (${what})` }).optional());
const optionalArn = optionalText.pipe(
  z.string().startsWith('arn:', { error: 'an ARN (arn:aws:...)' }).optional(),
);
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(', ')}` });
const boundedInt = (min: number, max: number, fallback: number) =>
  optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: `an integer from ${min} to ${max}` })
      .int({ error: `an integer from ${min} to ${max}` })
      .min(min, { error: `an integer from ${min} to ${max}` })
      .max(max, { error: `an integer from ${min} to ${max}` })
      .default(fallback),
  );
/** One of X's prices in US dollars, at most a dollar: X_COST_PER_*_USD. */
const xPrice = (fallback: number) =>
  optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: 'a price in US dollars, e.g. 0.005' })
      .min(0, { error: 'a price in US dollars, e.g. 0.005' })
      .max(1, { error: 'a price in US dollars, e.g. 0.005' })
      .default(fallback),
  );
const optionalInt = (min: number, max: number) =>
  optionalText.pipe(
    z.coerce
      .number<string>({ error: `an integer from ${min} to ${max}` })
      .int({ error: `an integer from ${min} to ${max}` })
      .min(min, { error: `an integer from ${min} to ${max}` })
      .max(max, { error: `an integer from ${min} to ${max}` })
      .optional(),
  );

/**
 * The config contract: every variable the job reads, parsed once at start.
 * Infra builds the task's environment from the same names, so the two cannot drift apart.
 */
export const EnvSchema = z
  .object({
    // Unset means the default; set but empty is a mistake (an unfilled template), not a request for the default.
    STOCKPIPE_WATCHLIST: WatchlistSchema.optional(),
    STOCKPIPE_SOURCE: optionalText.pipe(choice(['live', 'sample']).default('sample')),
    STOCKPIPE_STORE: optionalText.pipe(choice(['aws', 'local']).default('local')),
    STOCKPIPE_SENTIMENT: optionalText.pipe(choice(['comprehend', 'local']).optional()),
    STOCKPIPE_DATA_DIR: optionalText.pipe(z.string().default('.stockpipe')),
    STOCKPIPE_CONCURRENCY: boundedInt(1, 64, 4),
    STOCKPIPE_RUN_BUDGET_SECONDS: boundedInt(30, 3300, 900),
    STOCKPIPE_LOCK_WAIT_SECONDS: boundedInt(0, 3300, 120),
    STOCKPIPE_CATCHUP_HOURS: boundedInt(0, 167, 24),
    STOCKPIPE_CATCHUP_MAX_HOURS: boundedInt(0, 167, 6),
    STOCKPIPE_SCHEDULE: optionalText.pipe(ScheduleTextSchema.default('hourly')),
    // Minutes past the hour a scheduled run starts (`serve`; the stack's stockpipe:scheduleMinute).
    STOCKPIPE_SCHEDULE_MINUTE: boundedInt(0, 59, 5),
    // The daily work `serve` does, as the stack schedules it: compliance and retention, and the digest.
    STOCKPIPE_COMPLIANCE_SCHEDULE: optionalText.pipe(
      DailyScheduleTextSchema.default(DEFAULT_COMPLIANCE_SCHEDULE),
    ),
    STOCKPIPE_DIGEST_SCHEDULE: optionalText.pipe(DailyScheduleTextSchema.default(DEFAULT_DIGEST_SCHEDULE)),
    STOCKPIPE_ANALYZE_SCHEDULE: optionalText.pipe(DailyScheduleTextSchema.default(DEFAULT_ANALYZE_SCHEDULE)),
    // A ticker whose returns are the market's (e.g. SPY): analyze's events are abnormal against it.
    STOCKPIPE_BENCHMARK: optionalText.pipe(TickerSchema.optional()),
    // How long content is kept: raw bodies (replay needs them), post documents and top posts (they hold text).
    STOCKPIPE_RAW_RETENTION_DAYS: boundedInt(1, 3650, 90),
    STOCKPIPE_POSTS_RETENTION_DAYS: optionalInt(1, 3650),
    // Set by the stack: the dimension of the job's CloudWatch metrics. Unset on one machine.
    STOCKPIPE_STACK: optionalText,
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, { error: 'a postgres:// or postgresql:// connection URL' })
        .optional(),
    ),
    DATABASE_SECRET_ARN: optionalArn,
    DATABASE_CA_FILE: optionalText,
    RAW_BUCKET: optionalText,
    POSTS_TABLE: optionalText,
    PRICES_TABLE: optionalText,
    SNS_TOPIC_ARN: optionalArn,
    X_BEARER_TOKEN: optionalText,
    X_BEARER_TOKEN_SECRET_ARN: optionalArn,
    X_MAX_RESULTS: boundedInt(10, 100, 10),
    X_SEARCH: optionalText.pipe(choice(['recent', 'all']).default('recent')),
    X_COST_PER_POST_USD: xPrice(PRICES.xPost),
    X_COST_PER_COUNTS_REQUEST_USD: xPrice(PRICES.xCountsRequest),
    X_MONTHLY_BUDGET_USD: optionalText.pipe(
      z.coerce.number<string | undefined>({ error: 'US dollars, 0 or more' }).min(0).default(225),
    ),
    X_API_BASE_URL: optionalUrl('the X API base, e.g. https://api.x.com'),
    YAHOO_FINANCE_BASE_URL: optionalUrl('the Yahoo Finance base, e.g. https://query2.finance.yahoo.com'),
    // Set by ECS itself: where the task can read its own metadata, log group and stream included.
    ECS_CONTAINER_METADATA_URI_V4: optionalUrl('the ECS task metadata endpoint'),
    LOG_LEVEL: optionalText.pipe(
      choice(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.STOCKPIPE_STORE === 'aws') {
      for (const name of ['RAW_BUCKET', 'POSTS_TABLE', 'PRICES_TABLE', 'SNS_TOPIC_ARN'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'set when STOCKPIPE_STORE=aws' });
      }
    }
    // Compliance finds the posts of a raw body through the post documents: a body must not outlive them.
    const raw = env.STOCKPIPE_RAW_RETENTION_DAYS;
    if (env.STOCKPIPE_POSTS_RETENTION_DAYS !== undefined && env.STOCKPIPE_POSTS_RETENTION_DAYS < raw) {
      ctx.addIssue({
        code: 'custom',
        path: ['STOCKPIPE_POSTS_RETENTION_DAYS'],
        message: `at least STOCKPIPE_RAW_RETENTION_DAYS (${raw}): compliance finds the posts in raw bodies through the post documents`,
      });
    }
    if (env.STOCKPIPE_SOURCE === 'live' && !env.X_BEARER_TOKEN && !env.X_BEARER_TOKEN_SECRET_ARN) {
      ctx.addIssue({
        code: 'custom',
        path: ['X_BEARER_TOKEN'],
        message: 'X_BEARER_TOKEN or X_BEARER_TOKEN_SECRET_ARN set when STOCKPIPE_SOURCE=live',
      });
    }
  });

/** Where the job keeps raw bodies, documents and notices: files and the terminal, or AWS. */
export type StoreConfig = { store: 'local' } | { store: 'aws'; aws: AwsResources };

/** The AWS store's resources: all required when it is chosen, so the job never guesses one. */
export interface AwsResources {
  rawBucket: string;
  postsTable: string;
  pricesTable: string;
  snsTopicArn: string;
}

export type Config = JobConfig & StoreConfig;

interface JobConfig {
  watchlist: WatchEntry[];
  source: 'live' | 'sample';
  sentiment: 'comprehend' | 'local';
  dataDir: string;
  concurrency: number;
  /** How long a run may take, waits for rate limits included: an hourly job must end before the next begins. */
  runBudgetSeconds: number;
  /** How long a run waits for another run of the same hour to finish before it gives up. */
  lockWaitSeconds: number;
  /** How many hours before its own a run looks at to heal failed and missing ticker-hours (0: none). */
  catchUpHours: number;
  /** At most this many of those hours healed per run, oldest first. */
  catchUpMaxHours: number;
  /** When the stack runs the job: hours outside it are not missing. */
  schedule: Schedule;
  /** The ticker whose returns stand for the market in analyze's event study; none: each ticker's own mean. */
  benchmark: string | undefined;
  /** The daily tasks' schedules (null: off), for `serve`; the stack schedules its own from the same defaults. */
  daily: { compliance: Schedule | null; digest: Schedule | null; analyze: Schedule | null };
  /**
   * How many days content is kept: raw bodies, and the post documents and top posts (never fewer days than the
   * raw bodies: compliance finds a body's posts through the documents). Counted from when each was written (S3
   * lifecycle, DynamoDB TTL, a file's time, a top post's load).
   */
  retention: { rawDays: number; postsDays: number };
  /** The Pulumi stack, as the metrics' dimension; unset on one machine. */
  stack: string | undefined;
  databaseUrl: string | undefined;
  databaseSecretArn: string | undefined;
  /** PEM bundle that verifies the database's TLS certificate (the RDS CA bundle in the image). */
  databaseCaFile: string | undefined;
  ecsMetadataUri: string | undefined;
  x: {
    bearerToken?: string;
    bearerTokenSecretArn?: string;
    maxResults: number;
    apiBaseUrl?: string;
    /** `recent` (7 days back) or `all` (full-archive search, for backfills of older hours; the token must allow it). */
    search: 'recent' | 'all';
    /** What X bills per post returned, for the cost a command prints before it spends. */
    costPerPostUsd: number;
    /** What X bills per recent-counts request (the hour's post volume), for plans and the budget. */
    costPerCountsRequestUsd: number;
    /** Once this month's X usage costs this much, runs stop reading X. */
    monthlyBudgetUsd: number;
  };
  yahoo: { baseUrl?: string };
  /** Unset lets each command pick: `run` logs at info, the demo at warn. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' | undefined;
}

/** The names of every variable in the contract, for infra and docs. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

/** The watchlist when none is configured: the five companies the demo, the job and the stack all start with. */
export const DEFAULT_WATCHLIST: WatchEntry[] = parseWatchlist(
  DEFAULT_WATCHLIST_TEXT,
  'DEFAULT_WATCHLIST_TEXT',
);

/** Parses a `--watchlist` flag with the same rules as STOCKPIPE_WATCHLIST. */
export function parseWatchlist(text: string, source = '--watchlist'): WatchEntry[] {
  const parsed = WatchlistSchema.safeParse(text);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((issue) => `${source}: ${issue.message}`));
  return parsed.data;
}

/** Reads the contract from an environment; throws ConfigError naming each bad variable and what it expected. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        // A watchlist's problems name their entry already; echoing a list of hundreds would bury them.
        if (name === 'STOCKPIPE_WATCHLIST') return `${name}: ${issue.message}`;
        const got = env[name] === undefined ? 'unset' : `"${withoutPassword(env[name])}"`;
        return `${name}: expected ${issue.message} (got ${got})`;
      }),
    );
  }
  const e = parsed.data;
  return {
    ...storeOf(e),
    watchlist: e.STOCKPIPE_WATCHLIST ?? DEFAULT_WATCHLIST,
    source: e.STOCKPIPE_SOURCE,
    sentiment: e.STOCKPIPE_SENTIMENT ?? (e.STOCKPIPE_STORE === 'aws' ? 'comprehend' : 'local'),
    dataDir: e.STOCKPIPE_DATA_DIR,
    concurrency: e.STOCKPIPE_CONCURRENCY,
    runBudgetSeconds: e.STOCKPIPE_RUN_BUDGET_SECONDS,
    lockWaitSeconds: e.STOCKPIPE_LOCK_WAIT_SECONDS,
    catchUpHours: e.STOCKPIPE_CATCHUP_HOURS,
    catchUpMaxHours: e.STOCKPIPE_CATCHUP_MAX_HOURS,
    schedule: parseSchedule(e.STOCKPIPE_SCHEDULE, e.STOCKPIPE_SCHEDULE_MINUTE),
    benchmark: e.STOCKPIPE_BENCHMARK,
    daily: {
      compliance: parseDailySchedule(e.STOCKPIPE_COMPLIANCE_SCHEDULE),
      digest: parseDailySchedule(e.STOCKPIPE_DIGEST_SCHEDULE),
      analyze: parseDailySchedule(e.STOCKPIPE_ANALYZE_SCHEDULE),
    },
    retention: {
      rawDays: e.STOCKPIPE_RAW_RETENTION_DAYS,
      postsDays: e.STOCKPIPE_POSTS_RETENTION_DAYS ?? e.STOCKPIPE_RAW_RETENTION_DAYS,
    },
    stack: e.STOCKPIPE_STACK,
    databaseUrl: e.DATABASE_URL,
    databaseSecretArn: e.DATABASE_SECRET_ARN,
    databaseCaFile: e.DATABASE_CA_FILE,
    ecsMetadataUri: e.ECS_CONTAINER_METADATA_URI_V4,
    x: {
      bearerToken: e.X_BEARER_TOKEN,
      bearerTokenSecretArn: e.X_BEARER_TOKEN_SECRET_ARN,
      maxResults: e.X_MAX_RESULTS,
      apiBaseUrl: e.X_API_BASE_URL,
      search: e.X_SEARCH,
      costPerPostUsd: e.X_COST_PER_POST_USD,
      costPerCountsRequestUsd: e.X_COST_PER_COUNTS_REQUEST_USD,
      monthlyBudgetUsd: e.X_MONTHLY_BUDGET_USD,
    },
    yahoo: { baseUrl: e.YAHOO_FINANCE_BASE_URL },
    logLevel: e.LOG_LEVEL,
  };
}

/** A value as an error may echo it: a URL's password (DATABASE_URL's) masked, to the last '@' before the host. */
function withoutPassword(value: string): string {
  return value.replace(/(\/\/[^/:@\s]*:)\S*@/, '$1***@');
}

function storeOf(e: z.output<typeof EnvSchema>): StoreConfig {
  if (e.STOCKPIPE_STORE === 'local') return { store: 'local' };
  const { RAW_BUCKET, POSTS_TABLE, PRICES_TABLE, SNS_TOPIC_ARN } = e;
  // EnvSchema has required each of them with the AWS store; this narrows their types.
  if (!RAW_BUCKET || !POSTS_TABLE || !PRICES_TABLE || !SNS_TOPIC_ARN) throw new Error('unreachable');
  return {
    store: 'aws',
    aws: {
      rawBucket: RAW_BUCKET,
      postsTable: POSTS_TABLE,
      pricesTable: PRICES_TABLE,
      snsTopicArn: SNS_TOPIC_ARN,
    },
  };
}
