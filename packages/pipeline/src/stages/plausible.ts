import type { XCountsResponse } from '../schemas/x-counts.ts';
import type { XSearchResponse } from '../schemas/x-search.ts';
import type { YahooChartResult } from '../schemas/yahoo-chart.ts';
import { HOUR_MS, hourLabel } from '../time/hours.ts';

// What the warehouse's columns hold (migrations 0001, 0002): a value beyond them would make PostgreSQL refuse the
// batch. Checked here, where one ticker-hour fails with the value named, not at the load.
/** `integer` columns (a post's likes, reposts, replies, quotes). */
const INTEGER_MAX = 2_147_483_647;
/** `numeric(14, 4)` prices: ten digits before the point. */
const PRICE_LIMIT = 1e10;
/** `bigint` volume, as far as a JavaScript number counts exactly. */
const VOLUME_MAX = Number.MAX_SAFE_INTEGER;

const METRICS = ['like_count', 'retweet_count', 'reply_count', 'quote_count'] as const;

/**
 * An X search answer the warehouse can hold and that means what it says: every post created inside the hour it
 * was asked for, every count one an `integer` column holds. Throws naming the first post and value that is not.
 */
export function checkSearch(search: XSearchResponse, hourStart: Date): void {
  const from = hourStart.getTime();
  for (const tweet of search.data ?? []) {
    const created = Date.parse(tweet.created_at);
    if (created < from || created >= from + HOUR_MS) {
      throw new Error(
        `post ${tweet.id} was created at ${tweet.created_at}, outside the hour ${hourLabel(hourStart)} it was asked for`,
      );
    }
    for (const metric of METRICS) {
      const value = tweet.public_metrics[metric];
      if (value > INTEGER_MAX) {
        throw new Error(
          `post ${tweet.id} has ${metric} ${value}, more than the warehouse holds (${INTEGER_MAX})`,
        );
      }
    }
  }
}

/**
 * Yahoo bars the warehouse can hold and that mean what they say: prices neither negative nor beyond `numeric(14, 4)`,
 * volumes neither negative nor beyond what counts exactly. Throws naming the first bar and value that is not.
 */
export function checkBars(bars: YahooChartResult): void {
  const quote = bars.indicators.quote[0];
  const at = (i: number) => {
    const seconds = bars.timestamp?.[i];
    return seconds === undefined ? `bar ${i}` : `the bar of ${new Date(seconds * 1000).toISOString()}`;
  };
  for (const field of ['open', 'high', 'low', 'close'] as const) {
    (quote?.[field] ?? []).forEach((value, i) => {
      if (value === null) return;
      if (!(value >= 0)) throw new Error(`${field} ${value} of ${at(i)} is negative`);
      if (value >= PRICE_LIMIT) {
        throw new Error(
          `${field} ${value} of ${at(i)} is beyond what the warehouse holds (under ${PRICE_LIMIT})`,
        );
      }
    });
  }
  (quote?.volume ?? []).forEach((value, i) => {
    if (value === null) return;
    if (!(value >= 0)) throw new Error(`volume ${value} of ${at(i)} is negative`);
    if (value > VOLUME_MAX) {
      throw new Error(`volume ${value} of ${at(i)} is beyond what the warehouse holds (${VOLUME_MAX})`);
    }
  });
}

/**
 * X counts the warehouse can hold and that mean what they say: every bucket a whole UTC hour, none after `lastHour`
 * (the newest hour asked for: a later one was not over when counted), every count one an `integer` column holds.
 * Throws naming the first bucket that is not.
 */
export function checkCounts(counts: XCountsResponse, lastHour: Date): void {
  for (const bucket of counts.data ?? []) {
    const start = Date.parse(bucket.start);
    const end = Date.parse(bucket.end);
    const span = `the bucket ${bucket.start} – ${bucket.end}`;
    if (start % HOUR_MS !== 0 || end - start !== HOUR_MS) throw new Error(`${span} is not a whole hour`);
    if (start > lastHour.getTime()) {
      throw new Error(`${span} is after ${hourLabel(lastHour)}, the last hour asked for`);
    }
    if (bucket.tweet_count > INTEGER_MAX) {
      throw new Error(
        `${span} counts ${bucket.tweet_count} posts, more than the warehouse holds (${INTEGER_MAX})`,
      );
    }
  }
}
