import { type Config, isScheduledHour } from '@stockpipe/shared';
import { runJob } from '../job.ts';
import type { Logger } from '../log.ts';
import { runMetricFields } from '../run-metrics.ts';
import type { OpenWarehouse } from '../stores/open-warehouse.ts';
import { HOUR_MS, hourLabel, lastCompleteHour } from '../time/hours.ts';
import type { Clock } from './clock.ts';
import type { RunHealth } from './health.ts';
import type { ScheduledTask } from './scheduler.ts';
import type { ServeMetrics } from './serve-metrics.ts';

/** Hours a stopped or sleeping serve missed that catch-up will not reach, and the backfill that loads them. */
export interface BeyondCatchUp {
  from: Date;
  to: Date;
  command: string;
}

/**
 * The hourly job on the schedule, as `stockpipe run` does it (catch-up included), against serve's warehouse: the
 * hour of each firing, or at start the last scheduled hour that is complete.
 */
export function hourlyJob(
  config: Config,
  open: OpenWarehouse,
  logger: Logger,
  metrics: ServeMetrics,
  health: RunHealth & { beyondCatchUp: BeyondCatchUp | null },
  clock: Clock,
): ScheduledTask {
  // Started between the hour and its firing (15:02, firing at 15:05), the run at start and the firing both mean the
  // 14:00 hour: once it succeeded, the firing has nothing to add.
  let lastSucceeded: number | null = null;
  return {
    name: 'run',
    schedule: config.schedule,
    atStart: true,
    async run(firedAt) {
      const hourStart = lastScheduledHour(config, lastCompleteHour(firedAt));
      if (hourStart.getTime() === lastSucceeded) {
        logger.info({ stage: 'serve', hour: hourLabel(hourStart) }, 'hour already run');
        return;
      }
      // Only advice for the status page: a warehouse that cannot answer it now fails the run itself, just after.
      health.beyondCatchUp = await beyondCatchUp(config, open, hourStart).catch((error) => {
        logger.warn({ stage: 'catch-up', err: error }, 'hours beyond catch-up not known');
        return health.beyondCatchUp;
      });
      if (health.beyondCatchUp)
        logger.warn(
          {
            stage: 'catch-up',
            from: hourLabel(health.beyondCatchUp.from),
            to: hourLabel(health.beyondCatchUp.to),
          },
          `hours beyond catch-up (STOCKPIPE_CATCHUP_HOURS=${config.catchUpHours}): ${health.beyondCatchUp.command}`,
        );
      const startedAt = performance.now();
      health.running = clock.now();
      try {
        const report = await runJob(config, logger, {
          hourStart,
          watchlist: config.watchlist,
          catchUp: true,
          startedAt,
          warehouse: open,
        });
        const finishedAt = clock.now();
        lastSucceeded = report.status === 'succeeded' ? hourStart.getTime() : null;
        health.last = {
          hourStart,
          finishedAt,
          status: report.status,
          failed: report.tickers.filter((t) => t.status === 'failed').map((t) => t.ticker),
        };
        const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
        metrics.recordRun(report.status, runMetricFields(report, { peakRssMb }), finishedAt);
      } catch (error) {
        // A run that could not start (the warehouse went away) is a failed run too.
        health.last = { hourStart, finishedAt: clock.now(), status: 'failed', failed: ['(not started)'] };
        metrics.recordRun('failed', {}, clock.now());
        throw error;
      } finally {
        health.running = null;
      }
    },
  };
}

/** `hour` if the schedule runs it, else the last one before it that it runs (within a fortnight). */
function lastScheduledHour(config: Config, hour: Date): Date {
  for (let back = 0; back < 24 * 14; back++) {
    const at = new Date(hour.getTime() - back * HOUR_MS);
    if (isScheduledHour(at, config.schedule)) return at;
  }
  return hour;
}

/** The hours between the last one recorded and the start of catch-up's reach, when there are any. */
async function beyondCatchUp(
  config: Config,
  open: OpenWarehouse,
  hourStart: Date,
): Promise<BeyondCatchUp | null> {
  const last = await open.warehouse.lastRecorded(config.watchlist.map((w) => w.ticker));
  if (!last) return null;
  const reach = new Date(hourStart.getTime() - config.catchUpHours * HOUR_MS);
  const from = new Date(last.getTime() + HOUR_MS);
  const to = new Date(reach.getTime() - HOUR_MS);
  if (from > to) return null;
  return {
    from,
    to,
    command: `stockpipe backfill --from ${hourLabel(from)} --to ${hourLabel(to)}`,
  };
}
