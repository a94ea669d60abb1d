import {
  type Config,
  parseWatchlist,
  WATCHLIST_FORMAT,
  type WatchEntry,
  withinSearchLimit,
} from '@stockpipe/shared';
import { InvalidArgumentError } from 'commander';
import { HOUR_MS, hourLabel } from '../time/hours.ts';

/** The most hours a report (`--hours`) shows: 30 days. */
export const MAX_REPORT_HOURS = 24 * 30;

// Examples in help text, written as the commands print hours back.
const EXAMPLE_HOUR = new Date('2024-12-07T21:00Z');
const EXAMPLE_FROM = new Date('2024-12-01T00:00Z');

export const HOUR_HELP = `the UTC hour to process, e.g. ${hourLabel(EXAMPLE_HOUR)} (default: the last complete hour)`;
export const FROM_HELP = `the first UTC hour, e.g. ${hourLabel(EXAMPLE_FROM)}`;
export const TO_HELP = `the last UTC hour, included, e.g. ${hourLabel(new Date(EXAMPLE_FROM.getTime() + 23 * HOUR_MS))}`;
export const WATCHLIST_HELP = `${WATCHLIST_FORMAT} (default: STOCKPIPE_WATCHLIST)`;

/** `--watchlist` when given, else the configured watchlist. */
export function watchlistOf(option: string | undefined, config: Pick<Config, 'watchlist'>): WatchEntry[] {
  return option === undefined ? [...config.watchlist] : parseWatchlist(option);
}

/** `watchlistOf` for a command that searches X: at most MAX_WATCHLIST tickers, X's rate limit. */
export function searchedWatchlistOf(
  option: string | undefined,
  config: Pick<Config, 'watchlist'>,
): WatchEntry[] {
  return withinSearchLimit(
    watchlistOf(option, config),
    option === undefined ? 'STOCKPIPE_WATCHLIST' : '--watchlist',
  );
}

/** A flag's parser for a whole number in [min, max], its error naming what it is. */
export function wholeBetween(min: number, max: number, what = 'a whole number') {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected ${what} from ${min} to ${max}`);
    return n;
  };
}

export const reportHours = wholeBetween(1, MAX_REPORT_HOURS, 'a whole number of hours');
export const portNumber = wholeBetween(1024, 65535, 'a port');
export const wholeSeconds = wholeBetween(1, 3600, 'whole seconds');

export const wholeDays = wholeBetween(1, 3650, 'whole days');
