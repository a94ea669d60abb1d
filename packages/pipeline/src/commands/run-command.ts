import type { Config } from '@stockpipe/shared';
import { searchedWatchlistOf } from '../cli/flags.ts';
import { runJob } from '../job.ts';
import { createLogger } from '../log.ts';
import { lastCompleteHour, parseHour } from '../time/hours.ts';

export interface RunOptions {
  hour?: string;
  watchlist?: string;
  /** False with --no-catch-up. */
  catchUp?: boolean;
  /** Live rows over sample rows of the same hour. */
  force?: boolean;
}

/**
 * `stockpipe run`: one logical hour for the watchlist, and the failed or missing ticker-hours before it (catch-up).
 * Exit 0 when every ticker of the hour loaded, else 1.
 */
export async function runCommand(config: Config, options: RunOptions, now = new Date()): Promise<number> {
  // The run's duration counts from here: secrets, the embedded database's start and the model load are its cost too.
  const startedAt = performance.now();
  const report = await runJob(config, createLogger(config.logLevel ?? 'info'), {
    hourStart: options.hour !== undefined ? parseHour(options.hour, now) : lastCompleteHour(now),
    watchlist: searchedWatchlistOf(options.watchlist, config),
    catchUp: options.catchUp !== false,
    force: options.force === true,
    startedAt,
  });
  return report.status === 'succeeded' ? 0 : 1;
}
