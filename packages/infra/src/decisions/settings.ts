import {
  DEMO_WATCHLIST,
  EnvSchema,
  parseSchedule,
  type Schedule,
  STACK_SIZE_DEFAULTS,
  WatchlistSchema,
} from '@stockpipe/shared';
import { z } from 'zod';

const sizes = STACK_SIZE_DEFAULTS;
// The job's own variables, checked and defaulted as the job reads them (the config contract).
const job = EnvSchema.shape;

/** What a stack may choose, with the defaults of a cheap trial stack. */
const SettingsSchema = z.object({
  watchlist: z.string().default(DEMO_WATCHLIST).pipe(WatchlistSchema),
  source: z.enum(['live', 'sample']).default('live'),
  sentiment: z.enum(['comprehend', 'local']).default('comprehend'),
  schedule: job.STOCKPIPE_SCHEDULE,
  scheduleMinute: z.coerce.number().int().min(0).max(59).default(5),
  xMaxResults: job.X_MAX_RESULTS,
  xMonthlyBudgetUsd: job.X_MONTHLY_BUDGET_USD,
  alertEmails: z.array(z.email()).default([]),
  /** Who gets email: failures and alarms only, or every run's report too. */
  notifyOn: z.enum(['failures', 'all']).default('failures'),
  production: z.coerce.boolean().default(false),
  databaseInstanceClass: z.string().default(sizes.databaseInstanceClass),
  databaseStorageGb: z.coerce.number().int().min(20).max(1000).default(sizes.databaseStorageGb),
  databaseEngineMajor: z.string().regex(/^\d+$/).default('17'),
  databasePublicCidrs: z.array(z.cidrv4()).default([]),
  backupRetentionDays: z.coerce.number().int().min(1).max(35).default(7),
  taskCpu: z.coerce.number().int().default(sizes.taskCpu),
  taskMemory: z.coerce.number().int().default(sizes.taskMemory),
  logRetentionDays: z.coerce.number().int().default(30),
  rawNoncurrentDays: z.coerce.number().int().min(1).default(90),
  imagesToKeep: z.coerce.number().int().min(1).default(sizes.imagesToKeep),
});
export type Settings = Omit<z.infer<typeof SettingsSchema>, 'schedule'> & {
  watchlistText: string;
  /** The schedule, at the stack's minute: what the Scheduler runs and which hours it covers. */
  schedule: Schedule;
};

/** Reads and checks the stack config (`pulumi config set stockpipe:<key>`); a bad value names its key. */
export function parseSettings(read: (key: string) => string | undefined): Settings {
  const json = (key: string) => {
    const value = read(key);
    return value === undefined ? undefined : (JSON.parse(value) as unknown);
  };
  const raw = {
    watchlist: read('watchlist'),
    source: read('source'),
    sentiment: read('sentiment'),
    schedule: read('schedule'),
    scheduleMinute: read('scheduleMinute'),
    xMaxResults: read('xMaxResults'),
    xMonthlyBudgetUsd: read('xMonthlyBudgetUsd'),
    alertEmails: json('alertEmails'),
    notifyOn: read('notifyOn'),
    production: read('production') === undefined ? undefined : read('production') === 'true',
    databaseInstanceClass: read('databaseInstanceClass'),
    databaseStorageGb: read('databaseStorageGb'),
    databaseEngineMajor: read('databaseEngineMajor'),
    databasePublicCidrs: json('databasePublicCidrs'),
    backupRetentionDays: read('backupRetentionDays'),
    taskCpu: read('taskCpu'),
    taskMemory: read('taskMemory'),
    logRetentionDays: read('logRetentionDays'),
    rawNoncurrentDays: read('rawNoncurrentDays'),
    imagesToKeep: read('imagesToKeep'),
  };
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
  return {
    ...parsed.data,
    watchlistText: raw.watchlist ?? DEMO_WATCHLIST,
    schedule: parseSchedule(parsed.data.schedule, parsed.data.scheduleMinute),
  };
}

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
