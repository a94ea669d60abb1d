import { join } from 'node:path';
import { type Config, nextFiring, withinSearchLimit } from '@stockpipe/shared';
import { BusyError } from '../errors.ts';
import { createLogger } from '../log.ts';
import { fileClock, systemClock } from '../serve/clock.ts';
import { analyzeTask, complianceTask, digestTask } from '../serve/daily-work.ts';
import { judgeHealth } from '../serve/health.ts';
import { type BeyondCatchUp, hourlyJob } from '../serve/hourly-job.ts';
import { startHttpServer } from '../serve/http-server.ts';
import { dashboardPage, statusPage } from '../serve/pages.ts';
import { fileScheduleMemory } from '../serve/schedule-memory.ts';
import { runSchedule, type ScheduledTask, type SchedulerState } from '../serve/scheduler.ts';
import { ServeMetrics } from '../serve/serve-metrics.ts';
import { stopRequested } from '../stop-signal.ts';
import { usableDataDir } from '../stores/data-dir.ts';
import { describeHolder, FileLock, thisProcess } from '../stores/file-lock.ts';
import { openWarehouseFor } from '../wiring.ts';

export interface ServeOptions {
  port: number;
  warehousePort: number;
  /** False with --no-warehouse. */
  warehouse: boolean;
  /** Where both servers listen: 127.0.0.1, or 0.0.0.0 in a container that publishes the ports. */
  host: string;
  clockFile?: string;
}

// Past its due time by the run budget and this, a run is overdue: /healthz says 503.
const OVERDUE_AFTER_MS = 10 * 60_000;
const REPORT_HOURS = 48;

/**
 * `stockpipe serve`: the single-machine deployment in one process. It runs the job on the schedule (and at once at
 * start, and on waking), the daily work (retention and compliance, the digest), serves the warehouse on the
 * PostgreSQL wire and pages over HTTP on 127.0.0.1, until SIGINT or SIGTERM: then the run in hand finishes, both
 * servers close, and the data dir is let go. One serve a data dir.
 */
export async function serveCommand(
  config: Config,
  options: ServeOptions,
  out: (text: string) => void,
): Promise<number> {
  // Every scheduled run searches X for the whole watchlist: refused at start, not at each hour.
  withinSearchLimit(config.watchlist, 'STOCKPIPE_WATCHLIST');
  const logger = createLogger(config.logLevel ?? 'info');
  const clock = options.clockFile ? fileClock(options.clockFile) : systemClock;
  const dataDir = await usableDataDir(config.dataDir);
  const lockPath = join(dataDir, 'serve.lock');
  const lock = FileLock.tryAcquire(lockPath, thisProcess());
  if (!lock)
    throw new BusyError(
      `serve is running on ${dataDir} already: ${describeHolder(FileLock.readHolder(lockPath))}`,
    );
  const stopping = new AbortController();
  const closers: (() => Promise<void>)[] = [async () => lock.release()];
  try {
    const served = options.warehouse && !config.databaseUrl;
    const open = await openWarehouseFor(
      config,
      logger,
      served ? { servePort: options.warehousePort, serveHost: options.host } : {},
    );
    closers.unshift(() => open.close());
    await open.warehouse.migrate();
    // Signals from here on: a Ctrl-C while the warehouse opened stopped serve as any command.
    void stopRequested().then((why) => {
      logger.info({ stage: 'serve', why }, 'stopping: the run in hand finishes first');
      stopping.abort();
    });

    const metrics = new ServeMetrics();
    const health = { last: null, next: null, running: null, beyondCatchUp: null as BeyondCatchUp | null };
    const scheduler: SchedulerState = { next: new Map(), running: null };
    const tasks = [
      hourlyJob(config, open, logger, metrics, health, clock),
      complianceTask(config, open, logger, metrics),
      digestTask(config, open, logger),
      analyzeTask(config, open, logger),
    ].filter((task): task is ScheduledTask => task !== null);
    const grace = config.runBudgetSeconds * 1000 + OVERDUE_AFTER_MS;
    const http = await startHttpServer(
      {
        '/': async (query) => ({
          type: 'text/html; charset=utf-8',
          body: await dashboardPage(open.warehouse, query, clock.now()),
        }),
        '/status': async (query) => ({
          type: 'text/html; charset=utf-8',
          body: await statusPage(open.warehouse, config, hoursOf(query), clock.now(), health.beyondCatchUp),
        }),
        '/healthz': async () => {
          const judged = judgeHealth(
            { ...health, next: scheduler.next.get('run') ?? null },
            clock.now(),
            grace,
          );
          return {
            status: judged.status,
            type: 'application/json',
            body: `${JSON.stringify(judged.body)}\n`,
          };
        },
        '/metrics': async () => ({
          type: 'text/plain; version=0.0.4; charset=utf-8',
          body: await metrics.text(),
        }),
      },
      { port: options.port, host: options.host },
      logger,
    );
    closers.unshift(() => http.close());
    out(banner(config, http.url, served ? open.url : null, tasks, clock.now()));
    const memory = fileScheduleMemory(join(dataDir, 'serve-schedule.json'));
    await runSchedule(tasks, clock, stopping.signal, logger, scheduler, memory);
    out('Stopped: the run in hand finished, both servers are closed and the data dir is free.\n');
    return 0;
  } finally {
    for (const close of closers) await close().catch(() => {});
  }
}

function hoursOf(query: URLSearchParams): number {
  const hours = Number(query.get('hours') ?? REPORT_HOURS);
  return Number.isInteger(hours) && hours >= 1 && hours <= 24 * 30 ? hours : REPORT_HOURS;
}

function banner(
  config: Config,
  pages: string,
  warehouse: string | null,
  tasks: readonly ScheduledTask[],
  now: Date,
): string {
  const next = (task: ScheduledTask) => nextFiring(task.schedule, now)?.toISOString() ?? 'never';
  return [
    `stockpipe serve: ${config.watchlist.length} tickers, ${config.source} data, schedule ${config.schedule.text}`,
    `  dashboard  ${pages}/     status ${pages}/status     health ${pages}/healthz     metrics ${pages}/metrics`,
    warehouse
      ? `  warehouse  ${warehouse}  (psql, Power BI; other stockpipe commands on this data dir go through it)`
      : `  warehouse  ${config.databaseUrl ? 'DATABASE_URL' : 'not served (--no-warehouse)'}`,
    '  the job runs now for the last complete hour, then:',
    ...tasks.map((task) => `    ${task.name.padEnd(11)}next at ${next(task)}`),
    'Ctrl-C (or SIGTERM) stops it after the run in hand.',
    '',
  ].join('\n');
}
