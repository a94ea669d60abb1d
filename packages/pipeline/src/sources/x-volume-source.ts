import type { WatchEntry } from '@stockpipe/shared';
import type { TweetV2CountParams } from 'twitter-api-v2';
import type { RawResponse, VolumeSource } from '../ports.ts';
import { COUNTS_RAW_PREFIX } from '../raw/counts-raw-prefix.ts';
import { XClient, type XClientOptions } from './x-client.ts';
import { X_RECENT_REACH_MS } from './x-reach.ts';

/**
 * The posts matching a ticker's query, hour by hour, from X API v2 recent counts (what twitter-api-v2's
 * `v2.tweetCountRecent` asks for, through XClient: deadlines, size cap, retries, its own rate window). The query is
 * the search's, retweets left out, so the volume counts the posts the top posts are the most relevant of. X bills
 * a request, not the posts counted, and counts the last X_RECENT_DAYS days only.
 */
export class XVolumeSource implements VolumeSource {
  readonly rawPrefix = COUNTS_RAW_PREFIX.live;
  readonly reach = { backMs: X_RECENT_REACH_MS, billed: true };
  readonly #client: XClient;

  constructor(options: XClientOptions) {
    this.#client = new XClient(options);
  }

  fetchCounts(entry: WatchEntry, from: Date, to: Date, signal?: AbortSignal): Promise<RawResponse> {
    const params = {
      query: `(${entry.query}) -is:retweet`,
      granularity: 'hour',
      start_time: from.toISOString(),
      end_time: to.toISOString(),
    } satisfies TweetV2CountParams;
    return this.#client.get(
      '/2/tweets/counts/recent',
      params,
      { ticker: entry.ticker, hourStart: from, endpoint: 'recent counts' },
      signal,
    );
  }
}
