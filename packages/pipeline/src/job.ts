import { type Config, isScheduledHour, type WatchEntry } from '@stockpipe/shared';
import { hourRunId } from './cli/run-id.ts';
import { failureReason } from './failure-reason.ts';
import type { Logger } from './log.ts';
import { withBenchmark } from './run/benchmark.ts';
import { liveOverSampleRefusal } from './run/live-over-sample.ts';
import { runBudget } from './run/run-budget.ts';
import { type RunRequest, runHour } from './run.ts';
import type { RunReport } from './run-report.ts';
import type { OpenWarehouse } from './stores/open-warehouse.ts';
import { HOUR_MS, hourKey } from './time/hours.ts';
import { openPipeline } from './wiring.ts';

export interface JobRequest {
  hourStart: Date;
  watchlist: readonly WatchEntry[];
  /** False: the hour alone, no catch-up. */
  catchUp: boolean;
  /** When the job began (`performance.now()`), start-up included. */
  startedAt?: number;
  /** Load live rows over sample rows of the same ticker-hours (`run --force`). */
  force?: boolean;
  /** A warehouse kept open by the caller (serve's); the job opens its own otherwise. */
  warehouse?: OpenWarehouse;
}

/**
 * The hourly job, as `stockpipe run` and `serve`'s schedule both run it: say it started, open the pipeline, run the
 * hour with catch-up, close. A pipeline that cannot open is logged as a run not started, and thrown.
 */
export async function runJob(config: Config, logger: Logger, request: JobRequest): Promise<RunReport> {
  const { hourStart } = request;
  const watchlist = withBenchmark(request.watchlist, config.benchmark);
  // A hard deadline from here: an hourly run must end before the next begins, start-up included.
  const budget = runBudget(Date.now() + config.runBudgetSeconds * 1000, config.runBudgetSeconds);
  const runId = hourRunId(hourStart);
  // First line out at once: a stuck start-up (secrets, database) is then visible in the logs.
  logger.info(
    {
      runId,
      hour: hourKey(hourStart),
      stage: 'start',
      tickers: watchlist.length,
      source: config.source,
      store: config.store,
    },
    'run started',
  );
  const pipeline = await openPipeline(config, logger, { warehouse: request.warehouse }).catch(
    (error: unknown) => {
      // A log reader sees why the run that started never finished (the terminal gets the same as one line).
      logger.error({ runId, stage: 'start', reason: failureReason(error) }, 'run not started');
      throw error;
    },
  );
  try {
    if (!request.force && config.source === 'live') {
      // A warehouse that cannot answer this fails the run at load, as it always has: the raw data staged, the summary
      // sent. The check must not end the run before either.
      const own = await pipeline.deps.warehouse
        .ledger(
          watchlist.map((e) => e.ticker),
          hourStart,
          new Date(hourStart.getTime() + HOUR_MS),
        )
        .catch(() => []);
      const sampleRows = own.filter((r) => r.source === 'sample' && !r.rowGone).length;
      const overSample = liveOverSampleRefusal(config.source, sampleRows, 'run');
      if (overSample) throw overSample;
    }
    return await runHour(pipeline.deps, {
      runId,
      hourStart,
      watchlist,
      startedAt: request.startedAt,
      catchUp: request.catchUp ? catchUpOf(config) : undefined,
      budget,
    });
  } finally {
    await pipeline.close();
  }
}

/** Catch-up as the config sets it: the hours before a run's own that it heals (none when STOCKPIPE_CATCHUP_HOURS=0). */
function catchUpOf(config: Config): RunRequest['catchUp'] {
  if (config.catchUpHours === 0) return undefined;
  return {
    lookBackHours: config.catchUpHours,
    maxHours: config.catchUpMaxHours,
    // An hour the schedule does not run (market hours only, say) is not missing.
    isScheduled: (hour: Date) => isScheduledHour(hour, config.schedule),
  };
}
