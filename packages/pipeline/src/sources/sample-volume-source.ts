import { isRegularSession, type WatchEntry } from '@stockpipe/shared';
import type { RawResponse, VolumeSource } from '../ports.ts';
import { COUNTS_RAW_PREFIX } from '../raw/counts-raw-prefix.ts';
import { HOUR_MS } from '../time/hours.ts';
import { sampleMove } from './sample-market.ts';
import { sampleHourTalk } from './sample-talk.ts';
import { seededRandom, unitHash } from './seeded-random.ts';

const newYorkHour = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hour: 'numeric',
  weekday: 'short',
  hourCycle: 'h23',
});

/**
 * Deterministic hourly counts shaped like an X v2 recent counts response, seeded by ticker and hour, for the
 * sample posts' hours: hundreds to thousands of posts an hour, following New York's day (quiet at night, busiest
 * in the afternoon), about twice as busy while the market is open, quieter at weekends, busier when the price
 * moves, with an occasional spike. An hour whose sample search finds no post counts none; every other hour counts
 * at least the posts its search finds.
 */
export class SampleVolumeSource implements VolumeSource {
  readonly rawPrefix = COUNTS_RAW_PREFIX.sample;
  readonly reach = { backMs: null, billed: false };

  async fetchCounts(entry: WatchEntry, from: Date, to: Date): Promise<RawResponse> {
    const data = [];
    for (let at = from.getTime(); at < to.getTime(); at += HOUR_MS) {
      data.push({
        end: new Date(at + HOUR_MS).toISOString(),
        start: new Date(at).toISOString(),
        tweet_count: sampleVolume(entry.ticker, at),
      });
    }
    const total = data.reduce((sum, bucket) => sum + bucket.tweet_count, 0);
    const body = { data, meta: { total_tweet_count: total } };
    return { body: new TextEncoder().encode(JSON.stringify(body)), contentType: 'application/json' };
  }
}

/** The posts counted in the ticker's hour starting at `from` (ms). */
export function sampleVolume(ticker: string, from: number): number {
  const { found } = sampleHourTalk(ticker, from);
  if (found === 0) return 0;
  const random = seededRandom(`${ticker}:volume:${from}`);
  // Each ticker its own level of talk: 150 to 600 posts in an average hour.
  const level = 150 + 450 * unitHash(`${ticker}:volume`);
  const parts = Object.fromEntries(newYorkHour.formatToParts(from).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  // Lowest around 3:00 in New York, highest around 15:00.
  const day = 0.3 + 0.7 * ((1 - Math.cos(((hour - 3) / 24) * 2 * Math.PI)) / 2);
  const open = isRegularSession(from) || isRegularSession(from + HOUR_MS / 2) ? 2.2 : 1;
  const weekend = parts.weekday === 'Sat' || parts.weekday === 'Sun' ? 0.6 : 1;
  // A move of 1% in the hour draws about half again as much talk.
  const moved = 1 + 50 * Math.abs(sampleMove(ticker, from, from + HOUR_MS));
  const noise = Math.exp((random.next() - 0.5) * 0.5);
  const spike = random.chance(0.03) ? 3 + 7 * random.next() : 1;
  return Math.max(found, Math.round(level * day * open * weekend * moved * noise * spike));
}
