import type { BarInterval, Candle, CleanPost } from '../records.ts';
import { XCountsResponseSchema } from '../schemas/x-counts.ts';
import { XSearchResponseSchema } from '../schemas/x-search.ts';
import { YahooChartResponseSchema } from '../schemas/yahoo-chart.ts';
import { selectCandle } from './candle.ts';
import { cleanPosts } from './clean.ts';
import { parseRaw } from './parse-raw.ts';
import { checkBars, checkCounts, checkSearch } from './plausible.ts';

// Transform, one body at a time: a body that reads is staged, one that does not is set aside (run/keep-bodies.ts).

/** An X search body read into the hour's cleaned posts: JSON, of the expected shape, with plausible values. */
export function readPosts(ticker: string, hourStart: Date, body: Uint8Array): CleanPost[] {
  const what = `${ticker} posts response`;
  const search = parseRaw(XSearchResponseSchema, body, what);
  named(what, () => checkSearch(search, hourStart));
  return cleanPosts(search, ticker, hourStart);
}

/** A Yahoo chart body read into the hour's candle; `interval` when Yahoo was asked, else the body says it. */
export function readChart(ticker: string, hourStart: Date, body: Uint8Array, interval?: BarInterval): Candle {
  const what = `${ticker} chart response`;
  const chart = parseRaw(YahooChartResponseSchema, body, what);
  if (chart.chart.error) throw new Error(`${ticker} chart: ${chart.chart.error.description}`);
  const bars = chart.chart.result?.[0];
  if (!bars) throw new Error(`${what} holds no result`);
  // A staged chart says its bars' interval itself; one with no bar at all (market closed) needs none.
  const granularity = interval ?? bars.meta.dataGranularity ?? (bars.timestamp?.length ? undefined : '30m');
  if (granularity !== '30m' && granularity !== '1h') {
    throw new Error(`${what}: bars of "${granularity ?? 'unknown'}", expected 30m or 1h`);
  }
  named(what, () => checkBars(bars));
  return selectCandle(ticker, hourStart, bars, granularity);
}

/**
 * An X counts body read into the posts counted per hour (by the hour's start, in ms), up to `lastHour`, the newest
 * hour asked for: JSON, of the expected shape, with plausible values.
 */
export function readCounts(ticker: string, lastHour: Date, body: Uint8Array): Map<number, number> {
  const what = `${ticker} counts response`;
  const counts = parseRaw(XCountsResponseSchema, body, what);
  named(what, () => checkCounts(counts, lastHour));
  return new Map((counts.data ?? []).map((bucket) => [Date.parse(bucket.start), bucket.tweet_count]));
}

function named(what: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`);
  }
}
