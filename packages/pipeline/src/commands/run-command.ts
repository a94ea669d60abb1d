import { type Config, isScheduledHour } from '@stockpipe/shared';
import { watchlistOf } from '../cli/flags.ts';
import { hourRunId } from '../cli/run-id.ts';
import { failureReason } from '../failure-reason.ts';
import { createLogger } from '../log.ts';
import { runBudget } from '../run/run-budget.ts';
import { runHour } from '../run.ts';
import type { RunReport } from '../run-report.ts';
import { hourKey, lastCompleteHour, parseHour } from '../time/hours.ts';
import { openPipeline } from '../wiring.ts';

export interface RunOptions {
  hour?: string;
  watchlist?: string;
  /** False with --no-catch-up. */
  catchUp?: boolean;
}

/**
 * `stockpipe run`: one logical hour for the watchlist, and the failed or missing ticker-hours before it (catch-up).
 * Exit 0 when every ticker of the hour loaded, else 1.
 */
export async function runCommand(config: Config, options: RunOptions, now = new Date()): Promise<number> {
  // The run's duration counts from here: secrets, the embedded database's start and the model load are its cost too.
  const startedAt = performance.now();
  // The budget counts from here too: an hourly run must end before the next begins, start-up included.
  const budget = runBudget(Date.now() + config.runBudgetSeconds * 1000, config.runBudgetSeconds);
  const hourStart = options.hour !== undefined ? parseHour(options.hour, now) : lastCompleteHour(now);
  const watchlist = watchlistOf(options.watchlist, config);
  const logger = createLogger(config.logLevel ?? 'info');
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
  const pipeline = await openPipeline(config, logger).catch((error: unknown) => {
    // A log reader sees why the run that started never finished (the terminal gets the same as one line).
    logger.error({ runId, stage: 'start', reason: failureReason(error) }, 'run not started');
    throw error;
  });
  let report: RunReport;
  try {
    const catchUp =
      options.catchUp !== false && config.catchUpHours > 0
        ? {
            lookBackHours: config.catchUpHours,
            maxHours: config.catchUpMaxHours,
            // An hour the schedule does not run (market hours only, say) is not missing.
            isScheduled: (hour: Date) => isScheduledHour(hour, config.schedule),
          }
        : undefined;
    report = await runHour(pipeline.deps, { runId, hourStart, watchlist, startedAt, catchUp, budget });
  } finally {
    await pipeline.close();
  }
  return report.status === 'succeeded' ? 0 : 1;
}
