import type { WatchEntry } from '@stockpipe/shared';

/**
 * The tickers a command loads: the watchlist, and the benchmark (STOCKPIPE_BENCHMARK) for its prices alone, so that
 * analyze has the market's returns without paying X for its posts.
 */
export function withBenchmark(watchlist: readonly WatchEntry[], benchmark: string | undefined): WatchEntry[] {
  if (!benchmark || watchlist.some((entry) => entry.ticker === benchmark)) return [...watchlist];
  return [...watchlist, { ticker: benchmark, query: benchmark, pricesOnly: true }];
}
