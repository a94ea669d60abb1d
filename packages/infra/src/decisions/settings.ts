import { DEMO_WATCHLIST, WatchlistSchema } from '@stockpipe/shared';
import { z } from 'zod';

/** What a stack may choose, with the defaults of a cheap trial stack. */
const SettingsSchema = z.object({
  watchlist: z.string().default(DEMO_WATCHLIST).pipe(WatchlistSchema),
  source: z.enum(['live', 'sample']).default('live'),
  sentiment: z.enum(['comprehend', 'local']).default('comprehend'),
  scheduleMinute: z.coerce.number().int().min(0).max(59).default(5),
  alertEmails: z.array(z.email()).default([]),
  production: z.coerce.boolean().default(false),
  databaseInstanceClass: z.string().default('db.t4g.micro'),
  databaseStorageGb: z.coerce.number().int().min(20).max(1000).default(20),
  databaseEngineMajor: z.string().regex(/^\d+$/).default('17'),
  databasePublicCidrs: z.array(z.cidrv4()).default([]),
  backupRetentionDays: z.coerce.number().int().min(1).max(35).default(7),
  taskCpu: z.coerce.number().int().default(256),
  taskMemory: z.coerce.number().int().default(512),
  logRetentionDays: z.coerce.number().int().default(30),
  rawNoncurrentDays: z.coerce.number().int().min(1).default(90),
  imagesToKeep: z.coerce.number().int().min(1).default(10),
});
export type Settings = z.infer<typeof SettingsSchema> & { watchlistText: string };

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
    scheduleMinute: read('scheduleMinute'),
    alertEmails: json('alertEmails'),
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
