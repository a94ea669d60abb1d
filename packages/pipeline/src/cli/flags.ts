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

export function reportHours(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_REPORT_HOURS)
    throw new InvalidArgumentError(`expected a whole number of hours from 1 to ${MAX_REPORT_HOURS}`);
  return n;
}

export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > 65535)
    throw new InvalidArgumentError('expected a port from 1024 to 65535');
  return n;
}

export function wholeSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3600)
    throw new InvalidArgumentError('expected whole seconds from 1 to 3600');
  return n;
}

export function wholeDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 3650)
    throw new InvalidArgumentError('expected whole days from 1 to 3650');
  return n;
}
