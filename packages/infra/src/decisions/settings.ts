import {
  DEFAULT_WATCHLIST_TEXT,
  EnvSchema,
  parseDailySchedule,
  parseSchedule,
  type Schedule,
  STACK_SIZE_DEFAULTS,
  WatchlistSchema,
} from '@stockpipe/shared';
import { z } from 'zod';

const sizes = STACK_SIZE_DEFAULTS;
// The job's own variables, checked and defaulted as the job reads them (the config contract).
const job = EnvSchema.shape;
// Pulumi hands every config value over as text: the schema reads each from its text, so the keys are listed once.
const flag = z.enum(['true', 'false'], { error: 'true or false' }).transform((text) => text === 'true');
const jsonList = <T extends z.ZodType>(item: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'a JSON list, e.g. ["..."]' });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));

/** What a stack may choose, with the defaults of a cheap trial stack. */
const SettingsSchema = z.object({
  watchlist: z.string().default(DEFAULT_WATCHLIST_TEXT).pipe(WatchlistSchema),
  source: z.enum(['live', 'sample']).default('live'),
  sentiment: z.enum(['comprehend', 'local']).default('comprehend'),
  schedule: job.STOCKPIPE_SCHEDULE,
  scheduleMinute: z.coerce.number().int().min(0).max(59).default(5),
  xMaxResults: job.X_MAX_RESULTS,
  xMonthlyBudgetUsd: job.X_MONTHLY_BUDGET_USD,
  alertEmails: jsonList(z.email()).default([]),
  /** Who gets email: failures and alarms only, or every run's report too. */
  notifyOn: z.enum(['failures', 'all']).default('failures'),
  production: flag.default(false),
  databaseInstanceClass: z.string().default(sizes.databaseInstanceClass),
  databaseStorageGb: z.coerce.number().int().min(20).max(1000).default(sizes.databaseStorageGb),
  databaseEngineMajor: z.string().regex(/^\d+$/).default('17'),
  databasePublicCidrs: jsonList(z.cidrv4()).default([]),
  backupRetentionDays: z.coerce.number().int().min(1).max(35).default(7),
  taskCpu: z.coerce.number().int().default(sizes.taskCpu),
  taskMemory: z.coerce.number().int().default(sizes.taskMemory),
  logRetentionDays: z.coerce.number().int().default(30),
  // Raw bodies replay needs; an older version (a rerun's leftover, and a body's last copy once it expires) is kept
  // a week more; post documents and top posts at least as long as both, since compliance finds raw posts by them.
  rawRetentionDays: job.STOCKPIPE_RAW_RETENTION_DAYS,
  rawNoncurrentDays: z.coerce.number().int().min(1).default(7),
  postsRetentionDays: job.STOCKPIPE_POSTS_RETENTION_DAYS,
  // The daily tasks, as `serve` runs them on one machine: `HH:MM` in UTC, an AWS cron expression, or `off`.
  /** When the daily compliance check runs. */
  complianceSchedule: job.STOCKPIPE_COMPLIANCE_SCHEDULE,
  /** When the daily digest is emailed (the day before, in one message). */
  digestSchedule: job.STOCKPIPE_DIGEST_SCHEDULE,
  /** When the lead–lag analysis is refreshed (`analyze --save`): what the dashboard's panel draws. */
  analyzeSchedule: job.STOCKPIPE_ANALYZE_SCHEDULE,
  imagesToKeep: z.coerce.number().int().min(1).default(sizes.imagesToKeep),
});
/** Every `stockpipe:<key>` the stack reads, besides the secret `xBearerToken`. */
export const SETTING_KEYS = SettingsSchema.keyof().options;

export type Settings = Omit<
  z.infer<typeof SettingsSchema>,
  'schedule' | 'complianceSchedule' | 'digestSchedule' | 'analyzeSchedule' | 'postsRetentionDays'
> & {
  watchlistText: string;
  /** The schedule, at the stack's minute: what the Scheduler runs and which hours it covers. */
  schedule: Schedule;
  /** The daily compliance check's schedule; null when off, or on sample data (X never saw those posts). */
  complianceSchedule: Schedule | null;
  /** The daily digest's schedule; null (the default) when off. */
  digestSchedule: Schedule | null;
  /** The daily refresh of the lead–lag analysis; null when off. */
  analyzeSchedule: Schedule | null;
  /** Post documents and top posts, in days: as long as any copy of a raw body unless set longer. */
  postsRetentionDays: number;
};

/** Reads and checks the stack config (`pulumi config set stockpipe:<key>`); a bad value names its key. */
export function parseSettings(read: (key: string) => string | undefined): Settings {
  const raw = Object.fromEntries(SETTING_KEYS.map((key) => [key, read(key)]));
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `stockpipe:${String(i.path[0])}: ${i.message}`);
    throw new Error(`bad stack config:\n  ${problems.join('\n  ')}`);
  }
  if (
    !FARGATE_SIZES.some(([cpu, memory]) => cpu === parsed.data.taskCpu && memory === parsed.data.taskMemory)
  ) {
    throw new Error(
      `bad stack config: taskCpu/taskMemory ${parsed.data.taskCpu}/${parsed.data.taskMemory} is not a Fargate size`,
    );
  }
  const { rawRetentionDays, rawNoncurrentDays } = parsed.data;
  // A raw body's last copy lives its retention and then its days as an older version.
  const rawCopyDays = rawRetentionDays + rawNoncurrentDays;
  // S3 runs each lifecycle step at the next midnight UTC and deletes when it gets to it (a day or two late): the
  // documents, by which compliance finds a body's posts, are kept that much longer by default.
  const postsRetentionDays = parsed.data.postsRetentionDays ?? rawCopyDays + LIFECYCLE_LAG_DAYS;
  if (postsRetentionDays < rawCopyDays) {
    throw new Error(
      `bad stack config: stockpipe:postsRetentionDays ${postsRetentionDays} is fewer than rawRetentionDays + rawNoncurrentDays (${rawCopyDays}): compliance finds the posts of raw bodies through the post documents, so those must outlive every copy of a body`,
    );
  }
  return {
    ...parsed.data,
    watchlistText: raw.watchlist ?? DEFAULT_WATCHLIST_TEXT,
    schedule: parseSchedule(parsed.data.schedule, parsed.data.scheduleMinute),
    postsRetentionDays,
    // Checked by the schema already: parsing cannot throw here.
    complianceSchedule:
      parsed.data.source === 'live' ? parseDailySchedule(parsed.data.complianceSchedule) : null,
    digestSchedule: parseDailySchedule(parsed.data.digestSchedule),
    analyzeSchedule: parseDailySchedule(parsed.data.analyzeSchedule),
  };
}

/** How late S3's lifecycle may expire an object: its step rounded up to midnight UTC, then done asynchronously. */
const LIFECYCLE_LAG_DAYS = 2;

// The smaller Fargate CPU/memory pairs (CPU units, MiB).
const FARGATE_SIZES: [number, number][] = [
  [256, 512],
  [256, 1024],
  [256, 2048],
  [512, 1024],
  [512, 2048],
  [512, 4096],
  [1024, 2048],
  [1024, 4096],
];
